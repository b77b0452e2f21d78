"""A journal URL that cannot be used, typed into the window or given at start: a dialog that says why
with a way on, no traceback, and its password on no screen and in no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from beliefupdate.store.journal import Journal
from beliefupdate.ui import app
from beliefupdate.ui.dialogs.unavailable import JournalUnavailableDialog
from tests.cli.test_journal_urls import MALFORMED, assert_no_password

pytestmark = pytest.mark.server

# Refused before anything connects: the shapes, schemes and options.
CASES = {k: MALFORMED[k] for k in (
    "psycopg2 driver", "mysql", "unknown scheme", "space in scheme", "port not a number", "unclosed ipv6",
    "timeout not a number", "bad sslmode", "password option and a bad one", "raw @ in password",
    "raw @ and : in password", "unicode host", "very long malformed",
)}


@pytest.fixture
def file_window(make_window, tmp_path):
    journal = Journal.open(tmp_path / "journal.sqlite3")
    journal.add_proposition("Rain tomorrow")
    window = make_window(journal)
    yield window
    window.close()
    journal.close()


@pytest.mark.parametrize("url", list(CASES.values()), ids=list(CASES))
def test_a_url_typed_into_the_window_is_refused_in_a_dialog_without_its_password(qtbot, file_window, url, settings):
    current = file_window.session.journal
    assert not file_window.files.open_path(url)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, JournalUnavailableDialog), dialog
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "journal URL" in dialog.reason and "Traceback" not in text
    file_window.save_state()
    seen = [text, dialog.reason, file_window.windowTitle(), file_window.statusBar().currentMessage(), *settings.recent_journals(),
            Path(settings.q.fileName()).read_text(encoding="utf-8"), file_window.files.about().text()]
    for words in seen:
        assert_no_password(words)
    assert file_window.session.journal is current
    dialog.close()


@pytest.mark.parametrize("url", list(CASES.values()), ids=list(CASES))
def test_a_url_given_at_start_is_refused_in_a_dialog_without_its_password(url, monkeypatch):
    reasons = []

    def answer(dialog):
        reasons.append((dialog.reason, dialog.retry_button is not None))
        return JournalUnavailableDialog.QUIT

    monkeypatch.setattr(JournalUnavailableDialog, "exec", answer)
    assert app.open_journal_interactively(url) is None
    (reason, retry), = reasons
    assert "journal URL" in reason and not retry  # a URL typed wrong comes right by typing it again
    assert_no_password(reason)
