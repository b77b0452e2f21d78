"""Backups of a journal file, kept in a ``backups/<its UUID>/`` folder beside it.

The folder is named by the identity stored inside the journal (schema 0003),
not by its file name: notes.sqlite3 and notes.db in one folder each keep,
list and restore only their own copies, and a renamed journal keeps its
backups. Copies made before journals had an identity stay where they were,
in ``backups/`` itself named by the journal's stem, and are listed, marked,
for every journal of that stem: nothing tells whose they are, so they are
neither moved nor pruned (see files/restore.py for when one may be restored).

Each is a consistent copy made with SQLite's online backup API (the app and the
command line may be writing meanwhile), written under a temporary name, synced
and then renamed, so a backup on disk is always whole. Daily copies are made on
opening, at most one a day, and only the newest ``BELIEFUPDATE_KEEP_BACKUPS``
(default 10) are kept; copies made before a migration or a restore, and those
asked for by hand, are never removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from beliefupdate.domain.errors import UserError
from beliefupdate.store.atomic import atomic_text, disk_errors, fsync
from beliefupdate.store.backups import (
    BACKUPS_FOLDER,
    Backup,
    BackupKind,
    canonical,
    free_name,
    make_folder,
    newest_first,
    scan,
)
from beliefupdate.store.engine import connect_readonly
from beliefupdate.store.files.identity import Unreadable, read_identity
from beliefupdate.store.files.sidecars import sidecar

log = logging.getLogger(__name__)

KEEP_ENV = "BELIEFUPDATE_KEEP_BACKUPS"
KEEP_DAILY = 10
_STALE_PART_SECONDS = 86400
# In each identity folder: the file name of the journal last backed up into it, which
# finds the folder when the journal itself cannot be read (damaged, or deleted).
_MARK = ".journal-name"
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def shared_dir(journal: Path) -> Path:
    """The ``backups`` folder beside the journal, which holds every journal's folder."""
    return journal.parent / BACKUPS_FOLDER


def backups_dir(journal: Path) -> Path:
    """Where ``journal``'s backups go: ``backups/<its UUID>``, or ``backups`` itself
    for a journal made before journals had an identity and not upgraded yet."""
    identity = journal_identity(journal)
    return shared_dir(journal) / identity if identity else shared_dir(journal)


def journal_identity(journal: Path) -> str | None:
    """The journal's UUID: read from it, or, when it cannot be read (damaged,
    deleted), the folder last backed up to for a journal of its name."""
    try:
        return read_identity(journal)
    except Unreadable:
        return _remembered_identity(journal)


def _remembered_identity(journal: Path) -> str | None:
    found = []
    try:
        folders = [e for e in os.scandir(shared_dir(journal)) if canonical(e.name) == e.name and e.is_dir()]
    except OSError:
        return None
    for folder in folders:
        mark = Path(folder.path) / _MARK
        with contextlib.suppress(OSError, UnicodeError):
            if mark.read_text(encoding="utf-8") == journal.name:
                found.append((mark.stat().st_mtime_ns, folder.name))
    # A journal replaced by another of the same name: the folder written to last is the newer one's.
    return max(found)[1] if found else None


def remembered_journal(journal: Path, identity: str) -> Path | None:
    """The journal file beside ``journal`` last backed up into ``identity``'s folder."""
    try:
        return journal.parent / (shared_dir(journal) / identity / _MARK).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None


def _remember(folder: Path, journal: Path) -> None:
    if folder != shared_dir(journal):
        mark = folder / _MARK
        with contextlib.suppress(OSError):
            if mark.read_text(encoding="utf-8") == journal.name:
                return
        with contextlib.suppress(OSError), atomic_text(mark) as f:  # a mark cut short would name no journal
            f.write(journal.name)


def keep_daily() -> int:
    """How many daily copies to keep: $BELIEFUPDATE_KEEP_BACKUPS, default 10; 0 turns them off."""
    try:
        return max(0, int(os.environ[KEEP_ENV]))
    except (KeyError, ValueError):
        return KEEP_DAILY


def list_backups(journal: Path) -> list[Backup]:
    """The backups of ``journal`` (not of other journals in the same folder), newest first:
    those in its own folder, then, marked, the older copies named for its stem."""
    found = []
    own = backups_dir(journal)
    if own != shared_dir(journal):
        found += scan(own, stem=None, before_identity=False)
    found += scan(shared_dir(journal), stem=journal.stem, before_identity=True)
    # Names tell the second; two copies made within one are told apart by when they were written.
    return newest_first(found)


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
    fsync(tmp)
    os.replace(tmp, target)
    with contextlib.suppress(OSError):  # not every file system syncs folders
        fsync(target.parent)


def copy_database(
    source: sqlite3.Connection, dest: sqlite3.Connection, *, pages: int = -1, after_step: Callable[[], object] | None = None
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
    now = (now or datetime.now(UTC)).astimezone(UTC)
    target = new_backup_path(journal, kind, now, from_revision=from_revision)
    backup_to(journal, target)
    return Backup(target, kind, now.replace(microsecond=0), target.stat().st_size, from_revision)


def new_backup_path(journal: Path, kind: BackupKind, now: datetime, *, from_revision: str | None = None) -> Path:
    """A free name for a backup made at ``now``, in the journal's backups folder (created private if need be)."""
    return free_name(_made_dir(journal), journal.stem, kind, now, "sqlite3", from_revision=from_revision)


def _made_dir(journal: Path) -> Path:
    folder = backups_dir(journal)
    for level in (shared_dir(journal), folder):
        make_folder(level)
    _remember(folder, journal)
    return folder


def backup_before_migration(journal: Path, from_revision: str) -> Path:
    return make_backup(journal, BackupKind.BEFORE_MIGRATION, from_revision=from_revision).path


def file_with_journal(journal: Path, made: Path) -> Path:
    """Move a copy made before the journal had an identity (before its upgrade)
    into the folder of the identity it has now: it is verifiably this journal's.
    Should the move fail, the copy stays, named for the stem, where it was made."""
    target = backups_dir(journal) / made.name
    if target.parent == made.parent:
        return made
    try:
        os.replace(made, _made_dir(journal) / made.name)
    except OSError as e:
        log.warning("could not move %s into %s: %s", made, target.parent, e)
        return made
    return target


def daily_backup(journal: Path, *, keep: int | None = None, now: datetime | None = None) -> Backup | None:
    """Back ``journal`` up unless a daily copy was already made today (local time).

    Returns the new backup, or None if none was due. A failure is logged, not
    raised: a journal that cannot be backed up can still be written safely.
    """
    keep = keep_daily() if keep is None else keep
    now = now or datetime.now(UTC)
    if keep <= 0 or not _due(journal, now):
        return None
    try:
        with _exclusive(_made_dir(journal)) as ours:
            # Another process opening the journal at the same moment makes it instead.
            if not ours or not _due(journal, now):
                return None
            made = make_backup(journal, BackupKind.DAILY, now=now)
            prune(journal, keep)
            return made
    except (OSError, sqlite3.Error, UserError) as e:
        log.warning("could not back up %s: %s", journal, e)
        return None


def prune(journal: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` daily backups of the journal's own (and abandoned partial copies)."""
    folder = backups_dir(journal)
    dailies = [b for b in list_backups(journal) if b.kind is BackupKind.DAILY and b.path.parent == folder]
    removed = []
    for b in dailies[keep:]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    cutoff = time.time() - _STALE_PART_SECONDS
    # The shared folder (where copies went before journals had an identity, and where a copy lands
    # when the journal cannot be read) holds other journals' partial copies too; a journal's own
    # folder only its own. "*.part*": SQLite leaves a "-journal" beside a partial copy too.
    parts = [*folder.glob(".*.part*")] if folder != shared_dir(journal) else []
    parts += shared_dir(journal).glob(f".{journal.stem}-*.part*")
    for part in parts:
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff:
                part.unlink()
    return removed


def _due(journal: Path, now: datetime) -> bool:
    today = now.astimezone().date()
    folder = backups_dir(journal)
    return not any(
        b.kind is BackupKind.DAILY and b.path.parent == folder and b.created_at.astimezone().date() == today
        for b in list_backups(journal)
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
