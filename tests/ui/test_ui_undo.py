"""Every edit can be undone and redone, deletes included, and the window follows."""

import pytest
from PySide6.QtCore import Qt

from beliefupdate.domain.types import Resolution
from beliefupdate.interchange.exchange import write_json


def state(journal):
    """Everything a user could notice, without handles (a restored record may get a new number)."""
    data = journal.export_data()
    props = {(p.id, p.text, p.tags, p.notes, p.archived, p.resolution) for p in data.propositions}
    convs = {(c.id, c.title, c.person_name, c.notes) for c in data.conversations}
    creds = {(c.id, c.proposition_id, c.phase, c.probability) for c in data.credences}
    return props, convs, creds


def undo_redo(window, journal, before, after):
    stack = window.session.undo_stack
    assert state(journal) == after
    stack.undo()
    assert state(journal) == before
    stack.redo()
    assert state(journal) == after
    stack.undo()
    assert state(journal) == before


def test_new_proposition_with_a_starting_credence(qtbot, window, journal):
    before = state(journal)
    dialog = window.editor.new_proposition()
    qtbot.keyClicks(dialog.text, "Evals work is learnable in three months")
    qtbot.keyClicks(dialog.tags, "career, Skills")
    qtbot.keyClicks(dialog.credence.edit, "60%")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    p = journal.find_proposition("Evals work is learnable in three months")
    assert p.tags == ("career", "skills")
    assert journal.summaries()[-1].current == 0.6
    assert window.selection.current_proposition_id() == p.id
    assert window.session.undo_stack.undoText() == f"add proposition #{p.handle}"
    undo_redo(window, journal, before, state(journal))
    assert window.props_model.row_of(p.id) == -1


def test_duplicate_proposition_is_refused_inline(qtbot, window, journal):
    dialog = window.editor.new_proposition()
    qtbot.keyClicks(dialog.text, journal.propositions()[0].text.upper())
    dialog.ok_button.click()
    assert dialog.isVisible() and "already says that" in dialog.status.text()
    dialog.reject()


def test_edit_proposition(qtbot, window, journal):
    before = state(journal)
    window.selection.select_propositions([journal.propositions()[1].id])
    dialog = window.editor.edit_proposition()
    dialog.text.setText("Far fewer people work seriously on AI safety than I assume")
    dialog.tags.setText("field, people")
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    assert journal.propositions()[1].tags == ("field", "people")
    undo_redo(window, journal, before, state(journal))


def test_check_in(qtbot, window, journal):
    before = state(journal)
    p = journal.propositions()[0]
    window.selection.select_propositions([p.id])
    dialog = window.editor.check_in()
    assert dialog.credence.edit.text() == "42%"
    dialog.credence.set_text("0.55")
    qtbot.keyClicks(dialog.note, "Slept on it")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert journal.summaries()[0].current == 0.55
    assert window.props_model.index(0, 3).data() == "55%"
    undo_redo(window, journal, before, state(journal))
    assert window.props_model.index(window.props_model.row_of(p.id), 3).data() == "42%"


def test_archive_and_unarchive(window, journal):
    before = state(journal)
    ids = [p.id for p in journal.propositions()[:2]]
    window.selection.select_propositions(ids)
    window.actions_["archive"].trigger()
    assert all(p.archived for p in journal.propositions()[:2])
    assert window.props_proxy.rowCount() == window.props_model.rowCount() - 3  # with the sample's archived one
    assert window.session.undo_stack.undoText() == "archive 2 propositions"  # one step for the whole selection
    undo_redo(window, journal, before, state(journal))


@pytest.mark.parametrize("resolution", [Resolution.TRUE, Resolution.FALSE, Resolution.AMBIGUOUS])
def test_resolve(window, journal, resolution):
    before = state(journal)
    p = journal.propositions()[0]
    window.selection.select_propositions([p.id])
    window.actions_[f"resolve_{resolution.value}"].trigger()
    assert journal.proposition(p.id).resolution is resolution
    assert f"resolved {resolution.value}" in window.props_model.index(0, 1).data()
    undo_redo(window, journal, before, state(journal))


def test_delete_proposition_undoes_completely(window, journal):
    before = state(journal)
    p = journal.propositions()[0]
    history = journal.history(p.id)
    window.selection.select_propositions([p.id])
    window.props_view.setFocus()
    window.actions_["delete"].trigger()
    assert all(q.id != p.id for q in journal.propositions())
    assert "Undo" in window.statusBar().currentMessage()
    undo_redo(window, journal, before, state(journal))
    window.session.undo_stack.redo()
    window.session.undo_stack.undo()
    assert [h.credence for h in journal.history(p.id)] == [h.credence for h in history]


def test_delete_conversation_undoes_completely(window, journal):
    before = state(journal)
    c = journal.conversations()[1]
    window.selection.select_conversation(c.conversation.id)
    window.editor.delete_conversation()
    assert all(x.conversation.id != c.conversation.id for x in journal.conversations())
    undo_redo(window, journal, before, state(journal))
    assert journal.conversation(c.conversation.id).shifts == c.shifts


def test_log_conversation_undo(qtbot, window, journal):
    before = state(journal)
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Podcast")
    dialog.add_proposition(journal.propositions()[0].id).after.set_text("50%")
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    undo_redo(window, journal, before, state(journal))


def test_import_and_undo(qtbot, tmp_path, window, journal, file_dialog):
    from beliefupdate.store.journal import Journal

    other = Journal.open(tmp_path / "other.sqlite3")
    q = other.add_proposition("Policy teams need technical readers")
    other.check_in(q.id, 0.6)
    write_json(other.export_data(), tmp_path / "other.json")
    other.close()
    before = state(journal)
    file_dialog.answer(tmp_path / "other.json")
    window.actions_["import"].trigger()
    from beliefupdate.ui.dialogs.import_preview import ImportPreviewDialog

    qtbot.mouseClick(window.findChild(ImportPreviewDialog).ok_button, Qt.MouseButton.LeftButton)
    assert journal.find_proposition("Policy teams need technical readers")
    assert "Imported" in window.statusBar().currentMessage()
    undo_redo(window, journal, before, state(journal))


def test_undo_of_something_deleted_elsewhere_is_reported_not_crashed(tmp_path, window, journal):
    from beliefupdate.store.journal import Journal

    p = journal.propositions()[0]
    window.selection.select_propositions([p.id])
    window.actions_["archive"].trigger()
    with Journal.open(journal.location.url) as elsewhere:
        elsewhere.delete_proposition(p.id)
    window.session.undo_stack.undo()
    assert "Could not undo" in window.statusBar().currentMessage()
    assert window.session.undo_stack.count() == 0  # the stale step is dropped
