"""A read-only table model over a list of plain rows, and the roles the views use."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    SignalInstance,
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


def sort_key(value: Any) -> tuple[Any, ...]:  # Any: whether it orders is found out by trying
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


_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


def _with_hint(signal: SignalInstance) -> SignalInstance:
    """The overload of a layout signal that carries the parents and the hint."""
    # PySide's stubs do not know that a signal instance is indexed by its overloads' signatures.
    return signal[_LAYOUT_SIGNATURE]  # type: ignore[index,no-any-return]


class SortProxy(QAbstractProxyModel):
    """The rows of a RowsModel that ``filtered`` lets through, sorted on SORT_ROLE; missing values sort first.

    A QSortFilterProxyModel asked Python about every row, through Qt, on each
    keystroke of a search, and told the view of each run of rows that came or
    went separately: at 10,000 propositions a keystroke took a tenth of a second
    and clearing the search a second. Here the order is worked out once per sort
    or change of the rows (from keys the model gives in one call), a change of
    filter is one pass over plain lists, and the view hears of it as one change
    of layout, whatever the number of rows.
    """

    GUARDED = ("data", "headerData", "sort")  # as RowsModel.GUARDED

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        guard_class(cls, SortProxy.GUARDED)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._order: list[int] = []  # every source row, in sort order
        self._shown: list[int] = []  # row here -> source row
        self._position: list[int] = []  # source row -> row here, or -1 when filtered out
        self._held: list[tuple[QModelIndex, QPersistentModelIndex]] = []  # while the source's rows come or go: (index here, the source's index)

    # -- the source ---------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        self.beginResetModel()
        super().setSourceModel(model)
        for about in (model.modelAboutToBeReset, model.rowsAboutToBeMoved, model.layoutAboutToBeChanged):
            about.connect(self._source_changing)
        for done in (model.modelReset, model.rowsMoved, model.layoutChanged):
            done.connect(self._source_changed)
        # A row that comes or goes (an edit shown again, RowsModel.replace_rows) is one change of
        # layout here: the selection and the current row stay on the rows they were on.
        for about in (model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved):
            about.connect(self._rows_changing)
        for done in (model.rowsInserted, model.rowsRemoved):
            done.connect(self._rows_changed)
        model.dataChanged.connect(self._source_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        self._rebuild()
        self.endResetModel()

    def _source_changing(self, *_args: object) -> None:
        self.beginResetModel()

    def _source_changed(self, *_args: object) -> None:
        self._rebuild()
        self.endResetModel()

    def _rows_changing(self, *_args: object) -> None:
        _with_hint(self.layoutAboutToBeChanged).emit([], QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint)
        # Held by the source's own persistent indexes, which follow its rows as they come and go.
        self._held = [(i, QPersistentModelIndex(self.mapToSource(i))) for i in self.persistentIndexList()]

    def _rows_changed(self, *_args: object) -> None:
        held, self._held = self._held, []
        self._rebuild()
        self.changePersistentIndexList([i for i, _ in held], [self.mapFromSource(s) for _, s in held])
        _with_hint(self.layoutChanged).emit([], QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint)

    def _source_data_changed(self, *_args: object) -> None:
        # A changed value may move its row or hide it: order and filter again.
        self._order = self._sorted_rows()
        self._show(self.filtered(self._order), hint=QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, self.columnCount() - 1))

    def _rebuild(self) -> None:
        self._order = self._sorted_rows()
        self._set_shown(self.filtered(self._order))

    def _sorted_rows(self) -> list[int]:
        model = self.sourceModel()
        rows = list(range(model.rowCount())) if model is not None else []
        if self._sort_column < 0 or not rows:
            return rows
        keys = [sort_key(k) for k in model.sort_values(self._sort_column)] if isinstance(model, RowsModel) \
            else [sort_key(model.index(r, self._sort_column).data(SORT_ROLE)) for r in rows]
        # Stable either way, as Qt's own sort is: equal rows keep the source's order.
        return sorted(rows, key=keys.__getitem__, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _set_shown(self, shown: list[int]) -> None:
        self._shown = shown
        position = [-1] * len(self._order)
        for row, source_row in enumerate(shown):
            position[source_row] = row
        self._position = position

    def _show(self, shown: list[int],
              hint: QAbstractItemModel.LayoutChangeHint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint) -> None:
        """Show ``shown`` (source rows in order) as one change of layout; persistent indexes follow their rows."""
        if shown == self._shown:
            return
        # Only rows change: the columns' header (its widths, hidden columns) has nothing to redo.
        _with_hint(self.layoutAboutToBeChanged).emit([], hint)
        before = self.persistentIndexList()
        sources = [(self._shown[i.row()], i.column()) for i in before]
        self._set_shown(shown)
        after = [self.index(self._position[r], c) if self._position[r] >= 0 else QModelIndex() for r, c in sources]
        self.changePersistentIndexList(before, after)
        _with_hint(self.layoutChanged).emit([], hint)

    # -- filtering and sorting ----------------------------------------------

    def filtered(self, rows: list[int]) -> list[int]:
        """The source ``rows`` (in order) to show; subclasses filter."""
        return rows

    def refilter(self, change: Callable[[], object], *, narrower: bool = False) -> None:
        """Apply ``change()`` (which alters the filter's inputs) and filter again.

        ``narrower``: the change can only hide rows (a longer search), so only the rows
        shown now are looked at again.
        """
        change()
        self._show(self.filtered(self._shown if narrower else self._order))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._order = self._sorted_rows()
        self._show(self.filtered(self._order))

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order

    # -- Qt interface -------------------------------------------------------

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index | None = None) -> int:
        model = self.sourceModel()
        return 0 if model is None or (parent is not None and parent.isValid()) else model.columnCount()

    def hasChildren(self, parent: Index | None = None) -> bool:
        return (parent is None or not parent.isValid()) and bool(self._shown)

    def index(self, row: int, column: int, parent: Index | None = None) -> QModelIndex:
        if (parent is not None and parent.isValid()) or not (0 <= row < len(self._shown)) \
                or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    @overload
    def parent(self) -> QObject | None: ...
    @overload
    def parent(self, index: Index) -> QModelIndex: ...
    def parent(self, index: Index | None = None) -> QObject | QModelIndex | None:
        if index is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def mapToSource(self, index: Index) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not index.isValid() or not (0 <= index.row() < len(self._shown)):
            return QModelIndex()
        return model.index(self._shown[index.row()], index.column())

    def mapFromSource(self, index: Index) -> QModelIndex:
        if not index.isValid() or not (0 <= index.row() < len(self._position)):
            return QModelIndex()
        row = self._position[index.row()]
        return self.index(row, index.column()) if row >= 0 else QModelIndex()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        source = self.mapToSource(index)
        return source.data(role) if source.isValid() else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.sourceModel()
        if model is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not (0 <= section < len(self._shown)):
                return None
            section = self._shown[section]
        return model.headerData(section, orientation, role)


guard_class(SortProxy, SortProxy.GUARDED)
