"""A row of buttons that shows as many as fit and hides the rest, so it never widens its window."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget


class OverflowRow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(4)
        # Its buttons ask for more than a small screen has: the row takes what the window gives.
        self.setMinimumWidth(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def _buttons(self) -> list[QWidget]:
        items = (self.row.itemAt(i) for i in range(self.row.count()))
        return [w for item in items if item is not None and (w := item.widget()) is not None]

    def fit(self) -> None:
        room = self.width()
        used = 0
        for w in self._buttons():
            used += w.sizeHint().width() + (self.row.spacing() if used else 0)
            w.setVisible(used <= room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()
