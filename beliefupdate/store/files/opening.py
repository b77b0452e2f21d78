"""Deciding whether a file is a journal we may open, and bringing it up to date.

Nothing here writes to a file until it is known to be one of ours (or new):
foreign, damaged and newer-version files are inspected read-only and refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection, Engine

from beliefupdate.domain.errors import JournalUnavailable
from beliefupdate.store.atomic import fsync, own_name, remove_cut_short, sync_folder
from beliefupdate.store.engine import make_engine, writer
from beliefupdate.store.files import backup
from beliefupdate.store.files.journal_file import journal_revision, writable
from beliefupdate.store.location import Location, resolve
from beliefupdate.store.schema_versions import APPLICATION_ID, HEAD


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None  # None for a new journal


def inspect_sqlite_file(path: Path) -> FileState:
    """Read-only look at ``path``: raises JournalUnavailable unless it is a journal we can open."""
    if path.is_symlink() and not path.exists():
        # Creating the journal would fail on the link (or, followed, write somewhere unexpected).
        raise JournalUnavailable(f"{path} is a link to {os.readlink(path)}, which does not exist")
    if not path.exists():
        if not path.parent.is_dir():
            raise JournalUnavailable(f"cannot create journal {path}: folder {path.parent} does not exist")
        if not writable(path.parent):
            raise JournalUnavailable(f"cannot create journal {path}: folder {path.parent} is not writable")
        return FileState(exists=False, revision=None)
    revision = journal_revision(path)
    if not writable(path):
        raise JournalUnavailable(f"{path} is read-only; make it writable or open a copy")
    if not writable(path.parent):
        # SQLite keeps its write-ahead log beside the journal.
        raise JournalUnavailable(f"cannot write beside {path}: folder {path.parent} is not writable")
    return FileState(exists=True, revision=revision)


def open_file(location: Location) -> Engine:
    """An engine on an up-to-date journal file: created if new, backed up and upgraded if old."""
    path = location.path
    assert path is not None  # only a file is opened here
    state = inspect_sqlite_file(path)
    if not state.exists:
        return _create_file(location)
    engine = make_engine(location.url)
    if state.revision != HEAD:
        assert state.revision is not None  # an existing journal has one: journal_revision refuses a file without
        made = backup.backup_before_migration(path, state.revision)
        upgrade(engine)
        backup.file_with_journal(path, made)
    else:
        backup.daily_backup(path)
    return engine


def _create_file(location: Location) -> Engine:
    """A new journal file, there at its name only once complete: built under a name of its own in
    the same folder and linked into place. Several programs creating the same new journal at once
    (two windows, a window and a command) then all open the one that got there first, and one
    killed part-way leaves no empty or schema-only file at the name."""
    path = location.path
    assert path is not None  # only a file is created here
    remove_cut_short(path, ".new", remove_journal_files)
    tmp = own_name(path, ".new")
    try:
        create_journal_file(tmp).dispose()
        fsync(tmp)
        try:
            os.link(tmp, path)
            ours = True
        except FileExistsError:
            ours = False  # another program created it meanwhile: that one is opened instead
        except OSError:  # a file system without hard links
            ours = not os.path.lexists(path)
            if ours:
                os.replace(tmp, path)
    finally:
        remove_journal_files(tmp)
    if not ours:
        return open_file(location)
    sync_folder(path.parent)
    return make_engine(location.url)  # made just now, at the newest schema: nothing to check


def create_journal_file(path: Path) -> Engine:
    """A new journal made at ``path``, which must not exist: for a name no one else uses (a
    temporary one); removed again if making it fails."""
    # Created private before SQLite touches it: SQLite gives the -wal and -shm
    # files, which hold journal data too, the mode of the main file.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    engine = make_engine(resolve(str(path))[0].url)
    try:
        _create(engine)
        with engine.connect() as conn:
            # Everything into the main file: the log beside it is not linked or renamed with it,
            # and the header then carries the application id.
            _raw(conn).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        engine.dispose()
        remove_journal_files(path)
        raise
    return engine


def remove_journal_files(path: Path) -> None:
    """Remove a journal this process has just created, with SQLite's files beside it."""
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _create(engine: Engine) -> None:
    from beliefupdate.store import migrate

    with engine.begin() as conn:
        # Marked as ours in the same transaction that creates the tables.
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate.upgrade(conn)


def upgrade(engine: Engine, *, identity: str | None = None) -> None:
    """Bring the journal to HEAD; ``identity`` is the UUID it gets if it has none yet (default: a fresh one)."""
    from beliefupdate.store import migrate

    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            migrate.upgrade(conn, identity=identity)
        return
    with engine.connect() as conn:
        raw = _raw(conn)
        # SQLite rebuilds a table to alter it (Alembic batch mode): dropping the
        # old table with foreign keys on would cascade and delete every credence
        # and tag that points at it. The pragma only takes effect outside a
        # transaction, so it is set on the raw connection before BEGIN.
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                migrate.upgrade(conn, identity=identity)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left {len(broken)} broken references, first {broken[0]}; undone")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def stamp_identity(path: Path, identity: str) -> None:
    """Give the journal at ``path`` this identity: rewritten if it has one, or
    brought up to date now, taking it, if it was made before journals had one."""
    engine = make_engine(resolve(path)[0].url)
    try:
        with writer(engine).begin() as conn:
            has_table = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_identity'"
            ).first()
            if has_table:
                conn.exec_driver_sql("UPDATE journal_identity SET uuid = ?", (identity,))
        if not has_table:
            upgrade(engine, identity=identity)
    finally:
        engine.dispose()


def _raw(conn: Connection) -> Any:
    """The sqlite3 connection under ``conn``, for what must run outside SQLAlchemy's transactions."""
    raw = conn.connection.driver_connection
    assert raw is not None  # an open connection has one
    return raw
