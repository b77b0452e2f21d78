"""Backups of a journal file, kept in a ``backups/`` folder beside it.

Each is a consistent copy made with SQLite's online backup API (the app and the
command line may be writing meanwhile), written under a temporary name, synced
and then renamed, so a backup on disk is always whole. Daily copies are made on
opening, at most one a day, and only the newest ``BELIEFUPDATE_KEEP_BACKUPS``
(default 10) are kept; copies made before a migration or a restore, and those
asked for by hand, are never removed.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from beliefupdate.domain.errors import UserError
from beliefupdate.store.engine import connect_readonly
from beliefupdate.store.journal_file import BACKUPS_FOLDER, sidecar

log = logging.getLogger(__name__)

KEEP_ENV = "BELIEFUPDATE_KEEP_BACKUPS"
KEEP_DAILY = 10
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<kind>daily|manual|before-restore|before-migration-from-(?P<rev>[0-9A-Za-z_]+))"
    r"-(?P<stamp>\d{8}T\d{6}Z)(?:-\d+)?\.sqlite3$"
)
_STALE_PART_SECONDS = 86400
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


class BackupKind(str, enum.Enum):
    DAILY = "daily"
    MANUAL = "manual"
    BEFORE_MIGRATION = "before-migration"
    BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: BackupKind
    created_at: datetime  # aware, UTC
    size: int
    from_revision: str | None = None  # for a copy made before a migration

    @property
    def description(self) -> str:
        return {
            BackupKind.DAILY: "daily",
            BackupKind.MANUAL: "made by hand",
            BackupKind.BEFORE_MIGRATION: f"before upgrading from schema {self.from_revision}",
            BackupKind.BEFORE_RESTORE: "before a restore",
        }[self.kind]


def backups_dir(journal: Path) -> Path:
    return journal.parent / BACKUPS_FOLDER


def keep_daily() -> int:
    """How many daily copies to keep: $BELIEFUPDATE_KEEP_BACKUPS, default 10; 0 turns them off."""
    try:
        return max(0, int(os.environ[KEEP_ENV]))
    except (KeyError, ValueError):
        return KEEP_DAILY


def list_backups(journal: Path) -> list[Backup]:
    """The backups of ``journal`` (not of other journals in the same folder), newest first."""
    folder = backups_dir(journal)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        m = _NAME.match(entry.name)
        if m is None or m["stem"] != journal.stem or not entry.is_file():
            continue
        kind = m["kind"]
        info = entry.stat()
        backup = Backup(
            path=Path(entry.path),
            kind=BackupKind(kind if not kind.startswith("before-migration") else "before-migration"),
            created_at=datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=timezone.utc),
            size=info.st_size,
            from_revision=m["rev"],
        )
        found.append((info.st_mtime_ns, backup))
    # Names tell the second; two copies made within one are told apart by when they were written.
    found.sort(key=lambda mb: (mb[1].created_at, mb[0], mb[1].path.name), reverse=True)
    return [b for _, b in found]


def backup_to(journal: Path, target: Path) -> Path:
    """Copy ``journal`` to ``target`` consistently (readers and writers may be active).

    The copy is private (0600) from its first byte, is one self-contained file
    (no write-ahead log beside it) and appears under its name only when complete.
    """
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with disk_errors(target):
            _copy_to(journal, tmp, target)
    except BaseException:
        # SQLite writes a rollback journal beside the copy while it fills it.
        for leftover in (tmp, sidecar(tmp, "-journal"), sidecar(tmp, "-wal")):
            leftover.unlink(missing_ok=True)
        raise
    return target


@contextlib.contextmanager
def disk_errors(target: Path) -> Iterator[None]:
    """A copy that cannot be written (full disk, a file in the way), said on one line."""
    try:
        yield
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise
        raise UserError(f"cannot write {target}: {e} (is the disk full?)") from None
    except OSError as e:
        raise UserError(f"cannot write {target}: {e.strerror or e}") from None


def _copy_to(journal: Path, tmp: Path, target: Path) -> None:
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    source = connect_readonly(journal)
    try:
        dest = sqlite3.connect(tmp)
        try:
            copy_database(source, dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()
    _fsync(tmp)
    os.replace(tmp, target)
    with contextlib.suppress(OSError):  # not every file system syncs folders
        _fsync(target.parent)


def copy_database(
    source: sqlite3.Connection, dest: sqlite3.Connection, *, pages: int = -1, after_step=None
) -> None:
    """SQLite's online backup from ``source`` into ``dest``, giving up with
    "database is locked" once the connections' busy timeout has run out
    (Python's own loop would retry for ever). ``after_step()`` is called after
    each step of ``pages`` pages that went through."""

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED):
            raise sqlite3.OperationalError("database is locked")
        if after_step is not None:
            after_step()

    source.backup(dest, pages=pages, progress=progress)


def make_backup(
    journal: Path, kind: BackupKind, *, from_revision: str | None = None, now: datetime | None = None
) -> Backup:
    """A new backup of ``journal`` in its backups folder."""
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    target = new_backup_path(journal, kind, now, from_revision=from_revision)
    backup_to(journal, target)
    return Backup(target, kind, now.replace(microsecond=0), target.stat().st_size, from_revision)


def new_backup_path(journal: Path, kind: BackupKind, now: datetime, *, from_revision: str | None = None) -> Path:
    """A free name for a backup made at ``now``, in the backups folder (created private if need be)."""
    folder = backups_dir(journal)
    _make_folder(folder)
    label = kind.value if kind is not BackupKind.BEFORE_MIGRATION else f"before-migration-from-{from_revision}"
    base = f"{journal.stem}-{label}-{now.astimezone(timezone.utc).strftime(_STAMP)}"
    target = folder / f"{base}.sqlite3"
    n = 2
    while target.exists():
        target = folder / f"{base}-{n}.sqlite3"
        n += 1
    return target


def backup_before_migration(journal: Path, from_revision: str) -> Path:
    return make_backup(journal, BackupKind.BEFORE_MIGRATION, from_revision=from_revision).path


def daily_backup(journal: Path, *, keep: int | None = None, now: datetime | None = None) -> Backup | None:
    """Back ``journal`` up unless a daily copy was already made today (local time).

    Returns the new backup, or None if none was due. A failure is logged, not
    raised: a journal that cannot be backed up can still be written safely.
    """
    keep = keep_daily() if keep is None else keep
    now = now or datetime.now(timezone.utc)
    if keep <= 0 or not _due(journal, now):
        return None
    try:
        _make_folder(backups_dir(journal))
        with _exclusive(backups_dir(journal)) as ours:
            # Another process opening the journal at the same moment makes it instead.
            if not ours or not _due(journal, now):
                return None
            made = make_backup(journal, BackupKind.DAILY, now=now)
            prune(journal, keep)
            return made
    except (OSError, sqlite3.Error, UserError) as e:
        log.warning("could not back up %s: %s", journal, e)
        return None


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, where the journal's backups folder should be; move it away")
    with disk_errors(folder):
        folder.mkdir(exist_ok=True, mode=0o700)


def prune(journal: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` daily backups (and abandoned partial copies)."""
    dailies = [b for b in list_backups(journal) if b.kind is BackupKind.DAILY]
    removed = []
    for b in dailies[keep:]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    cutoff = time.time() - _STALE_PART_SECONDS
    for part in backups_dir(journal).glob(f".{journal.stem}-*.part*"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()
    return removed


def _due(journal: Path, now: datetime) -> bool:
    today = now.astimezone().date()
    return not any(
        b.kind is BackupKind.DAILY and b.created_at.astimezone().date() == today for b in list_backups(journal)
    )


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[bool]:
    """Hold the backups folder's lock if no one else does; yields whether we got it."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock, at worst two copies on one day
        yield True
        return
    fd = os.open(folder / ".lock", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
