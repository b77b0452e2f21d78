"""What the history chart says about the record under the mouse, as a tooltip."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QPoint, QPointF
from PySide6.QtWidgets import QToolTip

from beliefupdate.charts.plot import HistoryPlot
from beliefupdate.charts.tooltips import implied_text, jump_text, record_text

HOVER_RADIUS_PX = 9


class Hover(QObject):
    """Follows the mouse over a HistoryPlot and shows what the nearest jump or record is."""

    def __init__(self, plot: HistoryPlot):
        super().__init__(plot)
        self._plot = plot
        self.text: str | None = None  # the tooltip shown now
        plot.widget.scene().sigMouseMoved.connect(self._mouse_moved)

    def text_at(self, x: float, y: float) -> str | None:
        """The tooltip for view coordinates (time, credence in axis units), or None.

        A jump wins over a lone record when both are within reach.
        """
        data = self._plot.data
        if data is None:
            return None
        px_w, px_h = self._plot.view.viewPixelSize()
        to_axis = self._plot.y
        best: tuple[float, str] | None = None
        for s in data.series:
            t = s.track
            if len(s.jumps):
                jx = np.array(s.jump_times)
                yb = to_axis(s.jump_before)
                ya = to_axis(s.jump_values)
                lo, hi = np.minimum(yb, ya), np.maximum(yb, ya)
                dy = np.where(y < lo, lo - y, np.where(y > hi, y - hi, 0.0)) / px_h
                d = np.hypot((jx - x) / px_w, dy)
                i = int(np.argmin(d))
                if d[i] <= HOVER_RADIUS_PX and (best is None or d[i] < best[0]):
                    best = (float(d[i]), jump_text(t, int(s.jumps[i])))
            if len(s.lone):
                lx = np.array(s.lone_times)
                ly = to_axis(s.lone_values)
                d = np.hypot((lx - x) / px_w, (ly - y) / px_h)
                i = int(np.argmin(d))
                # A record only wins when clearly nearer than any jump.
                if d[i] <= HOVER_RADIUS_PX and (best is None or d[i] + 2 < best[0]):
                    best = (float(d[i]), record_text(t, int(s.lone[i])))
        for sr in data.implied:
            # The dashed line is flat between its steps: how far the mouse is from it is vertical.
            step = sr.at(x)
            if step is None:
                continue
            d = abs(self._plot.y_of(sr.line.values[step]) - y) / px_h
            # A record or a jump on it wins: those are what you said, this is what follows from it.
            if d <= HOVER_RADIUS_PX and (best is None or d + 2 < best[0]):
                best = (d, implied_text(sr.line, step))
        return best[1] if best else None

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        view = self._plot.view
        if self._plot.data is None or not view.sceneBoundingRect().contains(scene_pos):
            self._hide()
            return
        point = view.mapSceneToView(scene_pos)
        text = self.text_at(point.x(), point.y())
        if text is None:
            self._hide()
            return
        self.text = text
        widget = self._plot.widget
        view_pos = widget.mapFromScene(scene_pos)
        QToolTip.showText(widget.mapToGlobal(view_pos) + QPoint(12, 12), text, widget)

    def _hide(self) -> None:
        if self.text is not None:
            self.text = None
            QToolTip.hideText()
