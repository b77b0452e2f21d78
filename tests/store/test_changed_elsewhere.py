"""Two devices on one journal: an edit made from a copy another device has changed since is
refused, never written over it; and the database itself keeps one open proposition per text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from beliefupdate.domain.errors import ChangedElsewhere, InvalidInput
from beliefupdate.domain.types import CredenceEntry, Resolution
from beliefupdate.store.journal import Journal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def two_devices(journal, journal_db):
    other = Journal.open(journal_db)
    yield journal, other
    other.close()


def test_an_edit_from_a_copy_changed_on_another_device_is_refused_and_writes_nothing(two_devices):
    laptop, desktop = two_devices
    opened = laptop.add_proposition("AI safety is one hard problem", ["safety"])
    desktop.edit_proposition(opened.id, notes="written on the desktop", expected_version=opened.version)

    with pytest.raises(ChangedElsewhere, match=r"^proposition #1 changed elsewhere since you opened it; reloaded$"):
        laptop.edit_proposition(opened.id, text="AI safety is many moderate problems", expected_version=opened.version)
    now = laptop.proposition(opened.id)
    assert (now.text, now.notes, now.version) == ("AI safety is one hard problem", "written on the desktop", 2)
    # Made from the version it now has, the same edit goes through.
    assert laptop.edit_proposition(opened.id, text="AI safety is many moderate problems",
                                   expected_version=now.version).version == 3


@pytest.mark.parametrize("step", ["archive", "resolve", "delete"])
def test_archiving_resolving_and_deleting_check_the_version_they_are_given(two_devices, step):
    laptop, desktop = two_devices
    p = laptop.add_proposition("I should work at a large lab")
    desktop.edit_proposition(p.id, notes="changed", expected_version=p.version)
    act = {
        "archive": lambda: laptop.set_archived(p.id, True, expected_version=p.version),
        "resolve": lambda: laptop.resolve_proposition(p.id, Resolution.TRUE, expected_version=p.version),
        "delete": lambda: laptop.delete_proposition(p.id, expected_version=p.version),
    }[step]
    with pytest.raises(ChangedElsewhere):
        act()
    kept = laptop.proposition(p.id)
    assert (kept.archived, kept.resolution) == (False, Resolution.OPEN)


def test_a_conversation_changes_version_when_its_credences_do(two_devices):
    laptop, desktop = two_devices
    lab = laptop.add_proposition("I should work at a large lab")
    started = laptop.log_conversation("Chat with Bob", [CredenceEntry(lab.id, 0.4, None)], person="Bob")
    # The desktop finishes it, changing only credences logged in it.
    finished = desktop.finish_conversation(started.id, [CredenceEntry(lab.id, None, 0.7)],
                                           expected_version=started.version)
    assert finished.version == started.version + 1
    with pytest.raises(ChangedElsewhere, match="conversation #1 changed elsewhere since you opened it"):
        laptop.finish_conversation(started.id, [CredenceEntry(lab.id, None, 0.2)], expected_version=started.version)
    with pytest.raises(ChangedElsewhere):
        laptop.edit_conversation(started.id, title="Lunch with Bob", expected_version=started.version)
    shifts = laptop.conversation(started.id)
    assert shifts.conversation.title == "Chat with Bob" and [s.after for s in shifts.shifts] == [0.7]


def test_without_a_version_an_edit_applies_to_whatever_is_there(two_devices):
    """The CLI edits what it has just read: nothing was opened earlier to be stale."""
    laptop, desktop = two_devices
    p = laptop.add_proposition("A PhD is worth it")
    desktop.edit_proposition(p.id, notes="desktop")
    assert laptop.edit_proposition(p.id, text="A PhD is worth it for me").notes == "desktop"


def test_the_database_keeps_one_open_proposition_per_text(journal):
    p = journal.add_proposition("Timelines are short")
    insert = (
        "INSERT INTO propositions (id, handle, text, text_key, notes, created_at, archived, resolution, version)"
        " VALUES ('dup', 99, 'TIMELINES ARE SHORT', :key, '', '2026-11-30 12:00:00', :archived, 'open', 1)"
    )
    from sqlalchemy import text

    from beliefupdate.domain.text import text_key

    with (pytest.raises(IntegrityError, match=r"uq_propositions_text_key_open|UNIQUE constraint failed"),
          journal.engine.begin() as conn):
        conn.execute(text(insert), {"key": text_key(p.text), "archived": False})
    with journal.engine.begin() as conn:  # an archived one may say the same
        conn.execute(text(insert), {"key": text_key(p.text), "archived": True})
    with pytest.raises(InvalidInput, match=r"proposition #1 already says that"):
        journal.set_archived("dup", False)


def test_open_duplicates_in_an_older_journal_are_archived_not_lost(tmp_path):
    import sqlite3

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0003.sqlite3", path)
    conn = sqlite3.connect(path)
    with conn:
        first = conn.execute("SELECT id, text, text_key FROM propositions WHERE NOT archived ORDER BY handle").fetchone()
        conn.execute(
            "INSERT INTO propositions (id, handle, text, text_key, notes, created_at, archived, resolution)"
            " VALUES ('later-copy', 500, ?, ?, '', '2026-11-30 12:00:00.000000', 0, 'open')",
            (first[1], first[2]),
        )
    conn.close()
    with Journal.open(path) as j:
        assert j.proposition(first[0]).archived is False
        copy = j.proposition("later-copy")
        assert copy.archived is True and copy.text == first[1]


def test_every_writing_method_of_the_journal_runs_again_when_the_database_asks():
    """A method that writes without @retried would surface a serialization failure or a raced
    number to the user instead of running again; this keeps new methods from forgetting it."""
    import inspect

    # The Journal's methods live in mixins by record: each is looked up where it is defined,
    # as the class resolves it (getattr_static: the function itself, not a bound method).
    methods = {name: inspect.getattr_static(Journal, name) for name in dir(Journal) if not name.startswith("_")}
    writing = {
        name for name, fn in methods.items()
        if inspect.isfunction(fn) and "self._write()" in inspect.getsource(inspect.unwrap(fn))
    }
    assert {"add_proposition", "log_conversation", "check_in", "set_crux", "import_data"} <= writing
    unretried = sorted(name for name in writing if not hasattr(methods[name], "__wrapped__"))
    assert unretried == []


@pytest.mark.postgresql
def test_opening_an_up_to_date_journal_on_a_server_waits_for_no_other_device(journal_db, backend, monkeypatch):
    """Only creating or upgrading takes the migration lock: a device holding it (upgrading,
    say) does not stop others from opening a journal that is already current."""
    if backend != "postgresql":
        pytest.skip("about a server's advisory lock")
    import psycopg

    from beliefupdate.store.opening import MIGRATION_LOCK

    Journal.open(journal_db).close()
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=2000")  # waiting for the lock would fail, not hang
    with psycopg.connect(journal_db) as other_device:
        other_device.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        with Journal.open(journal_db) as j:
            assert j.propositions() == []
