"""copy-to between files and servers, and backup/backups/restore as typed, on both backends:
ids and numbers kept, a second copy changes nothing, refusals in one line, no password shown."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.interchange.exchange import to_dict
from beliefupdate.store.journal import Journal
from tests import backends


def content(db) -> dict:
    with Journal.open(db) as j:
        return to_dict(j.export_data())


def fill(db) -> None:
    with Journal.open(db) as j:
        lab = j.add_proposition("Working at a lab is my best option", tags=["career"])
        j.add_proposition("A PhD is worth it")
        j.log_conversation("Coffee with Sam", [CredenceEntry(lab.id, 0.25, 0.45)], person="Sam")


def password_of(db: str) -> str | None:
    return make_url(db).password if "://" in db else None


def one_line_error(result) -> str:
    code, out, err = result
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    return err


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def other_db(backend, tmp_path):
    """A second place of the same backend, for copying into."""
    if backend == "sqlite":
        yield str(tmp_path / "copy.sqlite3")
        return
    with backends.database() as url:
        yield url


def test_copy_to_keeps_ids_and_numbers_and_a_second_run_changes_nothing(cli, journal_db, other_db):
    fill(journal_db)
    code, out, err = cli("copy-to", other_db, db=journal_db)
    assert (code, err) == (0, "")
    assert out.startswith("copied 2 propositions, 1 people, 1 conversations, 2 credences to ")
    assert content(other_db) == content(journal_db)
    assert cli("copy-to", other_db, db=journal_db)[1].startswith("nothing to copy: ")
    assert "already has all 6 records" in cli("copy-to", other_db, db=journal_db)[1]
    assert content(other_db) == content(journal_db)


def test_copy_to_moves_a_file_journal_to_a_server_and_back(cli, tmp_path, backend, journal_db):
    if backend != "postgresql":
        pytest.skip("between a file and a server")
    laptop, back = tmp_path / "laptop.sqlite3", tmp_path / "back.sqlite3"
    fill(laptop)
    assert cli("copy-to", journal_db, db=laptop)[0] == 0
    assert cli("copy-to", str(back), db=journal_db)[0] == 0
    assert content(laptop) == content(journal_db) == content(back)


def test_copy_to_a_journal_holding_other_records_is_refused_in_one_line(cli, journal_db, other_db, tmp_path):
    fill(journal_db)
    with Journal.open(other_db) as j:
        j.add_proposition("Something else entirely")  # #1 there is another proposition
    before = content(other_db)
    err = one_line_error(cli("copy-to", other_db, db=journal_db))
    assert "already has a different proposition #1" in err
    assert content(other_db) == before


def test_copy_to_another_version_of_the_same_records_is_refused(cli, journal_db, other_db):
    fill(journal_db)
    assert cli("copy-to", other_db, db=journal_db)[0] == 0
    with Journal.open(journal_db) as j:
        j.edit_proposition(j.find_proposition("1").id, text="Edited since the copy")
    err = one_line_error(cli("copy-to", other_db, db=journal_db))
    assert "holds another version of proposition #1; nothing was copied" in err


def test_copy_to_the_journal_itself_is_refused(cli, journal_db):
    fill(journal_db)
    assert "is the journal itself" in one_line_error(cli("copy-to", journal_db, db=journal_db))


def test_a_refused_copy_to_a_new_file_leaves_no_file(cli, journal_db, tmp_path):
    fill(journal_db)
    target = tmp_path / "missing-folder" / "copy.sqlite3"
    one_line_error(cli("copy-to", str(target), db=journal_db))
    assert not target.parent.exists()


def test_backup_backups_and_restore_as_typed(cli, journal_db, tmp_path):
    fill(journal_db)
    before = content(journal_db)
    code, out, _ = cli("backup", db=journal_db)
    assert code == 0 and out.startswith("backed up to ")
    cli("add", "Written after the backup", db=journal_db)
    code, out, _ = cli("backups", db=journal_db)
    assert code == 0 and "made by hand" in out
    assert cli("restore", "1", "--yes", db=journal_db)[0] == 0
    assert content(journal_db) == before


def test_restore_without_yes_off_a_terminal_asks_and_changes_nothing(cli, journal_db):
    fill(journal_db)
    assert cli("backup", db=journal_db)[0] == 0
    cli("add", "Written after the backup", db=journal_db)
    before = content(journal_db)
    assert "not confirmed; pass --yes" in one_line_error(cli("restore", "1", db=journal_db))
    assert content(journal_db) == before


def test_restore_of_a_file_that_is_no_backup_is_refused_in_one_line(cli, journal_db, tmp_path):
    fill(journal_db)
    stray = tmp_path / "notes.txt"
    stray.write_text("not a backup\n")
    before = content(journal_db)
    one_line_error(cli("restore", str(stray), "--yes", db=journal_db))
    assert content(journal_db) == before


def test_no_password_in_any_output_or_file_name(cli, journal_db, other_db, tmp_path):
    fill(journal_db)
    secret = password_of(journal_db)
    if secret is None:
        pytest.skip("a journal file has no password")
    outputs = [
        cli(*argv, db=journal_db)
        for argv in (
            ("backup",),
            ("backup", str(tmp_path)),
            ("backups",),
            ("backups", "--json"),
            ("restore", "1", "--yes"),
            ("restore", "1"),
            ("copy-to", other_db),
            ("copy-to", other_db),
            ("copy-to", str(tmp_path / "moved.sqlite3")),
        )
    ]
    with Journal.open(journal_db) as j:
        j.edit_proposition(j.find_proposition("1").id, text="Edited since the copy")
    outputs.append(cli("copy-to", other_db, db=journal_db))  # refused, naming the place copied to
    assert [code for code, _out, _err in outputs] == [0, 0, 0, 0, 0, 2, 0, 0, 0, 2]
    for _code, out, err in outputs:
        assert secret not in out and secret not in err
    found = [Path(root) / name for root, dirs, files in os.walk(tmp_path) for name in dirs + files]
    assert found and not any(secret in p.name for p in found)
    assert not any(secret.encode() in p.read_bytes() for p in found if p.is_file())
