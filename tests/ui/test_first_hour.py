"""The everyday loop as a person drives it: real clicks at real places, real keys to the focused widget."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.models.propositions import PropositionsModel
from beliefupdate.ui.settings_keys import THEME
from tests.ui.person import click_row, focused, key, row_of, show

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_clicking_a_conversation_shows_what_it_moved(qtbot, window):
    show(qtbot, window)
    view = window.convs_view
    row = row_of(view, ConversationsModel.TITLE, "Coffee with Sam")
    click_row(qtbot, view, row)
    assert window.actions_["edit_conversation"].isEnabled()
    qtbot.waitUntil(lambda: "Coffee with Sam" in window.conv_details.title.text())  # its shifts come from the pool
    assert window.conv_details.model.rowCount() > 0
    assert window.actions_["edit_conversation"].isEnabled()

    other = row_of(view, ConversationsModel.TITLE, "Call with Priya")
    click_row(qtbot, view, other)
    qtbot.waitUntil(lambda: "Call with Priya" in window.conv_details.title.text())

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
    assert window.selection.conversation_id() is not None  # arriving in a list selects a row to act on
    assert key(qtbot, Qt.Key.Key_1, CTRL) is window.props_view
    assert key(qtbot, Qt.Key.Key_3, CTRL) is window.chart.focusProxy()
    cycle = [key(qtbot, Qt.Key.Key_F6) for _ in range(3)]
    assert cycle[0] is window.props_view and cycle[1] is window.convs_view and cycle[2] is window.chart.focusProxy()
    assert key(qtbot, Qt.Key.Key_F6, SHIFT) is window.convs_view


def test_arrow_keys_then_click_keep_details_in_step(qtbot, window):
    show(qtbot, window)
    key(qtbot, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: "No conversation selected" not in window.conv_details.title.text())
    first = window.conv_details.title.text()
    key(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.conv_details.title.text() != first)
    props = window.props_view
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "My highest-impact option"))
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "AI safety is"), CTRL)
    assert len(window.selection.proposition_ids()) == 2
    assert QApplication.focusWidget() is props


def _waiting_journal(journal, titles):
    a = journal.add_proposition("AI safety is one hard problem rather than many moderate ones")
    b = journal.add_proposition("I should work at a large lab")
    from beliefupdate.domain.types import CredenceEntry

    for title in titles:
        journal.log_conversation(title, [CredenceEntry(a.id, 0.4, None), CredenceEntry(b.id, 0.3, None)])
    return a, b


def _active_dialog(qtbot, window):
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    assert dialog is not window
    return show(qtbot, dialog)  # the offscreen platform has no window manager to activate it


def test_finish_by_keyboard_after_a_restart_opens_the_waiting_conversation(qtbot, make_window, journal):
    _waiting_journal(journal, ["Coffee with Sam"])
    window = show(qtbot, make_window(journal))  # a fresh window: nothing selected
    assert window.selection.conversation_id() is None
    key(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    dialog = _active_dialog(qtbot, window)
    assert "Coffee with Sam" in dialog.windowTitle() + dialog.title.text()
    dialog.reject()


def test_finish_by_keyboard_before_the_timeline_has_arrived(qtbot, journal, settings, monkeypatch):
    """Started as the app starts, the timeline comes from the read pool; the key does not wait for it."""
    import threading

    from beliefupdate.ui.main_window import MainWindow

    _waiting_journal(journal, ["Coffee with Sam"])
    real, arrived = journal.conversation_overviews, threading.Event()

    def held_back_off_the_ui_thread():
        if threading.current_thread() is not threading.main_thread():
            arrived.wait(timeout=20)
        return real()

    monkeypatch.setattr(journal, "conversation_overviews", held_back_off_the_ui_thread)
    window = MainWindow(journal, settings, timeline_after_paint=True)
    qtbot.addWidget(window)
    show(qtbot, window)
    assert window.convs_model.rowCount() == 0
    key(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    arrived.set()
    dialog = _active_dialog(qtbot, window)
    assert "Coffee with Sam" in dialog.windowTitle() + dialog.title.text()
    dialog.reject()


def test_finish_with_several_waiting_asks_which(qtbot, make_window, journal):
    _waiting_journal(journal, ["Coffee with Sam", "Call with Priya"])
    window = show(qtbot, make_window(journal))
    key(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    picker = _active_dialog(qtbot, window)
    assert picker.windowTitle() == "Finish which conversation?"
    assert picker.model.rowCount() == 2
    assert focused() is picker.view, focused()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not picker)
    dialog = _active_dialog(qtbot, window)
    assert dialog.title.text() == "Coffee with Sam"  # the older one, chosen with Down
    qtbot.waitUntil(lambda: "Coffee with Sam" in window.conv_details.title.text())
    dialog.reject()


def test_finish_with_none_waiting_says_so(qtbot, make_window, journal):
    journal.add_proposition("I should work at a large lab")
    window = show(qtbot, make_window(journal))
    key(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage() == "No conversation is waiting for its afters."


def test_undo_then_redo_of_finishing_restores_exactly_what_was_saved(qtbot, make_window, journal):
    a, b = _waiting_journal(journal, ["Coffee with Sam"])
    window = show(qtbot, make_window(journal))
    key(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    dialog = _active_dialog(qtbot, window)
    for row, text in zip(dialog.rows, ("55", "35"), strict=True):
        qtbot.mouseClick(row.after.edit, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(focused(), text)
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)
    def recorded():
        return [(e.credence.phase, e.credence.probability, e.credence.recorded_at, e.credence.note,
                 e.credence.expected_after) for p in (a, b) for e in journal.history(p.id)]

    saved = recorded()
    assert saved[1][1] == 0.55

    show(qtbot, window)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert journal.conversations()[0].awaiting_after
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert recorded() == saved  # times, notes and expectations alike


def test_window_fits_its_screen_by_default_and_when_restored_larger(qtbot, sample, settings):
    from beliefupdate.ui.main_window import MainWindow

    first = MainWindow(sample, settings)
    qtbot.addWidget(first)
    area = first.screen().availableGeometry()
    assert area.contains(first.geometry())
    first.setGeometry(0, 0, area.width() * 2, area.height() * 2)  # saved on a larger screen, or at 2x scale
    first.save_state()
    first.close()
    second = MainWindow(sample, settings)
    qtbot.addWidget(second)
    assert area.contains(second.geometry())


def test_chart_stays_readable_with_insights_open_on_a_small_window(qtbot, window):
    show(qtbot, window)
    window.resize(1024, 668)
    props = window.props_view
    click_row(qtbot, props, 0)
    key(qtbot, Qt.Key.Key_A, CTRL)
    key(qtbot, Qt.Key.Key_I, CTRL | SHIFT)
    dock = window.findChild(QDockWidget, "insights")
    qtbot.waitUntil(lambda: dock.widget() is not None and dock.widget().isVisible())
    assert window.chart.plot.height() >= 150
    assert dock.widget().height() >= 150
    assert window.height() <= 668  # the window did not grow past the screen to make room


def test_export_says_where_the_chart_went_and_opens_its_folder(qtbot, window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("beliefupdate.ui.saved_notice.QDesktopServices.openUrl", lambda url: opened.append(url))
    show(qtbot, window)
    props = window.props_view
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "My highest-impact"))
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "Coworkers matter"), CTRL)
    key(qtbot, Qt.Key.Key_E, CTRL)
    dialog = _active_dialog(qtbot, window)
    target = tmp_path / "lab.png"
    qtbot.mouseClick(dialog.path_edit, Qt.MouseButton.LeftButton)
    key(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), str(target))
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)
    assert target.read_bytes().startswith(b"\x89PNG")
    notice = window.saved_notice
    assert notice.isVisible() and notice.label.text() == f"Chart saved to {target}"
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]


def test_keyboard_shortcuts_window_lists_every_shortcut_from_the_menus(qtbot, window):
    show(qtbot, window)
    key(qtbot, Qt.Key.Key_Slash, CTRL)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Keyboard shortcuts" and w.isVisible())
    rows = [[dialog.model.item(r, c).text() for c in range(3)] for r in range(dialog.model.rowCount())]
    listed = {(r[1], r[2]) for r in rows}
    for name in ("log_conversation", "finish_conversation", "go_conversations", "next_pane", "undo", "export_chart"):
        action = window.actions_[name]
        keys = action.shortcuts()[0].toString()
        assert any(k.startswith(keys) and what == action.text().replace("&", "").rstrip("…") for k, what in listed), name
    assert ["Dialogs", "Escape", "Close (asks first if you typed something)"] in rows
    dialog.close()


def test_user_guide_shows_the_readme(qtbot, window):
    show(qtbot, window)
    key(qtbot, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "beliefupdate guide" and w.isVisible())
    assert "Logging a conversation" in dialog.browser.toPlainText()
    dialog.close()


def test_theme_choice_is_kept_and_the_chart_follows(qtbot, window, sample, settings, make_window):
    from PySide6.QtGui import QPalette

    show(qtbot, window)
    try:
        window.actions_["theme_dark"].trigger()
        assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 100
        qtbot.waitUntil(lambda: window.chart.theme.name == "dark")
        assert settings.get(THEME) == "dark"
        window.close()
        again = make_window(sample)
        assert again.actions_["theme_dark"].isChecked()
        again.actions_["theme_light"].trigger()
        assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        window.theme.apply("system")


def test_finishing_keeps_a_before_exactly_as_it_was_stored(qtbot, make_window, journal):
    from beliefupdate.domain.types import CredenceEntry

    p = journal.add_proposition("I should work at a large lab")
    journal.log_conversation("Coffee with Sam", [CredenceEntry(p.id, 1 / 3, None)])
    window = show(qtbot, make_window(journal))
    key(qtbot, Qt.Key.Key_L, CTRL | SHIFT)
    dialog = _active_dialog(qtbot, window)
    assert focused() is dialog.rows[0].after.edit
    qtbot.keyClicks(focused(), "45%")
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)
    shift = journal.conversations()[0].shifts[0]
    assert (shift.before, shift.after) == (1 / 3, 0.45)


def test_alt_c_reaches_the_starting_credence_of_a_new_proposition(qtbot, make_window, journal):
    window = show(qtbot, make_window(journal))
    key(qtbot, Qt.Key.Key_N, CTRL)
    dialog = _active_dialog(qtbot, window)
    qtbot.keyClicks(focused(), "I should work at a large lab")
    assert key(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier) is dialog.credence.edit
    qtbot.keyClicks(focused(), "30%")
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)
    (summary,) = journal.summaries()
    assert (summary.proposition.text, summary.current) == ("I should work at a large lab", 0.3)


def test_a_narrow_chart_wraps_its_tools_instead_of_clipping_them(qtbot, window):
    show(qtbot, window)
    click_row(qtbot, window.props_view, 0)
    chart = window.chart
    for width in (1280, 720):
        window.resize(width, 700)
        parts = (chart._range_combo, chart._from, chart._to, chart._log_box)
        # Each control gets the room it asks for once the resized window has laid itself out.
        qtbot.waitUntil(
            lambda width=width, parts=parts: window.width() == width
            and all(p.width() >= p.sizeHint().width() for p in parts)
        )


@pytest.mark.sqlite_only("a journal on a server has no file to export onto")
def test_the_chart_is_not_exported_onto_the_journal(qtbot, window, journal):
    show(qtbot, window)
    click_row(qtbot, window.props_view, 0)
    key(qtbot, Qt.Key.Key_E, CTRL)
    dialog = _active_dialog(qtbot, window)
    before = journal.location.path.read_bytes()
    qtbot.mouseClick(dialog.path_edit, Qt.MouseButton.LeftButton)
    key(qtbot, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), str(journal.location.path))
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "is the journal itself" in dialog.error.text()
    assert journal.location.path.read_bytes() == before
    dialog.reject()


def test_the_log_dialog_fits_a_small_screen(qtbot, window):
    show(qtbot, window)
    key(qtbot, Qt.Key.Key_L, CTRL)
    dialog = _active_dialog(qtbot, window)
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width() and area.contains(dialog.geometry().topLeft())
    assert dialog.geometry().right() <= area.right()
    dialog.reject()


def test_the_date_fields_say_what_the_plot_spans(qtbot, window):
    from datetime import datetime

    show(qtbot, window)
    props = window.props_view
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "Most substantive"))
    click_row(qtbot, props, row_of(props, PropositionsModel.TEXT, "Fewer people"), CTRL)
    chart = window.chart
    start, end = chart.visible_range()
    shown = [e.date().toPython() for e in (chart._from, chart._to)]
    # The plot runs from a little before the first record to a little after the last one.
    assert datetime.fromtimestamp(start).date() <= shown[0] <= shown[1] <= datetime.fromtimestamp(end).date()
