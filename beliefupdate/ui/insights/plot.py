"""The small calibration plot beside the calibration table, drawn in the window's own palette."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from beliefupdate.charts.calibration import PlacedPoint, paint_plot
from beliefupdate.charts.colours import DARK, LIGHT, Theme
from beliefupdate.domain.numbers import counted, percent, percent_range
from beliefupdate.ui.insights.data import BinRow


def palette_theme(palette: QPalette) -> Theme:
    """The chart theme that reads on this palette, on the palette's own background."""
    base = palette.color(QPalette.ColorRole.Base)
    theme = DARK if base.lightness() < 128 else LIGHT
    return replace(theme, background=base.name(), plot_background=base.name(),
                   text=palette.color(QPalette.ColorRole.Text).name())


def bin_text(row: BinRow) -> str:
    b = row.bin
    text = (f"{percent_range(b.lower, b.upper)}: {b.count} resolved, mean credence "
            f"{percent(b.mean_forecast)}, {b.hits} came true ({percent(b.observed)})")
    if b.low is not None and b.high is not None:
        text += f"; 95% interval {percent(b.low)} – {percent(b.high)}"
    return text


class CalibrationPlot(QWidget):
    """Points per bin with their intervals; hovering tells a bin's numbers, clicking selects its propositions."""

    bin_chosen = Signal(object)  # a BinRow

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Calibration plot")
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._rows: tuple[BinRow, ...] = ()
        self._placed: list[PlacedPoint] = []

    def sizeHint(self) -> QSize:
        return QSize(340, 340)

    def set_bins(self, rows: Sequence[BinRow]) -> None:
        self._rows = tuple(rows)
        filled = sum(1 for r in rows if r.bin.count)
        self.setAccessibleDescription(
            f"{counted(filled, 'bin')} with resolved propositions" if filled else "No resolved propositions"
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            theme = palette_theme(self.palette())
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
            scale = max(0.55, self.fontInfo().pixelSize() / 16)
            area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
            _plot, self._placed = paint_plot(painter, area, [r.bin for r in self._rows], theme, scale)
        finally:
            painter.end()

    def _row_at(self, pos: QPointF) -> BinRow | None:
        for placed in self._placed:
            if (placed.centre - pos).manhattanLength() <= placed.radius + 6:
                return next((r for r in self._rows if r.bin == placed.bin), None)
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self._row_at(QPointF(event.pos()))
            if row is not None:
                QToolTip.showText(event.globalPos(), bin_text(row), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self._row_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self._row_at(event.position())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bin_chosen.emit(row)
            return
        super().mousePressEvent(event)
