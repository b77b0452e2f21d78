"""The base of every Insights table model: a ColumnsModel that sorts itself and says what a row stands for.

The models sort themselves (``sort``), on each column's raw value: a proxy's
Python ``lessThan`` takes seconds over the ten thousand rows of a big journal,
a key sort takes milliseconds. Missing values sort first, as in the main lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from beliefupdate.ui.models.base import RIGHT, Column, ColumnsModel

R = TypeVar("R")  # the plain row a table shows


@dataclass(frozen=True)
class Target:
    """What a row stands for in the main window."""

    conversation_id: str | None = None
    proposition_ids: tuple[str, ...] = ()


def number(name: str, display: Callable[[Any], str | None], sort_key: Callable[[Any], Any], tip: str, *,
           cell_tip: Callable[[Any], str | None] | None = None) -> Column[Any]:
    """A column of numbers: aligned right, in its cells and its header alike."""
    return Column(name, display, sort_key, tip, cell_tip=cell_tip, align=RIGHT)


class InsightModel(ColumnsModel[R], Generic[R]):
    """Subclasses give TABLE, and ``colour`` and ``target`` where their rows have them; R is the row they show."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def colour(self, row: R, column: int) -> QColor | None:
        return None

    def target(self, row: R) -> Target | None:
        return None

    def extra(self, row: R, column: int, role: int) -> Any:
        return self.colour(row, column) if role == Qt.ItemDataRole.ForegroundRole else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.TABLE)):
            align = self.TABLE[section].align
            return int(align) if align is not None else None
        return super().headerData(section, orientation, role)

    def target_at(self, row: int) -> Target | None:
        return self.target(self._rows[row]) if 0 <= row < len(self._rows) else None

    # -- sorting ------------------------------------------------------------

    def set_rows(self, rows: Iterable[R]) -> None:
        listed = list(rows)
        if self._sort is not None:
            listed = self._sorted(listed, *self._sort)
        super().set_rows(listed)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in before]
        self._rows = self._sorted(self._rows, column, order)
        self._row_of = None
        position = {id(r): i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(position[id(r)], i.column()) for r, i in zip(old_rows, before, strict=True)]
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list[R], column: int, order: Qt.SortOrder) -> list[R]:
        sort_key = self.TABLE[column].sort_key

        def key(row: R) -> tuple[int, Any]:
            value = sort_key(row)
            if value is None:
                return (0, 0)
            if isinstance(value, str):
                return (1, value.casefold())
            return (1, value)

        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
