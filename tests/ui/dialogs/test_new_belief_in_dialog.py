"""Beliefs born in a conversation, from the log dialog: typed in Add, created only with the conversation."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from beliefupdate.domain.types import CredenceEntry

COWORKERS = "Coworkers matter for where I'd learn fastest"


def test_text_that_names_no_proposition_becomes_a_new_one_with_the_conversation(qtbot, window, journal, prop):
    lab = prop("My highest-impact")
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Chat with a friend on a lab safety team")
    qtbot.keyClicks(dialog.add_field, COWORKERS)
    assert dialog.add_new.isVisibleTo(dialog)
    assert dialog.add_new.text() == "Add new proposition: “Coworkers matter for where I'd learn fa…”"
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.add_field.text() == "" and not dialog.add_new.isVisibleTo(dialog)
    row = dialog.rows[-1]
    assert row.new and row.label.text() == f"New: {COWORKERS}"
    assert row.no_before.text() == "new · hadn't considered" and not row.before.isVisibleTo(dialog)
    assert not dialog.ok_button.isEnabled()  # its after is required
    assert f"New “{COWORKERS}”: give its after" in dialog.status.text()
    assert dialog.focusWidget() is row.after.edit
    qtbot.keyClicks(row.after.edit, "80")
    qtbot.keyClick(row.after.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "clearly an oversight")
    assert not any(p.text == COWORKERS for p in journal.propositions())  # nothing until the conversation is saved
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(row.reason, Qt.Key.Key_Return)

    born = journal.find_proposition(COWORKERS)
    logged = journal.conversations()[0]
    shift = next(s for s in logged.shifts if s.proposition_id == born.id)
    assert shift.new and shift.before is None and shift.after == 0.8 and shift.note == "clearly an oversight"
    assert lab.id not in {s.proposition_id for s in logged.shifts}

    window.session.undo_stack.undo()  # the conversation goes, and the proposition born in it
    assert not any(p.text == COWORKERS for p in journal.propositions())
    assert all(c.conversation.id != logged.conversation.id for c in journal.conversations())
    window.session.undo_stack.redo()
    assert journal.conversation(logged.conversation.id).shifts == logged.shifts


def test_cancelling_or_a_failed_save_creates_nothing(qtbot, window, journal):
    count, conversations = len(journal.propositions()), len(journal.conversations())
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Call")
    qtbot.keyClicks(dialog.add_field, COWORKERS)
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.rows[-1].after.edit, "80")
    # A failed save: the proposition's text is taken by the time it is written.
    journal.add_proposition(COWORKERS.upper())
    dialog.ok_button.click()
    assert dialog.isVisible() and "already says that" in dialog.status.text()
    assert len(journal.propositions()) == count + 1 and len(journal.conversations()) == conversations
    dialog.discard()
    assert len(journal.propositions()) == count + 1 and len(journal.conversations()) == conversations


def test_finishing_can_add_a_belief_born_in_the_conversation_and_undo_it(qtbot, window, journal, prop):
    p = prop("Fewer people")
    started = journal.log_conversation("Reading group", [CredenceEntry(p.id, 0.7, None)])
    window.selection.select_conversation(started.id)
    finish = window.editor.finish_conversation(journal.conversation(started.id))
    qtbot.keyClicks(finish.rows[0].after.edit, "55")
    qtbot.keyClicks(finish.add_field, COWORKERS)
    qtbot.keyClick(finish.add_field, Qt.Key.Key_Return)
    qtbot.keyClicks(finish.rows[-1].after.edit, "70")
    with qtbot.waitSignal(finish.finished):
        qtbot.keyClick(finish.rows[-1].after.edit, Qt.Key.Key_Return)
    born = journal.find_proposition(COWORKERS)
    assert {(s.proposition_id, s.after, s.new) for s in journal.conversation(started.id).shifts} == {
        (p.id, 0.55, False), (born.id, 0.7, True)}
    window.session.undo_stack.undo()
    assert not any(q.text == COWORKERS for q in journal.propositions())
    assert journal.conversation(started.id).awaiting_after
    window.session.undo_stack.redo()
    assert {(s.proposition_id, s.after, s.new) for s in journal.conversation(started.id).shifts} == {
        (p.id, 0.55, False), (born.id, 0.7, True)}


def test_the_add_field_names_a_new_proposition_already_listed_by_its_words(qtbot, window):
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.add_field, COWORKERS)
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    # It has no number yet: "#0" would name something the user never saw.
    for typed, said in (("Coworkers matter for where", "“Coworkers matter for where I'd learn fa…” is already in "
                                                        "this conversation"),
                        ("#0", "No proposition matches")):
        dialog.add_field.setFocus()
        qtbot.keyClicks(dialog.add_field, typed)
        qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
        assert len(dialog.rows) == 1 and dialog.add_problem.text() == said
        dialog.add_field.clear()
    dialog.discard()


def test_a_new_propositions_row_is_named_by_its_words_to_a_screen_reader(qtbot, window):
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.add_field, COWORKERS)
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    row = dialog.rows[-1]
    names = [w.accessibleName() for w in row.findChildren(QWidget) if w.isVisibleTo(dialog) and w.accessibleName()]
    assert names and all("#" not in n for n in names), names
    assert f"Shift for the new proposition {COWORKERS}" in names
    dialog.discard()


def test_removing_a_row_puts_the_keyboard_in_the_new_proposition_after_it(qtbot, window, prop):
    dialog = window.editor.log_conversation()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.add_proposition(prop("Fewer people").id)
    qtbot.keyClicks(dialog.add_field, COWORKERS)
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    first, new = dialog.rows
    qtbot.mouseClick(first.remove, Qt.MouseButton.LeftButton)
    assert dialog.rows == [new] and dialog.focusWidget() is new.after.edit
    dialog.discard()
