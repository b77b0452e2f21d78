"""Backups of a journal on either backend, and what is particular to a server's: pg_dump or
an export read in one snapshot, kept on this computer by the journal's identity, restored in
one transaction that saves the journal first, and taken before an upgrade."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from beliefupdate.domain.errors import UserError
from beliefupdate.domain.types import CredenceEntry
from beliefupdate.interchange.exchange import to_dict
from beliefupdate.store.backups import BackupKind
from beliefupdate.store.journal import Journal
from beliefupdate.store.location import default_path
from beliefupdate.store.schema_versions import HEAD

LAB = "Working directly on AI safety at a large lab is my highest-impact option"
PHD = "A PhD is worth it for me"
ODD = "Tabs\tnewlines\nand \\ backslashes, ümlauts — survive a dump"


def fill(journal):
    lab = journal.add_proposition(LAB, tags=["career"], notes="a note\twith a tab")
    odd = journal.add_proposition(ODD)
    journal.log_conversation(
        "Coffee with Sam", [CredenceEntry(lab.id, 0.25, 0.45, note="he\nsaid", expected_after=0.3)], person="Sam"
    )
    journal.check_in(odd.id, 0.6, at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC))
    return lab


def content(journal) -> dict:
    return to_dict(journal.export_data())


def on_server(journal) -> None:
    if journal.location.path is not None:
        pytest.skip("about a journal on a server")


def without_pg_dump(monkeypatch, tmp_path) -> None:
    empty = tmp_path / "no-tools"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(params=["pg_dump", "no-pg_dump"])
def tools(request, backend, monkeypatch, tmp_path):
    """A server journal's backups, made with pg_dump on PATH and without it."""
    if request.param == "no-pg_dump":
        if backend == "sqlite":
            pytest.skip("a file journal's copy is a SQLite file, whatever tools are on PATH")
        without_pg_dump(monkeypatch, tmp_path)
    return request.param


def test_a_restored_backup_gives_back_exactly_what_was_backed_up(journal, tools):
    fill(journal)
    saved = content(journal)
    made = journal.back_up()
    journal.add_proposition(PHD)
    journal.delete_proposition(journal.find_proposition("1").id)
    journal.restore(made)
    assert content(journal) == saved
    journal.add_proposition(PHD)  # and it can be written to again, numbers carrying on
    assert [p.handle for p in journal.propositions()] == [1, 2, 3]


def test_a_restore_saves_the_journal_first_so_it_can_be_undone(journal, tools):
    fill(journal)
    made = journal.back_up()
    journal.add_proposition(PHD)
    changed = content(journal)
    result = journal.restore(made)
    assert result.saved_as is not None and result.saved_as != made
    assert result.saved_as in [b.path for b in journal.backups() if b.kind is BackupKind.BEFORE_RESTORE]
    journal.restore(result.saved_as)
    assert content(journal) == changed


def test_without_pg_dump_a_server_backup_is_a_snapshot_of_every_table(journal, monkeypatch, tmp_path):
    on_server(journal)
    fill(journal)
    without_pg_dump(monkeypatch, tmp_path)
    made = journal.back_up()
    assert made.suffix == ".json"
    snapshot = json.loads(made.read_text(encoding="utf-8"))
    assert snapshot["format"] == "beliefupdate-tables" and snapshot["revision"] == HEAD
    assert [row[2] for row in snapshot["tables"]["propositions"]["rows"]] == [LAB, ODD]


def test_a_pg_dump_older_than_the_server_is_not_used(journal, monkeypatch, tmp_path):
    on_server(journal)
    fill(journal)
    tools = tmp_path / "old-tools"
    tools.mkdir()
    old = tools / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    assert journal.back_up().suffix == ".json"


def test_with_pg_dump_a_server_backup_is_a_plain_sql_dump(journal):
    on_server(journal)
    fill(journal)
    made = journal.back_up()
    assert made.suffix == ".sql"
    assert "CREATE TABLE public.propositions" in made.read_text(encoding="utf-8")


def test_a_server_backup_leaves_out_what_another_device_has_not_committed(journal, tools):
    on_server(journal)
    fill(journal)
    saved = content(journal)
    other = create_engine(journal.location.url)
    try:
        with other.connect() as conn:
            conn.execute(text("UPDATE propositions SET text = 'half-done edit'"))  # not committed
            made = journal.back_up()
            conn.rollback()
        journal.add_proposition(PHD)
        journal.restore(made)
        assert content(journal) == saved
    finally:
        other.dispose()


def test_server_backups_are_private_and_kept_by_the_journals_identity(journal, tools, tmp_path):
    on_server(journal)
    fill(journal)
    made = journal.back_up()
    with journal.engine.connect() as conn:
        identity = conn.execute(text("SELECT uuid FROM journal_identity")).scalar()
    assert made.parent == default_path().parent / "backups" / identity
    assert made.is_relative_to(tmp_path)  # the test's own data folder
    assert mode(made.parent) == 0o700 and mode(made) == 0o600
    assert [p.name for p in made.parent.iterdir() if not p.name.startswith(".")] == [made.name]
    assert [b.path for b in journal.backups()] == [made]


def test_a_restore_that_fails_leaves_the_server_journal_as_it_was(journal):
    on_server(journal)
    fill(journal)
    made = journal.back_up()
    dump = made.read_text(encoding="utf-8")
    # A second copy of the proposition rows: the unique key fails halfway through the restore.
    start = dump.index("COPY public.propositions ")
    block = dump[start : dump.index("\\.\n", start) + 3]
    made.write_text(dump.replace(block, block + "\n" + block), encoding="utf-8")
    journal.add_proposition(PHD)
    before = content(journal)
    with pytest.raises(UserError, match=r"could not be restored .*the journal was left as it was"):
        journal.restore(made)
    assert content(journal) == before


def test_a_restore_tells_the_other_devices(journal):
    on_server(journal)
    import psycopg

    from beliefupdate.store.watch import CHANNEL

    fill(journal)
    made = journal.back_up()
    url = journal.location.url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        journal.restore(made)
        heard = list(listener.notifies(timeout=30, stop_after=1))
    assert [n.channel for n in heard] == [CHANNEL]


def test_an_upgrade_on_a_server_is_preceded_by_a_snapshot(server_db, tmp_path, monkeypatch):
    """About a journal on a server (file journals: test_migrations); on a database of its own, made old."""
    journal_db = server_db
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from beliefupdate.store import migrate
    from beliefupdate.store.location import resolve

    engine = create_engine(resolve(journal_db)[0].url)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn, "0002")
            conn.execute(text(
                "INSERT INTO propositions (id, handle, text, text_key, notes, created_at, archived, resolution) "
                "VALUES ('4f1c6c52-5a1e-4cde-9a43-0d2b7b0a9f10', 1, :t, :k, '', '2026-01-01 00:00:00', false, 'open')"
            ), {"t": LAB, "k": LAB.casefold()})
    finally:
        engine.dispose()
    with Journal.open(journal_db) as journal:
        (made,) = journal.backups()
        assert made.kind is BackupKind.BEFORE_MIGRATION and made.from_revision == "0002"
        journal.add_proposition(PHD)
        journal.restore(made.path)  # the journal at 0002 again, upgraded once more as it is opened
        assert [p.text for p in journal.propositions()] == [LAB]
