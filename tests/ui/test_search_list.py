"""Typing in the search field: the list narrows and widens with each key, keeping its order,
its selection and its columns."""

from PySide6.QtCore import QPoint, Qt

from beliefupdate.ui.models.base import ID_ROLE
from beliefupdate.ui.models.propositions import PropositionsModel
from tests.ui.person import click_row, key, row_of, show, type_text

TEXT = PropositionsModel.TEXT


def shown(window) -> list[str]:
    proxy = window.props_proxy
    return [proxy.index(r, TEXT).data() for r in range(proxy.rowCount())]


def click_search(qtbot, window) -> None:
    qtbot.mouseClick(window.search, Qt.MouseButton.LeftButton)
    assert window.search.hasFocus()


def test_each_key_narrows_the_list_and_backspace_widens_it_again(qtbot, window):
    show(qtbot, window)
    everything = shown(window)
    click_search(qtbot, window)
    type_text(qtbot, "sa")
    with_sa = shown(window)
    assert {t for t in everything if "safety" in t.casefold()} <= set(with_sa) < set(everything)
    type_text(qtbot, "fety")
    assert shown(window) == [t for t in everything if "safety" in t.casefold()]
    type_text(qtbot, " hard")
    assert [t.split(" rather")[0] for t in shown(window)] == ["AI safety is one genuinely hard problem"]
    key(qtbot, Qt.Key.Key_Backspace, times=len(" hard"))
    assert shown(window) == [t for t in everything if "safety" in t.casefold()]
    key(qtbot, Qt.Key.Key_Backspace, times=len("safety"))
    assert shown(window) == everything  # in the same order as before the search


def test_a_search_by_tag_or_handle_and_one_that_finds_nothing(qtbot, window):
    show(qtbot, window)
    click_search(qtbot, window)
    type_text(qtbot, "skills")  # a tag
    assert len(shown(window)) == 2 and window.count_label.text() == "2 of 11"
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "zzzz")
    assert shown(window) == [] and window.count_label.text() == "0 of 11"
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "#3")
    assert [t.split(" comes")[0] for t in shown(window)] == ["Most substantive safety progress"]


def test_the_selected_proposition_stays_selected_while_the_search_keeps_it(qtbot, window):
    show(qtbot, window)
    row = row_of(window.props_view, TEXT, "Coworkers matter")
    click_row(qtbot, window.props_view, row)
    chosen = window.selection.proposition_ids()
    click_search(qtbot, window)
    type_text(qtbot, "cowork")
    assert window.selection.proposition_ids() == chosen
    key(qtbot, Qt.Key.Key_Backspace, times=len("cowork"))
    assert window.selection.proposition_ids() == chosen
    assert window.props_view.selectionModel().currentIndex().data().startswith("Coworkers matter")


def test_a_sorted_list_stays_sorted_through_a_search(qtbot, window):
    show(qtbot, window)
    header = window.props_view.horizontalHeader()
    section = PropositionsModel.CREDENCE
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2))
    assert header.sortIndicatorSection() == section
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    click_search(qtbot, window)
    type_text(qtbot, "safety")
    proxy = window.props_proxy
    credences = [window.selection.summary_of(proxy.index(r, 0).data(ID_ROLE)).current
                 for r in range(proxy.rowCount())]
    assert len(credences) > 2 and credences == sorted(credences, reverse=descending)


def test_column_widths_and_hidden_columns_survive_a_search_that_finds_nothing(qtbot, window):
    show(qtbot, window)
    header = window.props_view.horizontalHeader()
    before = [(header.sectionSize(c), header.isSectionHidden(c)) for c in range(header.count())]
    click_search(qtbot, window)
    type_text(qtbot, "zzzz")
    assert window.props_proxy.rowCount() == 0
    key(qtbot, Qt.Key.Key_Backspace, times=4)
    assert [(header.sectionSize(c), header.isSectionHidden(c)) for c in range(header.count())] == before


def test_a_right_click_on_either_list_offers_what_can_be_done_to_its_row(qtbot, window, monkeypatch):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    offered = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, _pos, _at=None: offered.append(
        [a.text() for a in menu.actions() if not a.isSeparator()]))
    show(qtbot, window)
    for view in (window.props_view, window.convs_view):
        index = click_row(qtbot, view, 0)
        centre = view.visualRect(index).center()
        # What the window system sends for a right click (or the Menu key) over the row.
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre,
                                                                  view.viewport().mapToGlobal(centre)))
    assert offered == [
        ["&Edit proposition…", "Chec&k in…", "&Log conversation…", "&Archive", "Mark &resolved", "&Delete proposition"],
        ["&Finish conversation…", "Edit con&versation…", "Delete conversa&tion"],
    ]
