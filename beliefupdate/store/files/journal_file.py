"""Read-only checks of a file that should be a journal (or a backup of one).

Each check names what is wrong in words a user can act on, and none of them
writes to the file or leaves anything beside it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

from beliefupdate.domain.errors import InvalidInput, JournalUnavailable
from beliefupdate.store.backups import BACKUPS_FOLDER
from beliefupdate.store.engine import connect_readonly
from beliefupdate.store.files import checked
from beliefupdate.store.files.sidecars import SIDECARS, sidecar
from beliefupdate.store.schema_versions import APPLICATION_ID, check_revision

SQLITE_MAGIC = b"SQLite format 3\x00"


def refuse_own_files(target: Path, journal: Path | None) -> None:
    """Raise InvalidInput if writing ``target`` would overwrite the journal, one of
    SQLite's files beside it, or its backups: an export there would replace the data."""
    if journal is None:
        return
    target = Path(target).expanduser().absolute()
    journal = journal.absolute()
    own = [(journal, "the journal itself")] + [(sidecar(journal, s), f"the journal's {s} file") for s in SIDECARS]
    for path, what in own:
        if _same(target, path):
            raise InvalidInput(f"{target} is {what}; write to another file")
    folder = journal.parent / BACKUPS_FOLDER
    if _same(target, folder) or any(_same(parent, folder) for parent in target.parents):
        raise InvalidInput(f"{target} is in the journal's backups folder {folder}; write to another file")


def is_journal_file(path: Path) -> bool:
    """Whether the file's header marks it as a beliefupdate journal (it may still be damaged)."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and len(header) == 100 and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        # Not there (yet): compared by name, links resolved as far as they go.
        return a.resolve() == b.resolve()


def writable(path: Path) -> bool:
    """Writable, and not marked read-only: root may write anything, but a file
    whose owner took its write bits away is read-only to us too."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def journal_revision(path: Path, *, thorough: bool = False) -> str:
    """The schema revision of the journal at ``path``, which must exist.

    Raises JournalUnavailable if the file is not a journal of ours, is damaged,
    or comes from a newer version. ``thorough`` runs the full integrity check
    (for restoring a backup) instead of the quick structural one, which is skipped
    for a file unchanged since it last passed (see files/checked.py).
    """
    started = time.time()
    key = checked.fingerprint(path)  # before anything is read: a write meanwhile must not be taken for checked
    header = _header(path)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        # Our journals carry the id in the file itself from the moment they are
        # made; refusing on the header alone keeps SQLite from putting a -shm file
        # beside another program's database, as it would to read its log.
        raise JournalUnavailable(f"{path} is another program's SQLite database, not a beliefupdate journal")
    _check_size(path, header)
    known = None if thorough else checked.passed_revision(key)
    if known is not None:
        check_revision(known, path)
        return known
    # Imported here: a file that passed before is not looked into (the schema's shapes take a while to load).
    from beliefupdate.store.files.wal import wal_problem
    from beliefupdate.store.schema_check import schema_problem

    has_wal = sidecar(path, "-wal").exists()
    # Read before SQLite opens the file: SQLite would replay or drop the log unasked.
    problem = wal_problem(path, sidecar(path, "-wal")) if has_wal else None
    if problem:
        raise damaged(path, problem)
    try:
        conn = connect_readonly(path, immutable=not has_wal)
        try:
            # Asked of SQLite rather than read from the header bytes: while the
            # journal is open elsewhere (or after a crash) the newest header may
            # still sit in the write-ahead log.
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise JournalUnavailable(f"{path} is another program's SQLite database, not a beliefupdate journal")
            problems = [row[0] for row in conn.execute(f"PRAGMA {'integrity_check' if thorough else 'quick_check'}(3)")]
            if problems != ["ok"]:
                raise damaged(path, " ".join(" ".join(problems).split()))
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            problem = schema_problem(conn, rows[0][0]) if len(rows) == 1 else None
        finally:
            conn.close()
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise JournalUnavailable(
                f"{path} is locked by another program that is using it; try again when it is done"
            ) from None
        raise damaged(path, str(e)) from None
    except sqlite3.DatabaseError as e:
        raise damaged(path, str(e)) from None
    if len(rows) != 1:
        raise damaged(path, "its schema version is missing")
    revision: str = rows[0][0]
    check_revision(revision, path)
    if problem:
        raise not_ours(path, problem)
    checked.remember(path, key, revision, started)
    return revision


def damaged(path: Path, detail: str) -> JournalUnavailable:
    return JournalUnavailable(f"{path} is damaged and was left as it is ({_short(detail)}){_backups_hint(path)}")


def not_ours(path: Path, detail: str) -> JournalUnavailable:
    """A file that passes for a journal but whose schema the app did not make."""
    return JournalUnavailable(
        f"{path} is not a journal made by beliefupdate ({_short(detail)}) and was left as it is{_backups_hint(path)}"
    )


def _short(detail: str) -> str:
    return detail if len(detail) <= 120 else detail[:119] + "…"


def _backups_hint(path: Path) -> str:
    from beliefupdate.store.files.backup import backups_dir

    backups = backups_dir(path)
    return f"; its backups are in {backups}" if backups.is_dir() else ""


def _header(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
    except OSError as e:
        raise JournalUnavailable(f"cannot read {path}: {e.strerror}") from None
    if stat.S_ISDIR(mode):
        raise JournalUnavailable(f"{path} is a folder, not a journal file")
    if not stat.S_ISREG(mode):
        # Opening a FIFO would wait for a writer for ever; a device is no journal either.
        raise JournalUnavailable(f"{path} is not a regular file (a device, pipe or socket), not a journal")
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as e:
        raise JournalUnavailable(f"cannot read {path}: {e.strerror}") from None
    if not header:
        raise JournalUnavailable(f"{path} is an empty file, not a beliefupdate journal")
    if not header.startswith(SQLITE_MAGIC):
        raise JournalUnavailable(f"{path} is not a beliefupdate journal (not a SQLite database)")
    if len(header) < 100:
        raise damaged(path, "truncated SQLite header")
    return header


def _check_size(path: Path, header: bytes) -> None:
    """A file shorter than its header says was cut off (a failed copy or sync)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    if not counter_valid or pages == 0 or sidecar(path, "-wal").exists():
        return  # the size in the header is not to be trusted, or the log holds newer pages
    size = path.stat().st_size
    if size < pages * page_size:
        raise damaged(path, f"truncated: {size} of {pages * page_size} bytes")
