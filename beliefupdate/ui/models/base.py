"""A read-only table model over a list of plain rows, and the roles the views use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from beliefupdate.ui.models.guard import guard_class, report_once

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the id of the record a row shows
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the whole plain row

Index = QModelIndex | QPersistentModelIndex

R = TypeVar("R")  # what one row of a model is: a plain, frozen record


class RowsModel(QAbstractTableModel, Generic[R]):
    """Subclasses name their COLUMNS and answer ``cell(row, column, role)``."""

    COLUMNS: tuple[str, ...] = ()
    # Asked by Qt's C++, where a Python exception cannot go (ui.models.guard): whatever a row
    # holds, these answer an empty cell rather than raise, in every subclass's overrides too.
    GUARDED = ("data", "headerData")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        guard_class(cls, RowsModel.GUARDED)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._row_of: dict[str, int] | None = None  # made on the first look-up after a change

    # -- Qt interface -------------------------------------------------------

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS)
                and role == Qt.ItemDataRole.DisplayRole):
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return self.row_id(row)
        return self.cell(row, index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # -- ours ---------------------------------------------------------------

    def cell(self, row: R, column: int, role: int) -> Any:
        raise NotImplementedError

    def row_id(self, row: R) -> str:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = None
        self.endResetModel()

    def replace_rows(self, rows: Sequence[R], gone: Iterable[str] = ()) -> None:
        """Put ``rows`` in place of the rows with their ids (a new one at the end) and remove the rows
        of ``gone``: unlike set_rows, views keep their selection, current row and scroll position."""
        doomed = sorted({i for rid in gone if (i := self.row_of(rid)) >= 0}, reverse=True)
        for i in doomed:  # from the bottom up, so the rows above keep their numbers
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()
        if doomed:
            self._row_of = None
        changed: list[int] = []
        new: list[R] = []
        for row in rows:
            i = self.row_of(self.row_id(row))
            if i >= 0:
                self._rows[i] = row
                changed.append(i)
            else:
                new.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1))
        if new:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n + len(new) - 1)
            self._rows.extend(new)
            self._row_of = None
            self.endInsertRows()

    def first(self, n: int) -> list[R]:
        return self._rows[:n]

    def rows(self) -> list[R]:
        return list(self._rows)

    def sort_values(self, column: int) -> list[Any]:
        """Every row's SORT_ROLE value in ``column``, in one call (a sort needs them all)."""
        values = []
        for row in self._rows:
            try:
                values.append(self.cell(row, column, SORT_ROLE))
            except Exception as e:
                report_once(self, "sort_values", e)
                values.append(None)
        return values

    def row(self, i: int) -> R:
        return self._rows[i]

    def row_of(self, record_id: str) -> int:
        if self._row_of is None:
            self._row_of = {self.row_id(row): i for i, row in enumerate(self._rows)}
        return self._row_of.get(record_id, -1)


guard_class(RowsModel, RowsModel.GUARDED)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # numbers line up on their last digit


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a table, declared whole: its header, and what each row shows and sorts by in it.

    ``display`` gives a cell's text, which is also what a screen reader says unless ``spoken``
    gives other words; ``cell_tip`` a cell's tooltip; ``tip`` the header's.
    """

    name: str
    display: Callable[[R], str | None]
    sort_key: Callable[[R], Any]
    tip: str | None = None
    cell_tip: Callable[[R], str | None] | None = None
    align: Qt.AlignmentFlag | None = None
    spoken: Callable[[R], str | None] | None = None


class ColumnsModel(RowsModel[R]):
    """A RowsModel whose columns are TABLE, a tuple of Column; ``extra(row, column, role)`` answers
    the roles that are not one column's own (colours, fonts, the model's own roles)."""

    # A class variable cannot name the row type R, so its columns take Any: each is written
    # beside its model's row type, and only ever called with those rows.
    TABLE: ClassVar[tuple[Column[Any], ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.COLUMNS = tuple(c.name for c in cls.TABLE)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.TABLE)):
            return self.TABLE[section].tip
        return super().headerData(section, orientation, role)

    def cell(self, row: R, column: int, role: int) -> Any:
        c = self.TABLE[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return c.display(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (c.spoken or c.display)(row)
        if role == SORT_ROLE:
            return c.sort_key(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.cell_tip(row) if c.cell_tip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(c.align) if c.align is not None else None
        return self.extra(row, column, role)

    def extra(self, row: R, column: int, role: int) -> Any:
        return None
