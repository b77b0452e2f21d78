"""Narrow tables keep their main text readable by hiding their least needed columns first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class ColumnFitter(QObject):
    """Hides ``droppable`` columns (least needed first) while ``main`` would be narrower than ``min_main``,
    and shows them again, most needed first, once the table is wide enough.
    """

    def __init__(self, view: QTableView, main: int, droppable: Sequence[int], min_main: int):
        super().__init__(view)
        self.view = view
        self.main = main
        self.droppable = list(droppable)
        self.min_main = min_main
        self._widths: dict[int, int] = {}  # a hidden section reports 0; this is what it takes when shown
        self._fitting = False
        view.viewport().installEventFilter(self)
        view.horizontalHeader().sectionResized.connect(lambda *_: self.fit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _room(self) -> int:
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != self.main)
        return self.view.viewport().width() - others

    def fit(self) -> None:
        if self._fitting or not self.view.isVisible():  # sized for real once shown
            return
        self._fitting = True
        try:
            header = self.view.horizontalHeader()
            for c in self.droppable:  # least needed first
                if self._room() >= self.min_main:
                    break
                if not header.isSectionHidden(c):
                    self._widths[c] = header.sectionSize(c)
                    header.setSectionHidden(c, True)
            for c in reversed(self.droppable):  # most needed first
                if not header.isSectionHidden(c):
                    continue
                if self._room() - self._widths.get(c, header.defaultSectionSize()) < self.min_main:
                    break
                header.setSectionHidden(c, False)
        finally:
            self._fitting = False
