"""The everyday loop as a person drives it: real clicks at real places, real keys to the focused widget."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.models.propositions import PropositionsModel
from tests.ui.person import click_row, focused, key, row_of, show

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_clicking_a_conversation_shows_what_it_moved(qtbot, window):
    show(qtbot, window)
    view = window.convs_view
    row = row_of(view, ConversationsModel.TITLE, "Coffee with Sam")
    click_row(qtbot, view, row)
    assert "Coffee with Sam" in window.conv_details.title.text()
    assert window.conv_details.model.rowCount() > 0
    assert window.actions_["edit_conversation"].isEnabled()

    other = row_of(view, ConversationsModel.TITLE, "Call with Priya")
    click_row(qtbot, view, other)
    assert "Call with Priya" in window.conv_details.title.text()

    click_row(qtbot, view, other, CTRL)  # Ctrl+click takes the selection away again
    assert "No conversation selected" in window.conv_details.title.text()
    assert not window.actions_["edit_conversation"].isEnabled()


def test_tab_moves_between_panes_not_cells(qtbot, window):
    show(qtbot, window)
    window.search.setFocus()
    seen = [focused()]
    for _ in range(12):
        seen.append(key(qtbot, Qt.Key.Key_Tab))
    assert window.props_view in seen and window.convs_view in seen
    assert seen.count(window.props_view) <= 2  # once per round, not once per cell
    back = [key(qtbot, Qt.Key.Key_Backtab) for _ in range(12)]
    assert window.convs_view in back and window.search in back


def test_pane_shortcuts_reach_each_pane(qtbot, window):
    show(qtbot, window)
    window.search.setFocus()
    assert key(qtbot, Qt.Key.Key_2, CTRL) is window.convs_view
    assert window.selected_conversation_id() is not None  # arriving in a list selects a row to act on
    assert key(qtbot, Qt.Key.Key_1, CTRL) is window.props_view
    assert key(qtbot, Qt.Key.Key_3, CTRL) is window.chart.focusProxy()
    cycle = [key(qtbot, Qt.Key.Key_F6) for _ in range(3)]
    assert cycle[0] is window.props_view and cycle[1] is window.convs_view and cycle[2] is window.chart.focusProxy()
    assert key(qtbot, Qt.Key.Key_F6, SHIFT) is window.convs_view


def test_arrow_keys_then_click_keep_details_in_step(qtbot, window):
    show(qtbot, window)
    key(qtbot, Qt.Key.Key_2, CTRL)
    first = window.conv_details.title.text()
    key(qtbot, Qt.Key.Key_Down)
    assert window.conv_details.title.text() != first
    props = window.props_view
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "My highest-impact option"))
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "AI safety is"), CTRL)
    assert len(window.selected_proposition_ids()) == 2
    assert QApplication.focusWidget() is props
