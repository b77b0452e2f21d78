"""Draws the tiny trend in the propositions table from the row's last few credences."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from beliefupdate.ui.models.guard import guard_class
from beliefupdate.ui.models.propositions import FALL, RISE, TREND_ROLE


class SparklineDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style is not None:
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        points: Sequence[float] = index.data(TREND_ROLE) or ()
        if len(points) < 2:
            return
        rect = QRectF(option.rect).adjusted(6, 5, -6, -5)
        if rect.width() < 8 or rect.height() < 4:
            return
        step = rect.width() / (len(points) - 1)
        # Fixed 0..100% scale: a flat line means no change, whatever the level.
        poly = QPolygonF([QPointF(rect.left() + i * step, rect.bottom() - p * rect.height()) for i, p in enumerate(points)])
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = option.palette.color(role)
        if not selected and points[-1] != points[-2]:
            color = RISE if points[-1] > points[-2] else FALL
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        midline = QPen(option.palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DotLine)
        painter.setPen(midline)
        painter.drawLine(QPointF(rect.left(), rect.center().y()), QPointF(rect.right(), rect.center().y()))
        painter.setPen(QPen(color, 1.6))
        painter.drawPolyline(poly)
        painter.setBrush(color)
        painter.drawEllipse(poly.last(), 2.2, 2.2)
        painter.restore()


guard_class(SparklineDelegate, ("paint",))  # asked by Qt's C++, as a model's data() is (ui.models.guard)
