"""Another device changes a record while this window has it open: saving or undoing is refused
with a plain message, the window shows the other device's version, and nothing is overwritten unseen."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beliefupdate.store.journal import Journal
from beliefupdate.ui.dialogs.proposition import PropositionDialog
from beliefupdate.ui.models.propositions import PropositionsModel
from tests.ui.person import click_row, key, row_of, show, type_text

# Other devices write to a journal on a server.
pytestmark = pytest.mark.server

CTRL = Qt.KeyboardModifier.ControlModifier
TEXT = "AI safety is one genuinely hard problem"


def open_dialog(qtbot, window) -> PropositionDialog:
    row = row_of(window.props_view, PropositionsModel.TEXT, TEXT)
    click_row(qtbot, window.props_view, row)
    key(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), PropositionDialog))
    return QApplication.activeWindow()


def test_saving_over_a_change_made_on_another_device_is_refused_then_allowed_knowingly(
        qtbot, window, journal, journal_db, prop):
    show(qtbot, window)
    dialog = open_dialog(qtbot, window)
    with Journal.open(journal_db) as desktop:
        desktop.edit_proposition(prop(TEXT).id, notes="Written on the desktop meanwhile")

    dialog.text.selectAll()
    type_text(qtbot, "AI safety is many moderately hard problems")
    key(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "changed elsewhere since you opened it; reloaded" in dialog.status.text()
    assert prop(TEXT).notes == "Written on the desktop meanwhile"  # nothing of ours was written over it

    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)  # OK again: the person has been told, and chooses theirs
    assert prop("AI safety is many").text == "AI safety is many moderately hard problems"


@pytest.mark.written_elsewhere
def test_undo_does_not_write_over_a_change_made_on_another_device(qtbot, window, journal, journal_db, prop):
    show(qtbot, window)
    dialog = open_dialog(qtbot, window)
    dialog.text.selectAll()
    type_text(qtbot, "AI safety is one very hard problem")
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)
    edited = prop("AI safety is one very hard problem")
    with Journal.open(journal_db) as desktop:
        desktop.edit_proposition(edited.id, text="AI safety is one very, very hard problem")

    show(qtbot, window)  # back in the main window, as the window manager gives it after the dialog
    window.props_view.setFocus()
    messages = []
    window.session.message.connect(lambda text, _ms: messages.append(text))
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert any("Could not undo" in m and "changed elsewhere since you opened it" in m for m in messages), messages
    assert journal.proposition(edited.id).text == "AI safety is one very, very hard problem"
    qtbot.waitUntil(lambda: row_of(window.props_view, PropositionsModel.TEXT, "AI safety is one very, very") is not None)
