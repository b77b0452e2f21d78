"""Files that hold journal content, journal paths or logs are readable by their owner alone."""

from __future__ import annotations

import logging
import os
import stat

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from beliefupdate.cli import main
from beliefupdate.store.journal import Journal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "journal.sqlite3"
    assert main(["--db", str(path), "add", "My salary is too low"]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("name, extra", [("out.json", []), ("out.csv", []), ("wide.csv", ["--shape", "wide"])])
def test_an_export_is_private_even_over_a_readable_file(db, tmp_path, capsys, name, extra):
    old_mask = os.umask(0o022)
    try:
        target = tmp_path / "shared" / name
        target.parent.mkdir()
        assert main(["--db", str(db), "export", str(target), *extra]) == 0, capsys.readouterr().err
        assert mode(target) == 0o600
        target.chmod(0o644)
        assert main(["--db", str(db), "export", str(target), *extra]) == 0, capsys.readouterr().err
        assert mode(target) == 0o600
    finally:
        os.umask(old_mask)


def test_a_chart_export_is_private(db, tmp_path, capsys):
    old_mask = os.umask(0o022)
    try:
        target = tmp_path / "chart.svg"
        assert main(["--db", str(db), "checkin", "1", "40%"]) == 0
        assert main(["--db", str(db), "chart", str(target)]) == 0, capsys.readouterr().err
        assert mode(target) == 0o600
    finally:
        os.umask(old_mask)


def test_a_database_error_does_not_quote_journal_text(db):
    with Journal.open(db) as j, pytest.raises(DBAPIError) as info, j.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO propositions (id, handle, text, text_key, notes) VALUES (:id, 1, :t, :t, :t)"),
            {"id": "x", "t": "my secret worry"},
        )
    assert "my secret worry" not in str(info.value)


def test_the_log_file_and_its_folder_are_private(tmp_path):
    from beliefupdate.ui.crash import setup_logging

    old_mask = os.umask(0o022)
    logger = logging.getLogger("beliefupdate")
    try:
        log_file = setup_logging(tmp_path / "logs")
        logger.warning("opened %s", "/home/me/journal.sqlite3")
        for h in logger.handlers:
            h.flush()
        assert mode(log_file) == 0o600 and mode(log_file.parent) == 0o700
    finally:
        os.umask(old_mask)
        for h in list(logger.handlers):
            logger.removeHandler(h)
            h.close()


def test_the_settings_file_listing_journals_is_private(tmp_path):
    from PySide6.QtCore import QSettings

    from beliefupdate.ui.settings import UiSettings

    old_mask = os.umask(0o022)
    try:
        settings = UiSettings(QSettings(str(tmp_path / "config" / "beliefupdate.conf"), QSettings.Format.IniFormat))
        settings.add_recent_journal("/home/me/therapy.sqlite3")
        settings.sync()
        assert mode(tmp_path / "config" / "beliefupdate.conf") == 0o600
        assert mode(tmp_path / "config") == 0o700
    finally:
        os.umask(old_mask)
