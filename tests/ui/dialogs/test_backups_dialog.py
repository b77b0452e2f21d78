"""File > Backups…: see the backups, make one, restore one (asked twice, undoable from the list)."""

import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from beliefupdate.store.backups import BackupKind

# A server journal's backups are the server's (pg_dump), not files beside it.
pytestmark = pytest.mark.server


def open_backups(window, qtbot):
    window.actions_["backups"].trigger()
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_back_up_now_and_restore_an_earlier_state(window, qtbot, tmp_path):
    journal = window.session.journal
    dialog = open_backups(window, qtbot)
    before = dialog.model.rowCount()
    dialog.backup_button.click()
    assert dialog.model.rowCount() == before + 1
    assert "Backed up to" in dialog.status.text()
    made = dialog.selected()
    assert made.kind is BackupKind.MANUAL

    count = len(journal.propositions())
    journal.add_proposition("Written after the backup")
    window.session.written()
    assert window.props_model.rowCount() == count + 1

    dialog.view.selectRow(0)
    dialog.restore_button.click()  # first click only asks
    assert "Click again" in dialog.status.text()
    assert len(journal.propositions()) == count + 1
    dialog.restore_button.click()
    assert "Restored the copy" in dialog.status.text()
    assert len(journal.propositions()) == count
    assert window.props_model.rowCount() == count
    assert window.session.undo_stack.count() == 0
    # the state before the restore is itself a backup now
    assert any(b.kind is BackupKind.BEFORE_RESTORE for b in journal.backups())
    dialog.close()


def test_changing_the_choice_disarms_the_restore(window, qtbot):
    journal = window.session.journal
    journal.back_up()
    journal.back_up()
    dialog = open_backups(window, qtbot)
    dialog.view.selectRow(0)
    dialog.restore_button.click()
    dialog.view.selectRow(1)
    assert dialog.restore_button.text() == "&Restore…"
    dialog.close()


@pytest.mark.sqlite_only("about two journal files of one stem in one folder")
def test_the_dialog_lists_only_this_journals_backups(window, qtbot, tmp_path):
    from beliefupdate.store.journal import Journal

    twin_path = window.session.journal.location.path.with_suffix(".db")  # the same stem, another journal
    with Journal.open(twin_path) as twin:
        twin.add_proposition("Only in the other journal")
        twin.back_up()
    window.session.journal.back_up()
    dialog = open_backups(window, qtbot)
    shown = [dialog.model.row(r) for r in range(dialog.model.rowCount())]
    assert [b.kind for b in shown] == [BackupKind.MANUAL]
    conn = sqlite3.connect(f"file:{shown[0].path}?mode=ro", uri=True)
    try:
        assert ("Only in the other journal",) not in conn.execute("SELECT text FROM propositions").fetchall()
    finally:
        conn.close()
    dialog.close()
