"""Journals on a server in the window: a password asked for and never kept, a server that cannot be
used explained with a way on, and no password anywhere on screen or on disk."""

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy.engine import make_url

from beliefupdate.store.location import resolve
from beliefupdate.ui import app
from beliefupdate.ui.dialogs.password import PasswordDialog
from beliefupdate.ui.dialogs.unavailable import JournalUnavailableDialog

pytestmark = [pytest.mark.postgresql, pytest.mark.server]


@pytest.fixture(autouse=True)
def no_stored_password(monkeypatch):
    """The password comes from the URL or the dialog, not from this machine's own settings."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")


def answer_passwords(qtbot, answers: list, asked: list) -> None:
    """Type each of ``answers`` into the password dialogs as they come up (None: press Escape)."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            QTimer.singleShot(10, answer)
            return
        asked.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        reply = answers.pop(0) if answers else None
        if reply is None:
            qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
        else:
            assert dialog.field.echoMode() == dialog.field.EchoMode.Password
            qtbot.keyClicks(dialog.field, reply)
            qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        if answers:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)


def test_a_password_is_asked_for_asked_again_when_wrong_and_shown_nowhere(
        qtbot, window, journal_path, server_db, settings, tmp_path):
    from beliefupdate.ui.crash import CrashHandler, log, setup_logging

    password = make_url(server_db).password
    bare = resolve(server_db)[0].reopen_spec
    assert password not in bare
    log_file = setup_logging(tmp_path / "logs")
    asked = []
    answer_passwords(qtbot, ["not-the-password", password], asked)
    try:
        assert window.files.open_path(bare)
        assert "asks for a password" in asked[0] and "did not accept" in asked[1]
        name = make_url(server_db).database
        assert window.windowTitle() == f"{name} — beliefupdate"
        assert window.session.journal.location.has_password  # for this session only
        # Where a URL might be written down: the log (a driver error quoting it), a crash report.
        log.warning("could not reach %s", window.session.journal.location.url)
        handler = CrashHandler(log_file)
        try:
            raise RuntimeError(f"failed on {server_db}")
        except RuntimeError as e:
            handler(type(e), e, e.__traceback__)
        about = window.files.about()
        window.save_state()
    finally:
        for h in list(log.handlers):
            if isinstance(h, logging.FileHandler):
                log.removeHandler(h)
                h.close()
    shown = [window.windowTitle(), window.windowFilePath(), about.text(), window.statusBar().currentMessage()]
    shown += [a.text() for m in window.menuBar().findChildren(type(window.actions_.recent_menu)) for a in m.actions()]
    shown += [d.details.toPlainText() for d in handler.dialogs]
    for d in handler.dialogs:
        d.close()
    assert bare in settings.recent_journals()
    written = [Path(settings.q.fileName()), *(tmp_path / "logs").iterdir()]
    for text in shown + [f.read_text(encoding="utf-8") for f in written]:
        assert password not in text
    assert "could not reach" in log_file.read_text(encoding="utf-8")  # the line was logged, masked
    window.close()
    window.session.journal.close()


def test_cancelling_the_password_keeps_the_current_journal(qtbot, window, journal_path, server_db):
    current = window.session.journal
    asked = []
    answer_passwords(qtbot, [None], asked)
    assert not window.files.open_path(resolve(server_db)[0].reopen_spec)
    assert len(asked) == 1 and window.session.journal is current
    assert not isinstance(QApplication.activeModalWidget(), JournalUnavailableDialog)


def _unusable(server_db: str, what: str) -> str:
    url = make_url(server_db)
    return (url.set(port=1) if what == "unreachable" else url.set(database="no_such_journal")).render_as_string(
        hide_password=False)


@pytest.mark.parametrize("what, says", [("unreachable", "cannot reach a PostgreSQL server"),
                                        ("no database", "has no database")])
def test_a_server_that_cannot_be_used_offers_retry_and_another_journal(
        qtbot, window, journal_path, server_db, tmp_path, what, says, file_dialog):
    current = window.session.journal
    assert not window.files.open_path(_unusable(server_db, what))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, JournalUnavailableDialog) and dialog.retry_button is not None
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert says.lower() in text.lower() and "Nothing was written" in text and "Traceback" not in text
    assert make_url(server_db).password not in text
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)  # still down: asked again
    again = QApplication.activeModalWidget()
    assert isinstance(again, JournalUnavailableDialog) and again is not dialog
    other = tmp_path / "other.sqlite3"
    file_dialog.answer(other)
    qtbot.mouseClick(again.open_button, Qt.MouseButton.LeftButton)
    assert window.session.journal is not current and window.session.journal.location.path == other
    assert window.settings.recent_journals()[0] == str(other)


@pytest.mark.parametrize("what, says", [("unreachable", "cannot reach a PostgreSQL server"),
                                        ("no database", "has no database"),
                                        ("wrong password", "no password was given")])
def test_at_start_a_server_that_cannot_be_used_is_explained_with_retry(
        qtbot, server_db, monkeypatch, what, says):
    if what == "wrong password":
        spec = make_url(server_db).set(password="not-the-password").render_as_string(hide_password=False)
        asked = []
        answer_passwords(qtbot, [None], asked)  # the prompt says so, and Cancel goes back to the choice
    else:
        spec = _unusable(server_db, what)
    shown = []

    def fake_exec(self):
        shown.append((self.reason, self.retry_button is not None))
        return JournalUnavailableDialog.RETRY if len(shown) == 1 and what != "wrong password" else \
            JournalUnavailableDialog.QUIT

    monkeypatch.setattr(JournalUnavailableDialog, "exec", fake_exec)
    assert app.open_journal_interactively(spec) is None
    assert all(says in reason and retry for reason, retry in shown)
    assert len(shown) == (1 if what == "wrong password" else 2)  # Retry tried again
    if what == "wrong password":
        assert "did not accept" in asked[0]
