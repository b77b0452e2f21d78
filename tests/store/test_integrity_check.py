"""The integrity check that every opening makes: skipped for a file unchanged since it passed, never after a change.

Reading a journal of years whole on every command takes a noticeable part of a second;
a damaged file must still be refused before anything is written to it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from beliefupdate.domain.errors import JournalUnavailable
from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.files import checked, journal_file
from beliefupdate.store.journal import Journal

HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


@pytest.fixture
def settled(journal_path):
    """A closed journal with some records, last written an hour ago."""
    with Journal.open(journal_path) as j:
        ids = [j.add_proposition(f"Proposition {i} " + "with some words " * 8).id for i in range(30)]
        for i in range(30):
            j.log_conversation(f"Conversation {i}", [CredenceEntry(ids[i], 0.2, 0.3)])
    os.utime(journal_path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    return journal_path


@pytest.fixture
def checks(monkeypatch):
    """How many times a file was looked into (each check reads it through a read-only connection)."""
    opened = []
    real = journal_file.connect_readonly

    def counting(path, **kwargs):
        opened.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(journal_file, "connect_readonly", counting)
    return opened


def damage_in_place(path, *, keep_times: bool) -> None:
    """Overwrite the start of every page but the first two, leaving the file's size (and, if asked, its times)."""
    before = os.stat(path)
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        page_size = int.from_bytes(data[16:18], "big")
        for page in range(2, len(data) // page_size):
            data[page * page_size : page * page_size + 8] = b"\xff" * 8
        f.seek(0)
        f.write(data)
    if keep_times:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size


def test_an_unchanged_journal_is_checked_once(settled, checks):
    for _ in range(3):
        Journal.open(settled).close()
    assert len(checks) == 1


@pytest.mark.parametrize("keep_times", [False, True], ids=["written", "written with its times put back"])
def test_a_journal_damaged_after_it_passed_is_refused_on_the_next_open(settled, keep_times):
    Journal.open(settled).close()
    damage_in_place(settled, keep_times=keep_times)
    with pytest.raises(JournalUnavailable, match="is damaged"):
        Journal.open(settled)


def test_a_journal_changed_since_it_passed_is_checked_again(settled, checks):
    with Journal.open(settled) as j:
        j.add_proposition("Written after the check")
    os.utime(settled, ns=(HOUR_AGO_NS + 10**9, HOUR_AGO_NS + 10**9))  # an hour ago as well, but not the same time
    Journal.open(settled).close()
    assert len(checks) == 2


def test_a_journal_written_moments_ago_is_checked_on_every_open(journal_path, checks):
    # Its clock may not have ticked since: a write within the same tick would leave its times unchanged.
    Journal.open(journal_path).close()  # created: nothing to check
    for _ in range(2):
        Journal.open(journal_path).close()
    assert len(checks) == 2


def test_the_record_of_passes_is_private_and_names_no_file(settled, private_cache):
    Journal.open(settled).close()
    (record,) = private_cache.rglob("*.json")
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert str(settled.name) not in record.read_text() and "Proposition" not in record.read_text()
    assert len(json.loads(record.read_text())) == 1


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[1, 2]", b'{"x": {"revision": 5}}'])
def test_a_damaged_record_of_passes_only_means_checking_again(settled, private_cache, checks, garbage):
    record = checked.record_path()
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_bytes(garbage)
    Journal.open(settled).close()
    Journal.open(settled).close()
    assert len(checks) == 1


def test_an_empty_log_beside_the_journal_does_not_make_opening_read_it_whole(settled, monkeypatch):
    # SQLite leaves an empty -wal while the journal is open elsewhere, or after a read-only close.
    (settled.parent / (settled.name + "-wal")).write_bytes(b"")
    read = []
    real = Path.read_bytes

    def reading(path):
        read.append(path)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", reading)
    for _ in range(2):
        Journal.open(settled).close()
    assert settled not in read


LIST = "import sys; from beliefupdate.cli import main; sys.exit(main(['--db', sys.argv[1], 'list']))"


def _fifo(record: Path) -> None:
    os.mkfifo(record)


def _dev_zero(record: Path) -> None:
    record.symlink_to("/dev/zero")


def _deep(record: Path) -> None:
    record.write_bytes(b"[" * 200_000 + b"]" * 200_000)


def _huge(record: Path) -> None:
    record.write_bytes(b'{"x": "' + b"y" * checked.LIMIT + b'"}')


@pytest.mark.parametrize("hostile", [_fifo, _dev_zero, _deep, _huge], ids=["FIFO", "/dev/zero", "deep", "huge"])
def test_a_hostile_record_of_passes_neither_blocks_nor_breaks_a_command(settled, private_cache, hostile):
    # Every command reads the record before it opens a journal: a FIFO there blocked them all.
    record = checked.record_path()
    record.parent.mkdir(parents=True, exist_ok=True)
    hostile(record)
    done = subprocess.run([sys.executable, "-c", LIST, str(settled)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Proposition 29" in done.stdout and done.stderr == ""
    assert record.is_file() and not record.is_symlink()  # removed, then written again with this pass
    assert len(json.loads(record.read_text())) == 1
