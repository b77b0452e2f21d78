"""The core flow: logging a conversation in the dialog, by keyboard, and finishing one later."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from beliefupdate.domain.types import Kind
from beliefupdate.ui.models.conversations import AWAITING_ROLE


def test_log_a_full_conversation_by_keyboard(qtbot, window, journal, prop):
    lab = prop("My highest-impact")
    coworkers = prop("Coworkers matter")
    before = {s.proposition.id: s.current for s in journal.summaries()}
    dialog = window.editor.log_conversation()
    assert dialog.isVisible()

    qtbot.keyClicks(dialog.title, "Dinner with Alex from the evals team")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.person, "Alex")
    dialog.kind.setCurrentIndex(dialog.kind.findData(Kind.CONVERSATION.value))
    qtbot.keyClicks(dialog.notes, "Talked about what evals work looks like day to day.")
    for handle in ("#1", "#9"):
        qtbot.keyClicks(dialog.add_field, handle)
        qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)  # adds the proposition; does not accept
    assert dialog.isVisible()
    rows = {r.proposition_id: r for r in dialog.rows}
    assert set(rows) == {lab.id, coworkers.id}
    # befores are prefilled with where each proposition stands now
    assert rows[lab.id].before.value() == before[lab.id]
    rows[lab.id].after.edit.clear()
    qtbot.keyClicks(rows[lab.id].after.edit, "3:1")  # odds
    assert rows[lab.id].shift.text() == "+33 pp"
    qtbot.keyClicks(rows[lab.id].reason, "Evals is where the people are")
    rows[coworkers.id].before.set_text("")
    qtbot.keyClicks(rows[coworkers.id].before.edit, "0.8")
    qtbot.keyClicks(rows[coworkers.id].after.edit, "9 in 10")
    assert dialog.ok_button.isEnabled()

    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(rows[coworkers.id].after.edit, Qt.Key.Key_Return)  # Enter accepts

    logged = journal.conversations()[0]
    assert logged.conversation.title == "Dinner with Alex from the evals team"
    assert logged.conversation.person_name == "Alex"
    assert "evals work" in logged.conversation.notes
    shifts = {s.proposition_id: s for s in logged.shifts}
    assert shifts[lab.id].before == before[lab.id] and shifts[lab.id].after == 0.75
    assert shifts[lab.id].note == "Evals is where the people are"
    assert (shifts[coworkers.id].before, shifts[coworkers.id].after) == (0.8, 0.9)
    # the window shows it as soon as the timeline is read again, selected, and the propositions moved
    qtbot.waitUntil(lambda: window.selection.conversation_id() == logged.conversation.id)
    assert {s.proposition.id: s.current for s in journal.summaries()}[lab.id] == 0.75


def test_selected_propositions_are_included_and_recent_ones_suggested(window, journal):
    window.selection.select_propositions([window.props_model.row(2).id])
    dialog = window.editor.log_conversation()
    assert [r.proposition_id for r in dialog.rows] == [window.props_model.row(2).id]
    assert dialog._suggestion_buttons, "recently touched propositions are offered"
    first = dialog._suggestion_buttons[0]
    first.click()
    assert len(dialog.rows) == 2
    assert all(b.text() != first.text() for b in dialog._suggestion_buttons)
    dialog.reject()


def test_invalid_credence_is_marked_inline_and_blocks_ok(qtbot, window, journal):
    count = len(journal.conversations())
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Call")
    qtbot.keyClicks(dialog.add_field, "#2")
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    row = dialog.rows[0]
    qtbot.keyClicks(row.after.edit, "150%")
    assert not dialog.ok_button.isEnabled()
    assert row.error.isVisibleTo(dialog) and "above 100%" in row.error.text()
    assert "above 100%" in dialog.status.text()
    qtbot.keyClick(row.after.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(journal.conversations()) == count

    row.after.set_text("banana")
    assert "cannot read 'banana'" in row.error.text()
    row.after.set_text("")
    row.before.set_text("")
    assert "give a before, an after, or both" in row.error.text()
    assert not dialog.ok_button.isEnabled()
    row.after.set_text("1 in 4")
    assert dialog.ok_button.isEnabled() and not row.error.isVisibleTo(dialog)

    dialog.title.setText("   ")
    assert not dialog.ok_button.isEnabled()
    assert dialog.status.text() == "Give the conversation a title."
    dialog.reject()
    assert len(journal.conversations()) == count


def test_the_slider_and_the_text_stay_in_step(window):
    dialog = window.editor.log_conversation()
    dialog.add_proposition(window.props_model.row(0).id)
    after = dialog.rows[0].after
    after.slider.setValue(65)
    assert after.edit.text() == "65%" and after.value() == 0.65
    after.set_text("0.3")
    assert after.slider.value() == 30
    after.set_text("")
    dialog.rows[0].before.set_text("20%")
    assert after.value() is None and after.slider.value() == 20  # an empty after waits where the before is
    dialog.reject()


def test_start_with_befores_and_finish_later(qtbot, window, journal, prop):
    p = prop("Fewer people")
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Reading group")
    dialog.add_proposition(p.id)
    assert "1 after left empty" in dialog.status.text()
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    started = journal.conversations()[0]
    assert started.awaiting_after and started.shifts[0].before == 0.7

    qtbot.waitUntil(lambda: window.convs_model.row_of(started.conversation.id) >= 0)
    row = window.convs_model.row_of(started.conversation.id)
    assert window.convs_model.index(row, 0).data(AWAITING_ROLE)
    qtbot.waitUntil(lambda: window.conv_details.finish_button.isVisibleTo(window))

    finish = window.editor.open_conversation()  # Enter on an awaiting conversation finishes it
    assert finish.mode == "finish" and finish.windowTitle() == "Finish a conversation"
    assert not finish.title.isEnabled()
    assert finish.focusWidget() in (None, finish.rows[0].after.edit)
    qtbot.keyClicks(finish.rows[0].after.edit, "55")
    with qtbot.waitSignal(finish.finished):
        qtbot.keyClick(finish.rows[0].after.edit, Qt.Key.Key_Return)
    done = journal.conversation(started.conversation.id)
    assert not done.awaiting_after
    assert (done.shifts[0].before, done.shifts[0].after) == (0.7, 0.55)
    qtbot.waitUntil(lambda: not window.convs_model.index(row, 0).data(AWAITING_ROLE))

    window.session.undo_stack.undo()
    assert journal.conversation(started.conversation.id).awaiting_after
    window.session.undo_stack.redo()
    assert journal.conversation(started.conversation.id).shifts[0].after == 0.55


def test_edit_a_conversation(qtbot, window, journal):
    c = next(c for c in journal.conversations() if c.conversation.title.startswith("Coffee with Sam"))
    window.selection.select_conversation(c.conversation.id)
    dialog = window.editor.open_conversation()
    assert dialog.mode == "edit" and len(dialog.rows) == len(c.shifts)
    dialog.title.setText("Coffee with Sam (lab safety team)")
    dialog.rows[0].after.set_text("50%")
    dialog._remove_row(dialog.rows[-1])
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    edited = journal.conversation(c.conversation.id)
    assert edited.conversation.title == "Coffee with Sam (lab safety team)"
    assert len(edited.shifts) == len(c.shifts) - 1
    window.session.undo_stack.undo()
    restored = journal.conversation(c.conversation.id)
    assert restored.conversation.title == c.conversation.title
    assert set(restored.shifts) == set(c.shifts)


def test_a_failed_write_keeps_the_dialog_open_with_the_reason(qtbot, window, journal, monkeypatch):
    from beliefupdate.domain.errors import UserError

    def busy(*a, **k):
        raise UserError("the journal is busy (another program is writing to it); try again")

    monkeypatch.setattr(journal, "log_conversation", busy)
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Call")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "busy" in dialog.status.text()
    assert window.session.undo_stack.count() == 0
    dialog.reject()


def tab_walk(qtbot, dialog, start=None) -> list[str]:
    """The names of the widgets Tab takes the keyboard to, from where the dialog puts it (or a click on
    ``start`` does) round to there again.

    Each Tab is a key press to the widget that has the keyboard, as a person's would be; the walk
    stops when Tab comes back to the first widget, or fails after more presses than the dialog has
    widgets (Tab caught in a loop that never comes back)."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    if start is not None:
        qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(start.hasFocus)
    first = QApplication.focusWidget()
    assert first is not None and first.window() is dialog
    visited = [first]
    for _ in range(len(dialog.findChildren(QWidget))):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is first:
            return [w.accessibleName() or w.objectName() for w in visited]
        visited.append(QApplication.focusWidget())
    raise AssertionError(f"Tab never came back to {first.accessibleName()!r}: "
                         f"{[w.accessibleName() or w.objectName() for w in visited[:60]]}")


# Tab steps through the sections of the date (year, month, day, hour, minute) before it leaves it.
DATE = ["Date and time"] * 5


def suggested(journal, *handles) -> list[str]:
    by_handle = {p.handle: p for p in journal.propositions()}
    return [f"Add #{h} {by_handle[h].text}" for h in handles]


def test_tab_goes_through_the_whole_log_dialog_in_reading_order_and_back_to_the_title(qtbot, window, journal, prop):
    hard, fewer = prop("AI safety is one genuinely hard problem"), prop("Fewer people")
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Chat about the shape of the problem")
    a = dialog.add_proposition(hard.id)
    qtbot.keyClicks(a.after.edit, "80%")  # the cruxes say what that implies for #1 and offer to add it
    b = dialog.add_proposition(fewer.id)
    b.expected.set_value(0.9)  # an expected move: the row offers to make it the before
    qtbot.keyClicks(dialog.add_field, "Coworkers matter for where I'd learn fastest")
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.rows[-1].after.edit, "80")
    assert a.crux.button.isVisibleTo(dialog) and b.use_expected.isVisibleTo(dialog)
    a_, b_ = f"#{hard.handle}", f"#{fewer.handle}"
    new = "the new proposition Coworkers matter for where I'd learn fastest"
    assert tab_walk(qtbot, dialog, start=dialog.title) == [
        "Title", "With", "Kind", *DATE, "Notes", "Pre", "Post", "Preview the Pre and the Post", "Add a proposition",
        *suggested(journal, 1, 4, 6),
        f"Before for {a_} credence", f"Expected after for {a_} credence", f"After for {a_} credence",
        f"Reason for {a_}", f"Remove {a_}", a.crux.button.accessibleName(),
        f"Before for {b_} credence", f"Expected after for {b_} credence", f"After for {b_} credence",
        f"Reason for {b_}", f"Remove {b_}", f"Use the expected after as the before for {b_}",
        f"After for {new}", f"Reason for {new}", f"Remove {new}",
        "Log conversation", "Cancel",
    ]
    dialog.discard()


def test_tab_at_finish_goes_through_the_afters_and_what_is_still_open(qtbot, window, journal, prop):
    from beliefupdate.domain.types import CredenceEntry

    ids = [prop("Fewer people").id, prop("My highest-impact").id]
    conv = journal.log_conversation("Reading group", [CredenceEntry(i, 0.3, None) for i in ids])
    with qtbot.waitSignal(window.timeline_loaded):
        window.session.written()
    dialog = window.editor.finish_conversation(journal.conversation(conv.id))
    assert dialog.mode == "finish"
    a, b = (f"#{r.handle}" for r in dialog.rows)
    # The befores, the expectations and the record of the conversation were written before it: out of the way.
    assert tab_walk(qtbot, dialog) == [
        f"After for {a} credence", f"Reason for {a}", f"After for {b} credence", f"Reason for {b}",
        "Save afters", "Cancel", "Post", "Preview the Pre and the Post", "Add a proposition",
        *suggested(journal, 4, 6, 5),
    ]
    dialog.discard()


def test_tab_goes_through_the_whole_edit_dialog(qtbot, window, journal):
    c = next(c for c in journal.conversations() if c.conversation.title.startswith("Coffee with Sam"))
    dialog = window.editor.edit_conversation(c)
    assert dialog.mode == "edit"
    rows = []
    for h in (f"#{r.handle}" for r in dialog.rows):
        rows += [f"Before for {h} credence", f"Expected after for {h} credence", f"After for {h} credence",
                 f"Reason for {h}", f"Remove {h}"]
    assert tab_walk(qtbot, dialog) == [
        "Title", "With", "Kind", *DATE, "Notes", "Pre", "Post", "Preview the Pre and the Post", "Add a proposition",
        *suggested(journal, 5, 7, 3), *rows, "Save changes", "Cancel",
    ]
    dialog.discard()


def test_delete_key_on_the_timeline_deletes_the_conversation(qtbot, window, journal):
    c = journal.conversations()[2]
    window.show()
    qtbot.waitExposed(window)
    window.selection.select_conversation(c.conversation.id)
    window.convs_view.setFocus()
    qtbot.waitUntil(window.convs_view.hasFocus)
    qtbot.keyClick(window.convs_view, Qt.Key.Key_Delete)
    assert all(x.conversation.id != c.conversation.id for x in journal.conversations())
    window.session.undo_stack.undo()
    assert journal.conversation(c.conversation.id).shifts == c.shifts
