"""A read-only table model over a list of plain rows, and the roles the views use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value a column sorts by
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the id of the record a row shows
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the whole plain row

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Subclasses name their COLUMNS and answer ``cell(row, column, role)``."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    # -- Qt interface -------------------------------------------------------

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
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

    def cell(self, row, column: int, role: int) -> Any:
        raise NotImplementedError

    def row_id(self, row) -> str:
        raise NotImplementedError

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row(self, i: int):
        return self._rows[i]

    def row_of(self, record_id: str) -> int:
        for i, row in enumerate(self._rows):
            if self.row_id(row) == record_id:
                return i
        return -1


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # numbers line up on their last digit


@dataclass(frozen=True)
class Column:
    """One column of a table, declared whole: its header, and what each row shows and sorts by in it.

    ``display`` gives a cell's text, which is also what a screen reader says unless ``spoken``
    gives other words; ``cell_tip`` a cell's tooltip; ``tip`` the header's.
    """

    name: str
    display: Callable[[Any], str | None]
    sort_key: Callable[[Any], Any]
    tip: str | None = None
    cell_tip: Callable[[Any], str | None] | None = None
    align: Qt.AlignmentFlag | None = None
    spoken: Callable[[Any], str | None] | None = None


class ColumnsModel(RowsModel):
    """A RowsModel whose columns are TABLE, a tuple of Column; ``extra(row, column, role)`` answers
    the roles that are not one column's own (colours, fonts, the model's own roles)."""

    TABLE: ClassVar[tuple[Column, ...]] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.COLUMNS = tuple(c.name for c in cls.TABLE)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.TABLE)):
            return self.TABLE[section].tip
        return super().headerData(section, orientation, role)

    def cell(self, row, column: int, role: int) -> Any:
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

    def extra(self, row, column: int, role: int) -> Any:
        return None


def sort_key(value) -> tuple:
    """A key that orders missing values first, text without regard to case, and never mixes types."""
    if value is None:
        return (0,)
    if isinstance(value, str):
        return (2, value.casefold())
    if isinstance(value, (int, float)):
        return (1, value)
    try:
        value < value  # noqa: B015  (datetimes and other comparable values)
        return (3, type(value).__name__, value)
    except TypeError:
        return (4, str(value))


class SortProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE; missing values sort first.

    Each column's keys are read from the model once and kept until the model
    changes: a sort makes thousands of comparisons, and asking the model
    through Qt for both sides of each one made clearing a search on 1,000
    propositions take a tenth of a second.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._keys: dict[int, list] = {}
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model) -> None:
        # Connected before the proxy's own handlers, so keys are dropped before it re-sorts.
        for signal in (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved,
                       model.rowsMoved, model.layoutChanged):
            signal.connect(self._forget_keys)
        super().setSourceModel(model)

    def _forget_keys(self, *_args) -> None:
        self._keys.clear()

    def _column_keys(self, column: int) -> list:
        keys = self._keys.get(column)
        if keys is None:
            model = self.sourceModel()
            keys = [sort_key(model.index(r, column).data(SORT_ROLE)) for r in range(model.rowCount())]
            self._keys[column] = keys
        return keys

    def lessThan(self, left: Index, right: Index) -> bool:
        keys = self._column_keys(left.column())
        return keys[left.row()] < keys[right.row()]

    def refilter(self, change) -> None:
        """Apply ``change()`` (which alters the filter's inputs) and re-run the filter."""
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()
