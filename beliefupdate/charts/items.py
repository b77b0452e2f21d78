"""pyqtgraph pieces of the on-screen chart: the two axes and the before -> after arrows."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import ArrayLike
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap, QPolygonF

from beliefupdate.charts.lines import from_logit
from beliefupdate.charts.scales import credence_range, credence_ticks, percent_label, time_ticks, utc_offset_west


class TimeAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no type information
    """Bottom axis in local calendar time, with the same ticks and labels as the exported chart.

    pyqtgraph's own date ticks mix month and day labels that collide
    ("Apr02"); scales.time_ticks picks one unit and names the larger one where
    it changes. ``utcOffset`` is still set, for anything pyqtgraph computes itself.
    """

    def __init__(self) -> None:
        super().__init__(orientation="bottom", utcOffset=utc_offset_west(time.time()))
        self._labels: dict[float, str] = {}

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        fm = QFontMetrics(self.style["tickFont"] or QFont())
        ticks = time_ticks(minVal, maxVal, size, fm.horizontalAdvance("28 Sep") + 24)
        self._labels = dict(ticks)
        return [(1.0, [t for t, _ in ticks])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._labels.get(v, "") for v in values]


class CredenceAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no type information
    """Left axis in %: evenly spaced on the linear scale, at telling probabilities on the log-odds one."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("left", **kwargs)
        self.log_odds = False

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        lo, hi = credence_range(self.log_odds)
        full = size * (hi - lo) / max(maxVal - minVal, 1e-9)
        values = [v for v, _ in credence_ticks(self.log_odds, full, 26) if minVal <= v <= maxVal]
        return [(1.0, values)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [percent_label(from_logit(v) if self.log_odds else v) for v in values]


class JumpArrows(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph has no type information
    """One proposition's before -> after jumps: thick vertical shafts ending in arrowheads.

    Heads keep their size in pixels whatever the zoom, so the item paints in
    device coordinates. Thousands of arrows stay cheap the way pyqtgraph's own
    curves and scatter plots do it: shafts as one array of lines, heads as
    fragments of one small pre-rendered pixmap.
    """

    HEAD_PX = 13
    HEAD_HALF_WIDTH = 7
    SHAFT_PX = 4.5

    def __init__(self) -> None:
        super().__init__()
        self._x = np.zeros(0)
        self._before = np.zeros(0)
        self._after = np.zeros(0)
        self._offset = np.zeros(0)
        self._colour = QColor("black")
        self._background = QColor("white")
        self._bounds = QRectF()
        self._atlas: QPixmap | None = None
        self._lines = _primitive_array(QLineF, 4)
        self._fragments = _primitive_array(QPainter.PixmapFragment, 10)

    def set_data(self, x: ArrayLike, before: ArrayLike, after: ArrayLike, offset: ArrayLike | None = None) -> None:
        """Arrows at times ``x`` from ``before`` to ``after``, each moved ``offset`` pixels sideways."""
        self.prepareGeometryChange()
        self._x, self._before, self._after = (np.asarray(a, dtype=float) for a in (x, before, after))
        self._offset = np.zeros(len(self._x)) if offset is None else np.asarray(offset, dtype=float)
        if len(self._x):
            lo = float(min(self._before.min(), self._after.min()))
            hi = float(max(self._before.max(), self._after.max()))
            self._bounds = QRectF(float(self._x.min()), lo, float(self._x.max() - self._x.min()), hi - lo)
        else:
            self._bounds = QRectF()
        self.update()

    def set_colours(self, colour: QColor, background: QColor) -> None:
        if QColor(colour) != self._colour or QColor(background) != self._background:
            self._colour, self._background = QColor(colour), QColor(background)
            self._atlas = None
            self.update()

    def boundingRect(self) -> QRectF:
        # Heads and rings reach a few pixels beyond the data: pad by that much, in data units.
        pw, ph = self.pixelWidth() or 0.0, self.pixelHeight() or 0.0
        return self._bounds.adjusted(-12 * pw, -12 * ph, 12 * pw, 12 * ph)

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()

    def dataBounds(
        self, axis: int, frac: float = 1.0, orthoRange: object = None
    ) -> tuple[float, float] | tuple[None, None]:
        if not len(self._x):
            return None, None
        if axis == 0:
            return float(self._x.min()), float(self._x.max())
        return float(min(self._before.min(), self._after.min())), float(max(self._before.max(), self._after.max()))

    def _pixmap(self) -> QPixmap:
        """Up head, down head and ring side by side, each in a cell of HEAD_PX x HEAD_PX."""
        if self._atlas is None:
            n, w = self.HEAD_PX, self.HEAD_HALF_WIDTH
            atlas = QPixmap(3 * 2 * w, n)
            atlas.fill(Qt.GlobalColor.transparent)
            p = QPainter(atlas)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._colour)
            p.drawPolygon(QPolygonF([QPointF(w, 0), QPointF(0, n), QPointF(2 * w, n)]))
            p.drawPolygon(QPolygonF([QPointF(3 * w, n), QPointF(2 * w, 0), QPointF(4 * w, 0)]))
            p.setPen(QPen(self._colour, 2))
            p.setBrush(self._background)
            p.drawEllipse(QPointF(5 * w, n / 2), w - 2.2, n / 2 - 2.2)
            p.end()
            self._atlas = atlas
        return self._atlas

    def paint(self, p: QPainter, *_args: object) -> None:
        if not len(self._x):
            return
        tr = p.transform()
        # Data -> device pixels; the view never rotates or shears.
        px = tr.m11() * self._x + tr.m31() + self._offset
        pb = tr.m22() * self._before + tr.m32()
        pa = tr.m22() * self._after + tr.m32()
        width = p.device().width() if p.device() is not None else 1e6
        keep = (px > -20) & (px < width + 20)
        if not keep.any():
            return
        px, pb, pa = px[keep], pb[keep], pa[keep]
        length = pb - pa  # > 0 when the credence went up (device rows grow downwards)
        direction = np.sign(length)
        head = np.minimum(self.HEAD_PX, np.abs(length))
        moved = np.abs(length) >= 1.5
        p.save()
        p.resetTransform()
        long = moved & (np.abs(length) > head + 0.5)
        if long.any():
            pen = QPen(self._colour, self.SHAFT_PX)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            x = px[long]
            neck = pa[long] + direction[long] * (head[long] - 1)
            self._lines.resize(len(x))
            lines = self._lines.ndarray()
            lines[:, 0], lines[:, 1], lines[:, 2], lines[:, 3] = x, pb[long], x, neck
            p.drawLines(*self._lines.drawargs())
        scale = np.where(moved, head / self.HEAD_PX, 1.0)
        cell = np.where(~moved, 2, np.where(direction > 0, 0, 1))
        centre = np.where(moved, pa + direction * head / 2, pa)
        w = 2 * self.HEAD_HALF_WIDTH
        self._fragments.resize(len(px))
        frag = self._fragments.ndarray()
        frag[:, 0], frag[:, 1] = px, centre
        frag[:, 2], frag[:, 3] = cell * w, 0
        frag[:, 4], frag[:, 5] = w, self.HEAD_PX
        frag[:, 6], frag[:, 7] = np.where(moved, 1.0, 1.0), scale
        frag[:, 8], frag[:, 9] = 0, 1
        fragments, count = self._fragments.drawargs()
        p.drawPixmapFragments(fragments, count, self._pixmap())
        p.restore()


def _primitive_array(klass: type, fields: int) -> Any:
    # pyqtgraph's packed arrays of Qt primitives, which its own items draw with; one C++ call for all.
    from pyqtgraph.Qt import internals

    return internals.PrimitiveArray(klass, fields)
