"""Journals whose file names share a stem (notes.sqlite3, notes.db) keep, list and restore only
their own backups: the backups folder is named by the identity stored inside each journal."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from test_cli import Cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def twins(tmp_path, capsys):
    """notes.sqlite3 and notes.db side by side, each with one proposition of its own and a backup."""
    made = {}
    for name in ("notes.sqlite3", "notes.db"):
        cli = Cli(tmp_path / name, capsys)
        cli.ok("add", f"Only in {name}")
        cli.ok("backup")
        made[name] = cli
    return made["notes.sqlite3"], made["notes.db"]


def listed(cli) -> list[dict]:
    return json.loads(cli.ok("backups", "--json"))["backups"]


def texts(path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT text FROM propositions ORDER BY handle")]
    finally:
        conn.close()


def identity(path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT uuid FROM journal_identity").fetchone()[0]
    finally:
        conn.close()


def everything(folder: Path) -> dict:
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_journals_sharing_a_stem_each_list_only_their_own_backups(twins):
    for cli in twins:
        name = Path(cli.db).name
        backups = listed(cli)
        assert sorted(b["kind"] for b in backups) == ["daily", "manual"]  # opened for the backup: a daily one too
        assert [texts(b["path"]) for b in backups] == [[f"Only in {name}"]] * 2
        rows = [line for line in cli.ok("backups").splitlines() if line[:1].isdigit()]
        assert len(rows) == 2


def test_journals_sharing_a_stem_each_get_their_own_daily_backup(tmp_path, capsys):
    twins = [Cli(tmp_path / name, capsys) for name in ("notes.sqlite3", "notes.db")]
    for cli in twins:
        cli.ok("add", f"Only in {Path(cli.db).name}")
    for cli in twins:
        cli.ok("list")  # opening makes the day's copy, if none was made today
    for cli in twins:
        dailies = [b for b in listed(cli) if b["kind"] == "daily"]
        assert [texts(b["path"]) for b in dailies] == [[f"Only in {Path(cli.db).name}"]]


def test_restoring_the_other_journals_backup_is_refused_and_changes_nothing(twins, tmp_path):
    sqlite3_, db = twins
    theirs = listed(sqlite3_)[0]
    assert texts(theirs["path"]) == ["Only in notes.sqlite3"]
    before = everything(tmp_path)
    err = db.fails("restore", theirs["path"], "--yes")
    assert "is a backup of another journal" in err and "--other-journal" in err
    assert "is a backup of another journal" in db.fails("restore", theirs["path"])  # said before asking
    assert everything(tmp_path) == before
    # By number only the journal's own copies can be named.
    assert len(listed(db)) == 2 and "no backup #3" in db.fails("restore", "3", "--yes")


def test_restoring_the_other_journals_backup_when_asked_keeps_the_journals_apart(twins, tmp_path):
    sqlite3_, db = twins
    theirs = listed(sqlite3_)[0]
    db_identity = identity(db.db)
    db.ok("restore", theirs["path"], "--yes", "--other-journal")
    assert texts(db.db) == ["Only in notes.sqlite3"]
    # notes.db is still itself: its own folder, its own copies (now with the one made before the restore).
    assert identity(db.db) == db_identity != identity(sqlite3_.db)
    assert [b["kind"] for b in listed(db)] == ["before-restore", "manual", "daily"]
    db.ok("list")
    assert sorted(b["kind"] for b in listed(sqlite3_)) == ["daily", "manual"]


def old_journal(path: Path, legacy_day: str) -> Path:
    """A journal of schema 0002 with a copy made the old way, named by its stem in backups/."""
    shutil.copyfile(FIXTURES / "journal-0002.sqlite3", path)
    (path.parent / "backups").mkdir(exist_ok=True, mode=0o700)
    legacy = path.parent / "backups" / f"{path.stem}-daily-{legacy_day}T090000Z.sqlite3"
    shutil.copyfile(path, legacy)
    return legacy


def test_an_upgraded_journal_still_finds_its_older_backups(tmp_path, capsys):
    legacy = old_journal(tmp_path / "notes.sqlite3", "20261101")
    cli = Cli(tmp_path / "notes.sqlite3", capsys)
    cli.ok("list")  # upgrades it to an identity of its own
    mine = identity(cli.db)
    backups = listed(cli)
    assert [(b["kind"], Path(b["path"]).parent.name) for b in backups] == [
        ("before-migration", mine), ("daily", "backups")]
    assert backups[1]["path"] == str(legacy) and backups[1]["from_before_identity"]
    assert "older copy, from before identity" in cli.ok("backups")
    # Nothing else is called notes, so the older copy can only be this journal's.
    cli.ok("add", "Added after the upgrade")
    cli.ok("restore", "2", "--yes")
    assert "Added after the upgrade" not in texts(cli.db)
    # Restoring a copy from before identity leaves the journal with its own, and its folder.
    cli.ok("list")
    assert identity(cli.db) == mine
    assert [b["kind"] for b in listed(cli)][:1] == ["before-restore"]


def test_an_older_backup_that_either_of_two_journals_could_own_needs_asking(tmp_path, capsys):
    legacy = old_journal(tmp_path / "notes.sqlite3", "20261101")
    shutil.copyfile(FIXTURES / "journal-0002.sqlite3", tmp_path / "notes.db")
    db = Cli(tmp_path / "notes.db", capsys)
    db.ok("list")
    db.ok("add", "Added to notes.db")
    before = everything(tmp_path)
    err = db.fails("restore", legacy.name, "--yes")
    assert "made before journals had an identity" in err and "notes.sqlite3" in err and "--other-journal" in err
    assert everything(tmp_path) == before
    db.ok("restore", legacy.name, "--yes", "--other-journal")
    assert "Added to notes.db" not in texts(db.db)


def test_a_journal_restored_after_deletion_gets_its_folder_back(twins, tmp_path):
    sqlite3_, _db = twins
    mine = identity(sqlite3_.db)
    made = listed(sqlite3_)[0]["path"]
    Path(sqlite3_.db).unlink()
    assert listed(sqlite3_)[0]["path"] == made  # the folder remembers which journal it was for
    sqlite3_.ok("restore", "1", "--yes")
    assert identity(sqlite3_.db) == mine
    assert texts(sqlite3_.db) == ["Only in notes.sqlite3"]
