"""History charts: pure series (series.py), their pyqtgraph rendering and export."""
