"""The log-conversation dialog's additions: the shift as evidence, and the expected after with its hint."""

import pytest
from PySide6.QtCore import Qt

from beliefupdate.domain.types import CredenceEntry


@pytest.fixture
def dialog(window):
    d = window.editor.log_conversation()
    d.title.setText("Coffee with Sam")
    yield d
    d.reject()


@pytest.fixture
def row(dialog, prop):
    return dialog.add_proposition(prop("My highest-impact").id)


def type_into(qtbot, field, text):
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


@pytest.mark.parametrize(
    "before, after, shift, evidence",
    [
        ("60%", "80%", "+20 pp", "+1.4 bits · 2.67 : 1"),
        ("80%", "60%", "−20 pp", "−1.4 bits · 0.375 : 1"),
        ("50%", "50%", "±0 pp", ""),
        ("90%", "100%", "+10 pp", "to certainty ↑"),
        ("0.3", "0", "−30 pp", "to certainty ↓"),
    ],
)
def test_the_live_shift_in_points_bits_and_likelihood_ratio(qtbot, row, before, after, shift, evidence):
    type_into(qtbot, row.before, before)
    type_into(qtbot, row.after, after)
    assert row.shift.text() == shift
    assert row.evidence.text() == evidence
    assert row.shift.accessibleDescription() == " · ".join(t for t in (shift, evidence) if t)


def test_no_evidence_is_shown_until_both_sides_are_there(qtbot, row):
    type_into(qtbot, row.before, "60%")
    row.after.edit.clear()
    assert row.shift.text() == "" and row.evidence.text() == ""


def test_an_expected_move_is_pointed_out_inline_and_can_become_the_before(qtbot, row, dialog):
    type_into(qtbot, row.before, "60%")
    type_into(qtbot, row.expected, "70%")
    assert row.hint.isVisibleTo(dialog)
    assert row.hint.text() == ("You expect to move up, from 60% to 70%: an expected move is a move you could make now.")
    assert row.use_expected.isVisibleTo(dialog)
    assert dialog.ok_button.isEnabled(), "a hint, not an error"
    row.use_expected.click()
    assert row.before.value() == 0.7
    assert not row.hint.isVisibleTo(dialog) and not row.use_expected.isVisibleTo(dialog)


def test_expecting_to_stay_says_nothing(qtbot, row, dialog):
    type_into(qtbot, row.before, "60%")
    type_into(qtbot, row.expected, "0.6")
    assert not row.hint.isVisibleTo(dialog)


def test_an_expected_after_needs_a_before_and_a_readable_value(qtbot, row, dialog):
    row.before.edit.clear()
    type_into(qtbot, row.expected, "70%")
    type_into(qtbot, row.after, "80%")
    assert "an expected after goes with a before" in row.error.text()
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, row.before, "60%")
    type_into(qtbot, row.expected, "lots")
    assert row.error.text().startswith("#1 expected after:")
    assert not dialog.ok_button.isEnabled()


def test_the_expected_after_is_stored_and_shown_again_when_finishing_and_editing(qtbot, window, journal, prop):
    lab = prop("My highest-impact")
    dialog = window.editor.log_conversation()
    dialog.title.setText("Lunch with Priya")
    row = dialog.add_proposition(lab.id)
    type_into(qtbot, row.before, "40%")
    type_into(qtbot, row.expected, "55%")
    row.after.edit.clear()
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    logged = journal.conversations()[0]
    assert logged.conversation.title == "Lunch with Priya"
    [shift] = logged.shifts
    assert (shift.before, shift.expected_after, shift.after) == (0.4, 0.55, None)

    # Finishing shows what you expected, read-only, and where the after landed against it.
    finish = window.editor.finish_conversation(logged)
    [row] = finish.rows
    assert row.expected.edit.text() == "55%" and not row.expected.isEnabled()
    type_into(qtbot, row.after, "45%")
    assert row.hint.text() == "You expected 55%; the after is −10 pp from it."
    assert not row.use_expected.isVisibleTo(finish)
    with qtbot.waitSignal(finish.finished):
        finish.ok_button.click()
    [shift] = journal.conversation(logged.conversation.id).shifts
    assert (shift.before, shift.expected_after, shift.after) == (0.4, 0.55, 0.45)

    # Editing shows it too and can take it away; undo brings it back.
    edit = window.editor.edit_conversation(journal.conversation(logged.conversation.id))
    [row] = edit.rows
    assert row.expected.isEnabled() and row.expected.value() == 0.55
    row.expected.edit.clear()
    with qtbot.waitSignal(edit.finished):
        edit.ok_button.click()
    assert journal.conversation(logged.conversation.id).shifts[0].expected_after is None
    window.session.undo_stack.undo()
    assert journal.conversation(logged.conversation.id).shifts[0].expected_after == 0.55


def test_a_stored_expectation_shows_in_the_edit_dialog(window, journal, prop):
    lab = prop("My highest-impact")
    conv = journal.log_conversation("Call", [CredenceEntry(lab.id, 0.3, 0.5, expected_after=0.4)])
    dialog = window.editor.edit_conversation(journal.conversation(conv.id))
    [row] = dialog.rows
    assert row.expected.edit.text() == "40%"
    assert row.hint.text() == "You expect to move up, from 30% to 40%: an expected move is a move you could make now."
    assert row.evidence.text() == "+1.2 bits · 2.33 : 1"
    dialog.reject()


def test_tab_goes_from_before_to_expected_to_after(dialog, row):
    chain, w = [], row.before.edit
    wanted = [row.before.edit, row.expected.edit, row.after.edit, row.reason]
    while len(chain) < len(wanted):
        if w in wanted and w not in chain:
            chain.append(w)
        w = w.nextInFocusChain()
    assert chain == wanted
    assert row.expected.edit.accessibleName() == "Expected after for #1 credence"
    assert row.expected.slider.isHidden()


def test_keyboard_entry_of_an_expectation(qtbot, window, dialog, row, journal):
    window.show()
    qtbot.waitExposed(window)
    row.before.edit.setFocus()
    type_into(qtbot, row.before, "50%")
    qtbot.keyClick(row.before.edit, Qt.Key.Key_Tab)
    assert row.expected.edit.hasFocus() or dialog.focusWidget() is row.expected.edit
    qtbot.keyClicks(dialog.focusWidget(), "50%")
    assert row.expected.value() == 0.5 and not row.hint.isVisibleTo(dialog)
