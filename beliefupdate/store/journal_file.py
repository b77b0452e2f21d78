"""Read-only checks of a file that should be a journal (or a backup of one).

Each check names what is wrong in words a user can act on, and none of them
writes to the file or leaves anything beside it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from beliefupdate.domain.errors import JournalUnavailable
from beliefupdate.store.engine import connect_readonly
from beliefupdate.store.schema_versions import APPLICATION_ID, KNOWN_REVISIONS

SQLITE_MAGIC = b"SQLite format 3\x00"


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


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
    (for restoring a backup) instead of the quick structural one.
    """
    header = _header(path)
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        # Our journals carry the id in the file itself from the moment they are
        # made; refusing on the header alone keeps SQLite from putting a -shm file
        # beside another program's database, as it would to read its log.
        raise JournalUnavailable(f"{path} is another program's SQLite database, not a beliefupdate journal")
    _check_size(path, header)
    has_wal = sidecar(path, "-wal").exists()
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
    revision = rows[0][0]
    check_revision(revision, path)
    return revision


def check_revision(revision: str, where) -> None:
    if revision not in KNOWN_REVISIONS:
        raise JournalUnavailable(
            f"{where} was written by a newer version of beliefupdate (schema {revision}); update beliefupdate to open it"
        )


def damaged(path: Path, detail: str) -> JournalUnavailable:
    if len(detail) > 120:
        detail = detail[:119] + "…"
    from beliefupdate.store.backup import backups_dir

    backups = backups_dir(path)
    hint = f"; its backups are in {backups}" if backups.is_dir() else ""
    return JournalUnavailable(f"{path} is damaged and was left as it is ({detail}){hint}")


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
