"""The sorting in front of every list: a proxy that sorts a RowsModel by its own sort values and
keeps the selection, and the key that orders values of any type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    SignalInstance,
)

from beliefupdate.ui.models.base import SORT_ROLE, Index, RowsModel
from beliefupdate.ui.models.guard import guard_class


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
