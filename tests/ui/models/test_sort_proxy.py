"""Sorting the app's tables: missing values first, text without regard to case, fresh after every change."""

from PySide6.QtCore import Qt

from beliefupdate.ui.models.base import SORT_ROLE, RowsModel, SortProxy


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
