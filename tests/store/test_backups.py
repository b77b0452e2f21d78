"""Backups: made on opening at most once a day, before migrations and restores, kept as configured,
private, whole, and restorable even over a journal too damaged to open."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta

import pytest

from beliefupdate.domain.errors import InvalidInput, JournalUnavailable
from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.backups import BackupKind
from beliefupdate.store.files import backup as B
from beliefupdate.store.files.restore import find_backup, restore_backup
from beliefupdate.store.journal import Journal

LAB = "Working directly on AI safety at a large lab is my highest-impact option"
PHD = "A PhD is worth it for me"
DAY0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def texts(path) -> list[str]:
    with Journal.open(path) as j:
        return [p.text for p in j.propositions()]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_opening_makes_one_backup_a_day(journal_path):
    with Journal.open(journal_path) as j:  # a new journal has nothing to back up
        j.add_proposition(LAB)
    assert B.list_backups(journal_path) == []
    for _ in range(3):
        Journal.open(journal_path).close()
    backups = B.list_backups(journal_path)
    assert [b.kind for b in backups] == [BackupKind.DAILY]
    assert texts(backups[0].path) == [LAB]


@pytest.mark.sqlite_only("daily copies are made of journal files as they are opened")
def test_ten_daily_backups_are_kept_by_default(journal):
    journal.add_proposition(LAB)
    path = journal.location.path
    made = [B.daily_backup(path, now=DAY0 + timedelta(days=d)) for d in range(12)]
    assert all(made)
    assert B.daily_backup(path, now=DAY0 + timedelta(days=11, hours=2)) is None  # same day
    dailies = [b for b in B.list_backups(path) if b.kind is BackupKind.DAILY]
    assert [b.created_at for b in dailies] == [DAY0 + timedelta(days=d) for d in range(11, 1, -1)]


@pytest.mark.sqlite_only("daily copies are made of journal files as they are opened")
def test_the_number_kept_is_configurable_and_zero_turns_them_off(journal, monkeypatch):
    journal.add_proposition(LAB)
    path = journal.location.path
    monkeypatch.setenv(B.KEEP_ENV, "3")
    for d in range(5):
        B.daily_backup(path, now=DAY0 + timedelta(days=d))
    assert len(B.list_backups(path)) == 3
    assert len([B.daily_backup(path, keep=1, now=DAY0 + timedelta(days=9))]) == 1
    assert len(B.list_backups(path)) == 1
    monkeypatch.setenv(B.KEEP_ENV, "0")
    assert B.daily_backup(path, now=DAY0 + timedelta(days=20)) is None


@pytest.mark.sqlite_only("daily copies are made of journal files as they are opened")
def test_backups_made_by_hand_before_migration_or_restore_are_never_pruned(journal):
    journal.add_proposition(LAB)
    path = journal.location.path
    by_hand = journal.back_up()
    before_migration = B.backup_before_migration(path, "0001")
    for d in range(4):
        B.daily_backup(path, keep=2, now=DAY0 + timedelta(days=d))
    kinds = sorted(b.kind.value for b in B.list_backups(path))
    assert kinds == ["before-migration", "daily", "daily", "manual"]
    assert by_hand.exists() and before_migration.exists()
    listed = {b.path: b for b in journal.backups()}
    assert listed[before_migration].from_revision == "0001"
    assert listed[before_migration].description == "before upgrading from schema 0001"


@pytest.mark.sqlite_only("a file journal's copy is a SQLite file; test_server_backups checks a server's")
def test_backups_are_private_whole_single_files(journal):
    journal.add_proposition(LAB)
    made = journal.back_up()
    assert mode(made.parent) == 0o700
    assert mode(made) == 0o600
    assert sorted(p.name for p in made.parent.iterdir() if not p.name.startswith(".")) == [made.name]
    with open(made, "rb") as f:
        header = f.read(100)
    assert header[18:20] == b"\x01\x01"  # rollback journal: no -wal file needed to read it
    conn = sqlite3.connect(f"file:{made}?mode=ro", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_backup_while_another_program_writes_is_consistent(journal, journal_path):
    p = journal.add_proposition(LAB)
    journal.log_conversation("Coffee with Sam", [CredenceEntry(p.id, 0.25, 0.45)])
    other = sqlite3.connect(journal_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE propositions SET text = 'half-done edit'")  # not committed
        made = journal.back_up()
    finally:
        other.rollback()
        other.close()
    with Journal.open(made) as copy:
        # Committed work still in the write-ahead log is there; the open transaction is not.
        assert [x.text for x in copy.propositions()] == [LAB]
        assert copy.summaries()[0].current == 0.45


@pytest.mark.sqlite_only("a file journal's copy is a journal file; test_server_backups checks a server's")
def test_backup_to_a_chosen_file(journal, tmp_path):
    journal.add_proposition(LAB)
    target = journal.back_up(tmp_path / "copy.sqlite3")
    assert mode(target) == 0o600 and texts(target) == [LAB]


def test_listing_ignores_other_journals_and_partial_copies(tmp_path):
    for name in ("mine", "theirs"):
        with Journal.open(tmp_path / f"{name}.sqlite3") as j:
            j.add_proposition(name)
            j.back_up()
    (tmp_path / "backups" / ".mine-daily-20261101T000000Z.sqlite3.123.part").write_bytes(b"partial")
    (tmp_path / "backups" / "notes.txt").write_text("not a backup")
    assert [b.path.name.split("-")[0] for b in B.list_backups(tmp_path / "mine.sqlite3")] == ["mine"]


def test_a_failed_daily_backup_does_not_stop_the_journal_opening(journal_path, caplog):
    with Journal.open(journal_path) as j:
        j.add_proposition(LAB)
    B.shared_dir(journal_path).write_text("a file where the backups folder should be")
    with caplog.at_level(logging.WARNING), Journal.open(journal_path) as j:
        assert [p.text for p in j.propositions()] == [LAB]
    assert "could not back up" in caplog.text


@pytest.mark.sqlite_only("daily copies are made of journal files as they are opened")
def test_only_one_process_makes_the_daily_backup(journal):
    import fcntl

    journal.add_proposition(LAB)
    path = journal.location.path
    folder = B.backups_dir(path)
    folder.mkdir(parents=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process is making today's copy
        assert B.daily_backup(path) is None
    assert B.daily_backup(path) is not None


# -- restore ----------------------------------------------------------------


def test_restore_replaces_the_content_and_keeps_the_journal_as_it_was(journal, journal_path):
    journal.add_proposition(LAB)
    made = journal.back_up()
    journal.add_proposition(PHD)
    app = Journal.open(journal_path)  # the app, open on the same journal
    try:
        result = journal.restore(made)
        assert [p.text for p in journal.propositions()] == [LAB]
        assert [p.text for p in app.propositions()] == [LAB]  # no reopening needed
        app.add_proposition("Written by the app after the restore")
        assert len(journal.propositions()) == 2
    finally:
        app.close()
    assert result.restored_from == made
    assert texts(result.saved_as) == [LAB, PHD]
    assert B.list_backups(journal_path)[0].kind is BackupKind.BEFORE_RESTORE
    assert mode(journal_path) == 0o600


def test_restore_over_a_journal_too_damaged_to_open(journal_path):
    with Journal.open(journal_path) as j:
        j.add_proposition(LAB)
        made = j.back_up()
    data = bytearray(journal_path.read_bytes())
    data[4096:8192] = b"\xde\xad" * 2048
    journal_path.write_bytes(bytes(data))
    journal_path.with_name(journal_path.name + "-wal").write_bytes(b"stale log of the damaged file")
    damaged = digest(journal_path)
    with pytest.raises(JournalUnavailable, match="is damaged"):
        Journal.open(journal_path)

    result = restore_backup(journal_path, made)

    assert digest(result.saved_as) == damaged  # kept byte for byte
    assert result.saved_as.with_name(result.saved_as.name + "-wal").read_bytes() == b"stale log of the damaged file"
    assert not journal_path.with_name(journal_path.name + "-wal").exists()
    assert texts(journal_path) == [LAB]


def test_restore_into_a_missing_journal_creates_it(journal_path):
    with Journal.open(journal_path) as j:
        j.add_proposition(LAB)
        made = j.back_up()
    journal_path.unlink()
    assert restore_backup(journal_path, made).saved_as is None
    assert texts(journal_path) == [LAB]


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty file"), (b"grocery list\n", "not a SQLite database"), ("foreign", "another program's")],
)
def test_restore_never_overwrites_a_file_that_is_not_ours(journal_path, tmp_path, content, message):
    with Journal.open(tmp_path / "elsewhere.sqlite3") as j:
        j.add_proposition(LAB)
        made = j.back_up()
    if content == "foreign":
        conn = sqlite3.connect(journal_path)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    else:
        journal_path.write_bytes(content)
    before = digest(journal_path)
    with pytest.raises(JournalUnavailable, match="not a beliefupdate journal"):
        restore_backup(journal_path, made)
    assert digest(journal_path) == before
    with pytest.raises(JournalUnavailable, match=message):  # and it still is what it was
        Journal.open(journal_path)


def test_a_damaged_backup_is_refused_before_anything_changes(journal, journal_path):
    journal.add_proposition(LAB)
    made = journal.back_up()
    data = bytearray(made.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[-page_size:] = b"\xff" * page_size
    made.write_bytes(bytes(data))
    journal.add_proposition(PHD)
    with pytest.raises(JournalUnavailable, match="is damaged"):
        journal.restore(made)
    assert [p.text for p in journal.propositions()] == [LAB, PHD]
    assert [b.kind for b in journal.backups()] == [BackupKind.MANUAL]  # no restore, so no pre-restore copy


@pytest.mark.sqlite_only("the copy is edited as a SQLite file")
def test_a_backup_from_a_newer_version_is_refused(journal, tmp_path):
    journal.add_proposition(LAB)
    made = journal.back_up()
    conn = sqlite3.connect(made)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(JournalUnavailable, match="newer version"):
        journal.restore(made)


def test_find_backup_by_number_name_or_path(journal, journal_path):
    journal.add_proposition(LAB)
    first = journal.back_up()
    B.daily_backup(journal_path, now=DAY0)
    newest = B.list_backups(journal_path)[0].path
    assert find_backup(journal_path, "1") == newest
    assert find_backup(journal_path, first.name) == first
    assert find_backup(journal_path, str(first)) == first
    with pytest.raises(InvalidInput, match="no backup #3"):
        find_backup(journal_path, "3")
    with pytest.raises(InvalidInput, match="no backup 'nope'"):
        find_backup(journal_path, "nope")


def test_restoring_the_journal_onto_itself_is_refused(journal, journal_path):
    journal.add_proposition(LAB)
    with pytest.raises(InvalidInput, match="the journal itself"):
        restore_backup(journal_path, journal_path)


def test_backups_are_only_for_journal_files():
    with Journal.open("sqlite://") as j, pytest.raises(InvalidInput, match="only for journal files"):
        j.backups()


@pytest.mark.parametrize(
    "statement, message",
    [
        ("CREATE TRIGGER evil AFTER INSERT ON propositions BEGIN DELETE FROM credences; END", "unexpected trigger evil"),
        ("DROP TABLE credences", "table credences is missing"),
    ],
)
def test_a_backup_whose_schema_the_app_did_not_make_is_refused(journal, journal_path, statement, message):
    journal.add_proposition(LAB)
    made = journal.back_up()
    conn = sqlite3.connect(made)
    conn.execute(statement)
    conn.commit()
    conn.close()
    journal.add_proposition(PHD)
    with pytest.raises(JournalUnavailable, match=f"not a journal made by beliefupdate .*{message}"):
        journal.restore(made)
    assert [p.text for p in journal.propositions()] == [LAB, PHD]
    assert [b.kind for b in journal.backups()] == [BackupKind.MANUAL]  # no restore, so no pre-restore copy
