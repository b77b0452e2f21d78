"""Files that are not a journal we can use are refused by name and left exactly as they were.

For each kind of file, every command that opens a journal exits 2 with one
line naming the problem, and afterwards the file is byte-identical and nothing
new lies beside it (no -wal, -shm or backups folder).
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path
from typing import ClassVar

import pytest

from beliefupdate.cli import main
from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.engine import BUSY_TIMEOUT_ENV
from beliefupdate.store.journal import Journal
from tests.command import Cli

COMMANDS = {
    "list": ["list"],
    "add": ["add", "A new proposition"],
    "log": ["log", "Coffee", "--credence", "1", "20%", "30%"],
    "export": ["export", "{elsewhere}/out.json"],
    "import": ["import", "{elsewhere}/in.json"],
    "backup": ["backup"],
}


class _Templates:
    """Journals built once per size per module, copied for each test."""

    folder: Path
    built: ClassVar[dict[int, Path]] = {}


@pytest.fixture(scope="module", autouse=True)
def template_folder(tmp_path_factory):
    _Templates.folder = tmp_path_factory.mktemp("templates")
    _Templates.built = {}
    return _Templates.folder


def journal_with_data(path: Path, n: int = 40) -> Path:
    """A closed journal with n propositions and n conversations."""
    if n not in _Templates.built:
        template = _Templates.folder / f"journal-{n}.sqlite3"
        with Journal.open(template) as j:
            ids = [j.add_proposition(f"Proposition {i} " + "with some words " * 8).id for i in range(n)]
            for i in range(n):
                j.log_conversation(
                    f"Conversation {i}", [CredenceEntry(ids[i], 0.2, 0.3), CredenceEntry(ids[(i + 1) % n], 0.5, 0.4)]
                )
        # Nothing of the journal's own opening may linger beside the file.
        assert sorted(p.name for p in template.parent.iterdir() if p.name.startswith(template.name)) == [template.name]
        _Templates.built[n] = template
    path.write_bytes(_Templates.built[n].read_bytes())
    path.chmod(0o600)
    return path


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )


def make_empty(path):
    path.write_bytes(b"")


def make_text(path):
    path.write_text("Things to ask Sam:\n- what a week on the safety team looks like\n")


def make_png(path):
    path.write_bytes(png_bytes())


def make_truncated(path):
    journal_with_data(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_truncated_header(path):
    journal_with_data(path)
    path.write_bytes(path.read_bytes()[:60])


def make_damaged_page(path):
    journal_with_data(path)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = (len(data) // page_size) // 2
    data[page * page_size : (page + 1) * page_size] = random.Random(7).randbytes(page_size)
    path.write_bytes(bytes(data))


def make_foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('dal', 40)")
    conn.commit()
    conn.close()


def make_newer(path):
    journal_with_data(path, n=3)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def make_read_only(path):
    journal_with_data(path, n=3)
    path.chmod(0o444)


def make_in_read_only_folder(path):
    journal_with_data(path, n=3)
    path.parent.chmod(0o555)


def _altered(path, statement):
    journal_with_data(path, n=3)
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


def make_with_trigger(path):
    _altered(path, "CREATE TRIGGER evil AFTER INSERT ON propositions BEGIN DELETE FROM credences; END")


def make_without_credences(path):
    _altered(path, "DROP TABLE credences")


def make_with_extra_index(path):
    _altered(path, "CREATE INDEX ix_extra ON credences (note)")


def make_with_extra_column(path):
    _altered(path, "ALTER TABLE propositions ADD COLUMN colour TEXT")


def make_with_view(path):
    _altered(path, "CREATE VIEW everything AS SELECT * FROM credences")


def crashed_with_log(path: Path, n: int, change: str) -> None:
    """A journal at ``path`` as a crash leaves it: ``change`` committed to its
    write-ahead log, not yet copied into the file."""
    work = path.with_name(".building")
    work.mkdir()
    source = journal_with_data(work / "j.sqlite3", n=n)
    conn = sqlite3.connect(source, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute(change)
        path.write_bytes(source.read_bytes())
        path.with_name(path.name + "-wal").write_bytes(source.with_name(source.name + "-wal").read_bytes())
    finally:
        conn.close()
    for p in work.iterdir():
        p.unlink()
    work.rmdir()
    path.chmod(0o600)


CHANGE = "UPDATE propositions SET text = 'Changed in the log', text_key = 'changed in the log' WHERE handle = 1"


def make_with_foreign_wal(path):
    journal_with_data(path, n=3)
    other = path.with_name("other.sqlite3")
    with Journal.open(other) as j:
        j.check_in(j.add_proposition("Another journal's proposition").id, 0.5)
    crashed_with_log(other, 40, CHANGE)  # another journal, with its own crash
    path.with_name(path.name + "-wal").write_bytes(other.with_name(other.name + "-wal").read_bytes())
    for p in path.parent.glob("other.sqlite3*"):
        p.unlink()


def make_with_bad_wal_checksum(path):
    crashed_with_log(path, 3, CHANGE)
    wal = path.with_name(path.name + "-wal")
    data = bytearray(wal.read_bytes())
    data[32 + 16] ^= 0x01  # the first frame's checksum
    wal.write_bytes(bytes(data))


CASES = {
    "empty file": (make_empty, "is an empty file"),
    "text file": (make_text, "not a SQLite database"),
    "PNG renamed to .sqlite3": (make_png, "not a SQLite database"),
    "truncated journal": (make_truncated, "is damaged"),
    "journal cut inside its header": (make_truncated_header, "is damaged"),
    "journal with a damaged page": (make_damaged_page, "is damaged"),
    "another program's database": (make_foreign, "another program's SQLite database"),
    "journal from a newer version": (make_newer, "newer version of beliefupdate"),
    "read-only journal": (make_read_only, "is read-only"),
    "journal in a read-only folder": (make_in_read_only_folder, "is not writable"),
    "journal with a trigger": (make_with_trigger, "not a journal made by beliefupdate (an unexpected trigger evil"),
    "journal without its credences table": (make_without_credences, "table credences is missing"),
    "journal with an extra index": (make_with_extra_index, "an unexpected index ix_extra"),
    "journal with an extra column": (make_with_extra_column, "table propositions is not as this app makes it"),
    "journal with a view": (make_with_view, "an unexpected view everything"),
    "journal with another journal's -wal": (make_with_foreign_wal, "-wal) comes from another database"),
    "journal whose -wal fails its checksum": (make_with_bad_wal_checksum, "-wal) fails its checksum"),
}


@pytest.fixture
def elsewhere(tmp_path):
    """A folder apart from the hostile file's, holding a valid export to import."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    with Journal.open(folder / "source.sqlite3") as j:
        j.add_proposition("From another journal")
    assert main(["--db", str(folder / "source.sqlite3"), "export", str(folder / "in.json")]) == 0
    return folder


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "journal folder"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)
    for p in folder.iterdir():
        p.chmod(0o644) if p.is_file() else None


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder" for p in folder.iterdir()}


def run(capsys, path: Path, argv: list[str], elsewhere: Path) -> tuple[int, str]:
    code, _out, err = Cli(path, capsys)(*(a.format(elsewhere=elsewhere) for a in argv))
    return code, err


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_and_left_untouched(case, command, folder, elsewhere, capsys):
    make, message = CASES[case]
    path = folder / "journal.sqlite3"
    make(path)
    before = snapshot(folder)

    code, err = run(capsys, path, COMMANDS[command], elsewhere)

    assert code == 2, err
    assert err.startswith("beliefupdate: error: ") and err.count("\n") == 1, err
    assert message in err and str(path) in err, err
    assert snapshot(folder) == before
    assert not (elsewhere / "out.json").exists()


@pytest.mark.parametrize("command", ["add", "import"])
def test_path_in_a_missing_folder(command, tmp_path, elsewhere, capsys):
    path = tmp_path / "no such folder" / "journal.sqlite3"
    code, err = run(capsys, path, COMMANDS[command], elsewhere)
    assert code == 2 and "does not exist" in err, err
    assert not path.parent.exists()


@pytest.mark.parametrize("command", ["add", "import"])
def test_new_journal_in_a_folder_that_cannot_be_written(command, folder, elsewhere, capsys):
    folder.chmod(0o555)
    path = folder / "journal.sqlite3"
    code, err = run(capsys, path, COMMANDS[command], elsewhere)
    assert code == 2 and "is not writable" in err, err
    assert list(folder.iterdir()) == []


def test_commands_that_do_not_create_refuse_a_missing_journal(tmp_path, elsewhere, capsys):
    """A mistyped --db is reported, not answered with a new empty journal."""
    path = tmp_path / "journal.sqlite3"
    for argv in (
        COMMANDS["list"], COMMANDS["export"], COMMANDS["backup"], COMMANDS["log"],
        ["checkin", "1", "50%"], ["delete", "1", "--yes"], ["resolve", "1", "true"], ["stats"],
    ):
        code, err = run(capsys, path, argv, elsewhere)
        assert code == 2 and "no journal at" in err and err.count("\n") == 1, err
    assert list(tmp_path.iterdir()) == [elsewhere]


@pytest.mark.parametrize(
    "argv",
    [["add", ""], ["add", "bad \x00"], ["import", "{elsewhere}/missing.json"], ["import", "{elsewhere}/bad.json"]],
    ids=["empty text", "NUL", "missing file", "bad file"],
)
def test_a_failing_command_that_would_create_leaves_no_journal(argv, tmp_path, elsewhere, capsys):
    (elsewhere / "bad.json").write_text('{"format": "beliefupdate", "version": 1, "propositions": [{}]}')
    path = tmp_path / "journal.sqlite3"
    code, err = run(capsys, path, argv, elsewhere)
    assert code == 2 and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere"]


# -- not files, and URL forms that would bypass the checks above -------------------------


def make_fifo(path):
    os.mkfifo(path)


def make_dangling_link(path):
    path.symlink_to(path.parent / "moved away.sqlite3")


def make_device_link(path):
    path.symlink_to("/dev/zero")


NOT_FILES = {
    "FIFO": (make_fifo, "is not a regular file"),
    "link to /dev/zero": (make_device_link, "is not a regular file"),
    "dangling symlink": (make_dangling_link, "which does not exist"),
}


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and symlinks")
@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", ["list", "add", "import", "backup"])
@pytest.mark.parametrize("case", list(NOT_FILES))
def test_a_journal_path_that_is_not_a_file_is_refused(case, command, folder, elsewhere, capsys):
    make, message = NOT_FILES[case]
    path = folder / "journal.sqlite3"
    make(path)
    before = sorted(os.listdir(folder))
    code, err = run(capsys, path, COMMANDS[command], elsewhere)
    assert code == 2 and err.count("\n") == 1, err
    assert message in err and str(path) in err, err
    assert sorted(os.listdir(folder)) == before
    assert not (path.parent / "moved away.sqlite3").exists()


@pytest.mark.parametrize(
    "make_url, message",
    [
        (lambda p: f"sqlite:///file:{p}?uri=true", "URI file names and URL options are not supported"),
        (lambda p: f"sqlite:///file:{p}?mode=ro&uri=true", "URI file names and URL options are not supported"),
        (lambda p: f"sqlite:///{p}?mode=ro", "URI file names and URL options are not supported"),
        (lambda p: "ftp://example.org/journal", "ftp URLs are not supported; use a file path"),
        (lambda p: "http://example.org/journal", "http URLs are not supported; use a file path"),
        # A server URL is tried (the suite installs the driver), and no server answers on port 1.
        (lambda p: "postgresql://me@127.0.0.1:1/journal", "cannot reach a PostgreSQL server at 127.0.0.1:1"),
        (lambda p: "mysql://me@localhost/journal", "mysql support is not installed"),
    ],
    ids=["uri", "uri read-only", "mode option", "ftp", "http", "postgresql", "mysql"],
)
@pytest.mark.parametrize("existing", [True, False], ids=["journal", "missing"])
def test_journal_urls_we_cannot_check_are_refused(make_url, message, existing, folder, elsewhere, capsys):
    path = folder / "journal.sqlite3"
    if existing:
        journal_with_data(path, n=3)
    before = snapshot(folder)
    for command in ("list", "add"):
        code, err = run(capsys, make_url(path), COMMANDS[command], elsewhere)
        assert code == 2 and message in err and err.count("\n") == 1, err
    assert snapshot(folder) == before


def test_a_foreign_database_with_a_write_ahead_log_is_left_without_a_new_file(folder, elsewhere, capsys):
    path = folder / "journal.sqlite3"
    holder = sqlite3.connect(folder / "live.sqlite3")
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("CREATE TABLE recipes (name TEXT)")
    holder.execute("INSERT INTO recipes VALUES ('dal')")
    holder.commit()
    # As another program leaves it after a crash: the database and its log, no -shm.
    path.write_bytes((folder / "live.sqlite3").read_bytes())
    path.with_name(path.name + "-wal").write_bytes((folder / "live.sqlite3-wal").read_bytes())
    holder.close()
    for leftover in folder.glob("live.sqlite3*"):
        leftover.unlink()
    before = snapshot(folder)
    for command in ("list", "add"):
        code, err = run(capsys, path, COMMANDS[command], elsewhere)
        assert code == 2 and "another program's SQLite database" in err, err
    assert snapshot(folder) == before


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # keeps even readers out, as some tools do
        conn.execute("BEGIN EXCLUSIVE")
    else:
        conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.rollback()
    """
)


@pytest.mark.parametrize(
    "lock, command, message",
    [
        ("writer", "add", "is busy"),
        ("writer", "log", "is busy"),
        ("writer", "import", "is busy"),
        ("exclusive", "list", "is locked by another program"),
        ("exclusive", "add", "is locked by another program"),
    ],
)
def test_journal_locked_longer_than_the_busy_timeout(lock, command, message, folder, elsewhere, capsys, monkeypatch):
    path = journal_with_data(folder / "journal.sqlite3", n=3)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), lock], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        monkeypatch.setenv(BUSY_TIMEOUT_ENV, "200")
        before = path.read_bytes(), path.with_name(path.name + "-wal").read_bytes()
        code, err = run(capsys, path, COMMANDS[command], elsewhere)
        assert code == 2, err
        assert message in err and "try again" in err and err.count("\n") == 1, err
        # (A healthy journal gets its daily backup on opening, lock or not.)
        assert (path.read_bytes(), path.with_name(path.name + "-wal").read_bytes()) == before
    finally:
        holder.communicate("done\n", timeout=30)
    monkeypatch.delenv(BUSY_TIMEOUT_ENV)
    # Once the other program lets go, the same command goes through.
    code, err = run(capsys, path, COMMANDS[command], elsewhere)
    assert code == 0, err


def test_a_log_left_by_a_crash_is_replayed(tmp_path, capsys):
    path = tmp_path / "journal.sqlite3"
    crashed_with_log(path, 3, CHANGE)
    code, out = main(["--db", str(path), "list"]), capsys.readouterr().out
    assert code == 0 and "Changed in the log" in out


def test_a_log_in_use_by_a_running_app_is_read(tmp_path, capsys):
    path = journal_with_data(tmp_path / "journal.sqlite3", n=3)
    app = sqlite3.connect(path, isolation_level=None)
    try:
        app.execute("PRAGMA journal_mode = WAL")
        app.execute("PRAGMA wal_autocheckpoint = 0")
        app.execute("UPDATE propositions SET text = 'First change' WHERE handle = 1")
        app.execute("PRAGMA wal_checkpoint(PASSIVE)")
        app.execute(CHANGE)  # the log is being reused: newer frames over older ones
        assert main(["--db", str(path), "list"]) == 0
        assert "Changed in the log" in capsys.readouterr().out
    finally:
        app.close()


def test_a_journal_damaged_after_opening_is_reported_not_crashed_on(tmp_path):
    from beliefupdate.domain.errors import JournalUnavailable

    path = journal_with_data(tmp_path / "journal.sqlite3")
    journal = Journal.open(path)
    try:
        journal.engine.dispose()
        data = bytearray(path.read_bytes())
        page_size = int.from_bytes(data[16:18], "big")
        for page in range(2, len(data) // page_size):
            data[page * page_size : page * page_size + 8] = b"\xff" * 8
        with open(path, "r+b") as f:
            f.write(data)
        with pytest.raises(JournalUnavailable, match="is damaged"):
            journal.summaries()
    finally:
        journal.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_every_case_leaves_the_user_a_way_forward_in_words(folder, elsewhere, capsys):
    """The messages say what to do, not just what went wrong, where there is something to do."""
    for make, hint in (
        (make_newer, "update beliefupdate"),
        (make_read_only, "make it writable"),
    ):
        path = folder / f"{make.__name__}.sqlite3"
        make(path)
        code, err = run(capsys, path, ["list"], elsewhere)
        assert code == 2 and hint in err, err
        path.chmod(0o644)


def test_an_empty_log_beside_a_journal_is_checked_without_reading_the_journal_into_memory(tmp_path, capsys):
    """SQLite leaves an empty -wal beside a journal that a reader had open; the check of that
    log must not hold the whole journal in memory, which at ten thousand propositions is most
    of what opening it costs."""
    import tracemalloc

    from beliefupdate.store.files.journal_file import journal_revision

    path = journal_with_data(tmp_path / "journal.sqlite3", n=300)
    path.with_name(path.name + "-wal").write_bytes(b"")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        journal_revision(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size / 2, (peak, size)
    assert main(["--db", str(path), "list"]) == 0 and "Proposition 299" in capsys.readouterr().out
