"""A backup or restore that cannot be written (a full disk, a file in the way) is
reported on one line, leaves no partial file behind and changes nothing else.

A full disk is played by RLIMIT_FSIZE in a child process: past the limit every
write fails with EFBIG, as it fails with ENOSPC on a full disk."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from test_hostile_files import journal_with_data, snapshot, template_folder  # noqa: F401 (builds the journals)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="resource limits")

FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from beliefupdate.cli import main
    sys.exit(main(sys.argv[2:]))
    """
)


def run_on_full_disk(db, *argv, limit=8192):
    env = {**os.environ, "BELIEFUPDATE_KEEP_BACKUPS": "0"}
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(limit), "--db", str(db), *argv],
        capture_output=True, text=True, env=env, timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def journal(tmp_path):
    folder = tmp_path / "journal folder"
    folder.mkdir()
    path = journal_with_data(folder / "journal.sqlite3")
    (folder / "backups").mkdir(mode=0o700)
    return path


def everything(folder):
    """Every file's bytes, but SQLite's own -wal and -shm of the open journal, which
    it cannot fold back into the journal on closing while the disk is full, and the
    name tag of the journal's own backups folder, which is whole or absent."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm")) and p.name != ".journal-name"
    }


@pytest.mark.parametrize("argv", [["backup"], ["backup", "{folder}/copy.sqlite3"]], ids=["backups folder", "to a file"])
def test_a_backup_on_a_full_disk(journal, argv):
    folder = journal.parent
    before = everything(folder)
    code, out, err = run_on_full_disk(journal, *[a.format(folder=folder) for a in argv])
    assert code == 2 and out == "", err
    assert err.startswith("beliefupdate: error: cannot write") and err.count("\n") == 1, err
    assert everything(folder) == before


def test_a_restore_on_a_full_disk(journal):
    from beliefupdate.cli import main

    assert main(["--db", str(journal), "backup"]) == 0
    folder = journal.parent
    before = everything(folder)
    code, out, err = run_on_full_disk(journal, "restore", "1", "--yes")
    assert code == 2 and out == "", err
    assert err.startswith("beliefupdate: error: cannot write") and err.count("\n") == 1, err
    assert everything(folder) == before


def test_a_file_where_the_backups_folder_should_be(tmp_path, capsys):
    from beliefupdate.cli import main

    path = journal_with_data(tmp_path / "journal.sqlite3", n=3)
    (tmp_path / "backups").write_text("not a folder")
    before = snapshot(tmp_path)
    assert main(["--db", str(path), "backup"]) == 2
    err = capsys.readouterr().err
    assert "backups is a file, where the journal's backups folder should be" in err and err.count("\n") == 1, err
    assert snapshot(tmp_path) == before


def test_pruning_removes_abandoned_partial_copies_and_their_journals(tmp_path):
    from beliefupdate.store.files.backup import prune

    path = journal_with_data(tmp_path / "journal.sqlite3", n=3)
    (tmp_path / "backups").mkdir()
    stale = [tmp_path / "backups" / f".journal-daily-20260101T000000Z.sqlite3.1.part{s}" for s in ("", "-journal")]
    for p in stale:
        p.write_bytes(b"x")
        os.utime(p, (0, 0))
    prune(path, 10)
    assert not any(p.exists() for p in stale)
