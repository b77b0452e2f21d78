"""Sorting the app's tables: missing values first, text without regard to case, fresh after every change."""

from PySide6.QtCore import Qt

from beliefupdate.ui.models.base import SORT_ROLE, RowsModel
from beliefupdate.ui.models.sort_proxy import SortProxy


class Words(RowsModel):
    COLUMNS = ("Word",)

    def row_id(self, row):
        return str(row)

    def cell(self, row, column, role):
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return row
        return None


def shown(proxy):
    return [proxy.index(r, 0).data(SORT_ROLE) for r in range(proxy.rowCount())]


def test_sorting_puts_missing_values_first_and_ignores_case(qtmodeltester):
    model = Words()
    model.set_rows(["banana", None, "Apple", "cherry"])
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == [None, "Apple", "banana", "cherry"]
    qtmodeltester.check(proxy)


def test_sorting_follows_the_rows_after_they_change():
    model = Words()
    model.set_rows([3, 1, 2])
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == [1, 2, 3]
    model.set_rows([10, 30, 20, 5])  # more rows than before: cached keys must not be reused
    assert shown(proxy) == [5, 10, 20, 30]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == [30, 20, 10, 5]


class Evens(SortProxy):
    only_evens = False

    def filtered(self, rows):
        model = self.sourceModel()
        return [r for r in rows if model.row(r) % 2 == 0] if self.only_evens else rows


def test_a_kept_row_keeps_its_place_in_a_selection_across_a_filter_and_a_hidden_one_leaves_it(qtmodeltester):
    from PySide6.QtCore import QPersistentModelIndex

    model = Words()
    model.set_rows([5, 2, 8, 3, 4])
    proxy = Evens()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    eight, three = (QPersistentModelIndex(proxy.index(shown(proxy).index(v), 0)) for v in (8, 3))
    proxy.refilter(lambda: setattr(proxy, "only_evens", True))
    assert shown(proxy) == [8, 4, 2]
    assert eight.isValid() and eight.data(SORT_ROLE) == 8 and eight.row() == 0
    assert not three.isValid()
    qtmodeltester.check(proxy)
    proxy.refilter(lambda: setattr(proxy, "only_evens", False))
    assert shown(proxy) == [8, 5, 4, 3, 2] and eight.row() == 0
    proxy.refilter(lambda: setattr(proxy, "only_evens", True), narrower=True)
    model.set_rows([1, 6])  # new rows are filtered and sorted as they come
    assert shown(proxy) == [6]
