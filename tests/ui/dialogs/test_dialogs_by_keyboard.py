"""The editing dialogs driven by the keyboard, the way a person types into them.

Typing goes to the focused widget; Enter, Tab, arrows and Escape go to the focused window,
as from a real keyboard, so that Qt hands them to the completer's popup while it is open
(a key sent straight to the line edit would skip the popup and hide the defect).
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beliefupdate.ui.dialogs.base import ERROR_STYLE


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    window = QApplication.focusWindow()
    assert window is not None, "no window has the keyboard"
    qtbot.keyClick(window, key, modifier)


def type_text(qtbot, text):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def on_screen(qtbot, dialog):
    """The dialog shown and active, with the keyboard where the dialog put it."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


@pytest.fixture
def log_dialog(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    dialog = on_screen(qtbot, window.editor.log_conversation())
    yield dialog
    dialog.reject()


def into_add_field(qtbot, dialog):
    # Offscreen, a closed completer popup leaves no window active, where a window manager
    # hands the keyboard back to the dialog.
    on_screen(qtbot, dialog)
    qtbot.mouseClick(dialog.add_field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.add_field.hasFocus)


def test_one_enter_adds_the_proposition_named_by_its_number(qtbot, log_dialog):
    into_add_field(qtbot, log_dialog)
    type_text(qtbot, "#1")
    assert log_dialog._completer.popup().isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert [r.handle for r in log_dialog.rows] == [1]
    assert log_dialog.isVisible() and log_dialog.add_field.text() == ""


def test_one_enter_adds_the_only_proposition_a_few_words_match(qtbot, log_dialog, prop):
    into_add_field(qtbot, log_dialog)
    type_text(qtbot, "fewer people")
    assert log_dialog._completer.popup().isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert [r.proposition_id for r in log_dialog.rows] == [prop("Fewer people").id]


def test_one_enter_adds_the_highlighted_match(qtbot, log_dialog):
    into_add_field(qtbot, log_dialog)
    type_text(qtbot, "#1")
    popup = log_dialog._completer.popup()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    highlighted = popup.currentIndex().data()
    assert highlighted and highlighted.startswith("#1")
    press(qtbot, Qt.Key.Key_Return)
    assert [f"#{r.handle} " for r in log_dialog.rows] == [highlighted.split(" ", 1)[0] + " "]
    assert log_dialog.isVisible()


@pytest.fixture
def started(qtbot, window, journal, prop):
    """A conversation logged with its befores only, waiting for its afters."""
    from beliefupdate.domain.types import CredenceEntry

    ids = [prop("Fewer people").id, prop("My highest-impact").id]
    conv = journal.log_conversation("Reading group", [CredenceEntry(i, 0.3, None, note="before the talk") for i in ids])
    with qtbot.waitSignal(window.timeline_loaded):
        window.session.written()
    window.selection.select_conversation(conv.id)
    return conv


@pytest.fixture
def finish_dialog(qtbot, window, started):
    window.show()
    qtbot.waitExposed(window)
    dialog = on_screen(qtbot, window.editor.open_conversation())
    assert dialog.mode == "finish"
    yield dialog
    dialog.reject()


def test_finishing_starts_in_the_first_after_and_tab_skips_the_befores(qtbot, finish_dialog):
    first, second = finish_dialog.rows
    assert QApplication.focusWidget() is first.after.edit
    type_text(qtbot, "60")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is first.reason
    type_text(qtbot, "a good talk")
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second.after.edit
    type_text(qtbot, "45")
    assert (first.before.value(), first.after.value()) == (0.3, 0.6)
    assert (second.before.value(), second.after.value()) == (0.3, 0.45)
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is first.reason


def test_a_before_is_changed_at_finish_only_by_clicking_it(qtbot, finish_dialog):
    row = finish_dialog.rows[1]
    qtbot.mouseClick(row.before.edit, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is row.before.edit
    row_text = row.before.edit.text()
    press(qtbot, Qt.Key.Key_End)
    for _ in row_text:
        press(qtbot, Qt.Key.Key_Backspace)
    type_text(qtbot, "35")
    assert row.before.value() == 0.35


def test_escape_asks_before_discarding_what_was_typed(qtbot, log_dialog, journal):
    count = len(journal.conversations())
    qtbot.keyClicks(QApplication.focusWidget(), "Lunch with Kim")
    press(qtbot, Qt.Key.Key_Escape)
    question = log_dialog.discard_question
    assert log_dialog.isVisible() and question is not None and question.isVisible()
    assert question.text() == "Discard this conversation?"
    keep, = [b for b in question.buttons() if b.text() == "Keep editing"]
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert not question.isVisible()
    assert log_dialog.isVisible() and log_dialog.title.text() == "Lunch with Kim"
    on_screen(qtbot, log_dialog)  # a window manager gives the dialog the keyboard back; offscreen does not

    press(qtbot, Qt.Key.Key_Escape)
    discard, = [b for b in log_dialog.discard_question.buttons() if b.text() == "Discard"]
    with qtbot.waitSignal(log_dialog.rejected):
        qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not log_dialog.isVisible() and len(journal.conversations()) == count


def test_an_untouched_dialog_closes_on_escape_at_once(qtbot, log_dialog):
    with qtbot.waitSignal(log_dialog.rejected):
        press(qtbot, Qt.Key.Key_Escape)
    assert log_dialog.discard_question is None and not log_dialog.isVisible()


def test_the_close_button_asks_too_when_afters_were_typed(qtbot, finish_dialog):
    type_text(qtbot, "60")
    finish_dialog.close()  # what the window manager's close button does
    assert finish_dialog.isVisible()
    assert finish_dialog.discard_question.text() == "Discard the afters you typed?"
    assert finish_dialog.rows[0].after.value() == 0.6


def test_a_proposition_already_listed_is_not_added_and_the_field_says_why(qtbot, log_dialog):
    into_add_field(qtbot, log_dialog)
    for _ in range(2):
        type_text(qtbot, "#2")
        press(qtbot, Qt.Key.Key_Return)
        into_add_field(qtbot, log_dialog)
    assert [r.handle for r in log_dialog.rows] == [2]
    assert log_dialog.add_problem.isVisibleTo(log_dialog)
    assert log_dialog.add_problem.text() == "#2 is already in this conversation"
    type_text(qtbot, "x")
    assert not log_dialog.add_problem.isVisibleTo(log_dialog) and log_dialog.add_field.styleSheet() == ""


def test_a_new_proposition_dialog_opens_without_an_error(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    dialog = on_screen(qtbot, window.editor.new_proposition())
    assert QApplication.focusWidget() is dialog.text
    assert dialog.status.styleSheet() != ERROR_STYLE and dialog.text.styleSheet() == ""
    assert not dialog.ok_button.isEnabled()

    type_text(qtbot, "x")
    press(qtbot, Qt.Key.Key_Backspace)
    assert dialog.status.text() == "Write the proposition." and dialog.status.styleSheet() == ERROR_STYLE
    assert "border" in dialog.text.styleSheet()
    dialog.reject()


def test_an_after_on_the_expected_one_is_told_plainly_and_only_a_surprise_in_amber(qtbot, window, journal, prop):
    from beliefupdate.domain.types import CredenceEntry
    from beliefupdate.ui.dialogs.conversation.entry_row import HINT_STYLE

    p = prop("Fewer people")
    conv = journal.log_conversation("Call with Ada", [CredenceEntry(p.id, 0.5, None, expected_after=0.5)])
    with qtbot.waitSignal(window.timeline_loaded):
        window.session.written()
    window.selection.select_conversation(conv.id)
    window.show()
    qtbot.waitExposed(window)
    dialog = on_screen(qtbot, window.editor.open_conversation())
    [row] = dialog.rows
    type_text(qtbot, "50")
    assert row.hint.text() == "You expected 50%; the after is right on it."
    assert row.hint.styleSheet() != HINT_STYLE
    press(qtbot, Qt.Key.Key_Backspace)
    type_text(qtbot, "5")  # 55%: a small miss, ordinary
    assert row.hint.text() == "You expected 50%; the after is +5 pp from it." and row.hint.styleSheet() != HINT_STYLE
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Backspace)
    type_text(qtbot, "90")  # odds 9 : 1 where 1 : 1 was expected
    assert row.hint.text() == "You expected 50%; the after is +40 pp from it." and row.hint.styleSheet() == HINT_STYLE
    dialog.discard()


def test_the_reason_typed_at_finish_goes_with_the_after_only(qtbot, finish_dialog, journal, started, prop):
    from beliefupdate.domain.types import Phase

    first = finish_dialog.rows[0]
    assert first.reason.text() == ""  # the before's note is not offered as the reason it moved
    type_text(qtbot, "60")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "a good talk")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "30")
    with qtbot.waitSignal(finish_dialog.finished):
        press(qtbot, Qt.Key.Key_Return)
    notes = {h.credence.phase: h.credence.note for h in journal.history(first.proposition_id)
             if h.credence.conversation_id == started.id}
    assert notes == {Phase.BEFORE: "before the talk", Phase.AFTER: "a good talk"}
    shift = next(s for s in journal.conversation(started.id).shifts if s.proposition_id == first.proposition_id)
    assert shift.note == "a good talk"


def test_evidence_against_is_written_to_one_like_evidence_for(qtbot, log_dialog):
    into_add_field(qtbot, log_dialog)
    type_text(qtbot, "#2")
    press(qtbot, Qt.Key.Key_Return)
    on_screen(qtbot, log_dialog)
    [row] = log_dialog.rows
    qtbot.mouseClick(row.before.edit, Qt.MouseButton.LeftButton)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "80%")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is row.after.edit
    type_text(qtbot, "60%")
    assert row.evidence.text() == "−1.4 bits · 0.375 : 1"
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "96%")
    assert row.evidence.text() == "+2.6 bits · 6.00 : 1"
