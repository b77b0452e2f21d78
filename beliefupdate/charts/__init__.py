"""History charts: pure lines and series (lines.py, series.py), their pyqtgraph rendering on screen
(widget.py, plot.py), and the printed picture (page.py, picture.py) with its export."""
