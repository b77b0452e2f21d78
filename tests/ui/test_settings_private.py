"""The settings file lists the journals opened (paths, server users, hosts, databases): it is
0600 in a 0700 folder from its first byte, also when Qt writes it by itself while a window runs,
and also when it, or its folder, was left readable by others before."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from beliefupdate.store.journal import Journal
from beliefupdate.ui.settings import UiSettings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def written_by_qt(q: QSettings) -> None:
    """What the event loop does some moments after a change: Qt writes the file itself."""
    QCoreApplication.sendPostedEvents(q, QEvent.Type.UpdateRequest)


@pytest.mark.parametrize("before", ["none", "readable file", "readable folder", "both readable"])
def test_the_window_keeps_the_settings_file_private_while_it_runs(make_window, tmp_path, usual_umask, before):
    folder = tmp_path / "config" / "beliefupdate"
    file = folder / "beliefupdate.conf"
    if before != "none":
        folder.mkdir(parents=True, mode=0o755)
        folder.chmod(0o755 if "folder" in before or "both" in before else 0o700)
        file.write_text("[view]\ntheme=dark\n")
        file.chmod(0o644 if "file" in before or "both" in before else 0o600)
    q = QSettings(str(file), QSettings.Format.IniFormat)
    journal = Journal.open(tmp_path / "journal.sqlite3")
    window = make_window(journal, UiSettings(q))
    window.settings.add_recent_journal("/home/me/therapy.sqlite3")
    written_by_qt(q)

    assert "therapy" in file.read_text()  # Qt itself wrote it, not a sync of ours
    assert (oct(mode(file)), oct(mode(folder))) == (oct(0o600), oct(0o700))
    if before != "none":
        assert "theme=dark" in file.read_text()  # what was there is kept
    window.close()
    journal.close()


def test_settings_written_by_qt_alone_are_private(tmp_path, qapp, usual_umask):
    file = tmp_path / "fresh" / "beliefupdate.conf"
    q = QSettings(str(file), QSettings.Format.IniFormat)
    UiSettings(q).add_recent_journal("postgresql://me@db.example/journal")
    written_by_qt(q)
    assert "db.example" in file.read_text()
    assert (oct(mode(file)), oct(mode(file.parent))) == (oct(0o600), oct(0o700))
