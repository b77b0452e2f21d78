"""Putting a backup back in place of a journal, keeping the journal as it was.

A healthy journal is overwritten through SQLite's backup API, so that an app
that has it open sees the restored content instead of writing into a file that
was swapped away beneath it. A journal too damaged to open is copied aside byte
for byte and replaced. A file that is not a journal of ours is never touched.

A backup's identity, read from inside it, must be the journal's own: a copy of
another journal is refused unless asked for (``other_journal``), and even then
the journal keeps its identity, so its backups folder stays its own. A copy
made before journals had an identity is taken as the journal's own unless
another journal beside it shares its stem, which is just when it could be
either's (their copies shared one folder, named by the stem).
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from beliefupdate.domain.errors import InvalidInput, JournalUnavailable, UserError
from beliefupdate.store.atomic import disk_errors, fsync, sync_folder
from beliefupdate.store.backups import Backup, BackupKind, RestoreResult
from beliefupdate.store.engine import busy_timeout_ms, connect_readonly
from beliefupdate.store.files.backup import (
    backup_to,
    backups_dir,
    copy_database,
    journal_identity,
    list_backups,
    make_backup,
    new_backup_path,
    remembered_journal,
    shared_dir,
)
from beliefupdate.store.files.identity import Unreadable, fresh_identity, read_identity
from beliefupdate.store.files.journal_file import is_journal_file, journal_revision, writable
from beliefupdate.store.files.opening import stamp_identity
from beliefupdate.store.files.sidecars import sidecar


def find_backup(journal: Path, ref: str) -> Path:
    """A backup named by its path, its file name in the backups folder, or its number
    in :func:`list_backups` (1 = the newest)."""
    given = Path(ref).expanduser()
    if given.is_file():
        return given.absolute()
    for folder in (backups_dir(journal), shared_dir(journal)):  # the latter: older copies, named by stem
        if (folder / ref).is_file():
            return folder / ref
    backups = list_backups(journal)
    if ref.strip().isascii() and ref.strip().isdigit():
        n = int(ref)
        if 1 <= n <= len(backups):
            return backups[n - 1].path
        raise InvalidInput(f"there is no backup #{n}; {len(backups)} backups are in {backups_dir(journal)}")
    raise InvalidInput(f"no backup {ref!r}: give a file, or a number from the list of backups")


def restore_backup(journal: Path, backup: Path, *, other_journal: bool = False) -> RestoreResult:
    """Replace ``journal`` with the content of ``backup``, backing the journal up first.

    ``other_journal`` allows a backup that is not verifiably the journal's own.
    """
    backup = backup.absolute()
    if not backup.is_file():
        raise InvalidInput(f"no backup at {backup}")
    if journal.exists() and os.path.samefile(journal, backup):
        raise InvalidInput(f"{backup} is the journal itself, not a backup of it")
    journal_revision(backup, thorough=True)
    if not journal.exists():
        if not journal.parent.is_dir() or not writable(journal.parent):
            raise JournalUnavailable(f"cannot restore to {journal}: its folder is missing or not writable")
        keep = identity_to_keep(journal, backup, other_journal)
        backup_to(backup, journal)
        _keep_identity(journal, keep)
        return RestoreResult(backup, None)
    if not is_journal_file(journal):
        raise JournalUnavailable(f"{journal} is not a beliefupdate journal; it was left as it is")
    if not writable(journal) or not writable(journal.parent):
        raise JournalUnavailable(f"{journal} is read-only; make it writable to restore into it")
    keep = identity_to_keep(journal, backup, other_journal)
    try:
        journal_revision(journal)
    except JournalUnavailable:
        with disk_errors(backups_dir(journal)):
            saved = _copy_aside(journal)
        _replace(journal, backup)
    else:
        with disk_errors(journal):
            saved = _overwrite(journal, backup)
    _keep_identity(journal, keep)
    return RestoreResult(backup, saved.path)


def identity_to_keep(journal: Path, backup: Path, other_journal: bool) -> str | None:
    """Refuse a backup not verifiably the journal's own (unless ``other_journal``); the
    identity the journal must have once it is restored, or None for the backup's."""
    mine = journal_identity(journal)
    try:
        theirs = read_identity(backup)
    except Unreadable:  # it passed the integrity check a moment ago
        theirs = None
    if theirs is not None:
        if mine is not None and theirs == mine:
            return None
        if mine is None and not _made_before_identity(journal):
            # A journal deleted or unreadable, and no backups folder remembers it: brought
            # back, it is the backup's journal again, unless that one is still about.
            return fresh_identity() if _taken(journal, theirs) else None
        if not other_journal:
            raise InvalidInput(
                f"{backup.name} is a backup of another journal, not of {journal.name}; "
                "to restore it anyway, add --other-journal"
            )
        return mine or fresh_identity()
    if not (mine is not None and backup.parent == shared_dir(journal) / mine) and not other_journal:
        twins = _same_stem_journals(journal)
        if twins:
            raise InvalidInput(
                f"{backup.name} was made before journals had an identity, so it may be a backup of "
                f"{twins[0].name} rather than of {journal.name}; to restore it anyway, add --other-journal"
            )
    return mine


def _made_before_identity(journal: Path) -> bool:
    try:
        return read_identity(journal) is None
    except Unreadable:
        return False


def _keep_identity(journal: Path, identity: str | None) -> None:
    if identity is not None and journal_identity(journal) != identity:
        stamp_identity(journal, identity)


def _taken(journal: Path, identity: str) -> bool:
    """Whether another journal file beside ``journal`` has ``identity``: the one its
    backups folder was last written for."""
    other = remembered_journal(journal, identity)
    if other is None or other == journal:
        return False
    try:
        return read_identity(other) == identity
    except Unreadable:
        return False


def _same_stem_journals(journal: Path) -> list[Path]:
    """Other journal files beside ``journal`` whose copies used to be named as its own were."""
    stem = journal.stem
    candidates = [journal.parent / stem, *journal.parent.glob(glob.escape(stem) + ".*")]
    return sorted(
        p for p in candidates
        if p.stem == stem and p.name != journal.name and p.is_file() and is_journal_file(p)
    )


def _overwrite(journal: Path, backup: Path) -> Backup:
    """Copy ``backup`` over the live journal, first saving the journal as it is.

    Both happen while the journal's write lock is held, so nothing another
    program commits can fall between the saved copy and the overwrite: writers
    wait (for their busy timeout) and then write onto the restored content.
    The backup API takes the lock on its first step and keeps it until the last
    (and commits, so open windows see the change), so the copy is saved after
    that first step, by a reader, which the write lock does not keep out.
    """
    saved: list[Backup] = []

    def save_first() -> None:
        if not saved:
            saved.append(make_backup(journal, BackupKind.BEFORE_RESTORE))

    source = connect_readonly(backup, immutable=True)
    try:
        dest = sqlite3.connect(journal.absolute().as_uri() + "?mode=rw", uri=True, timeout=busy_timeout_ms() / 1000)
        try:
            # A reader must be able to read beside the held write lock, which only WAL mode allows.
            dest.execute("PRAGMA journal_mode = WAL")
            dest.execute("PRAGMA synchronous = FULL")
            # One page a step, so that the lock is held when the copy is saved: every
            # journal has more than one page (a table each), so the first step never finishes.
            copy_database(source, dest, pages=1, after_step=save_first)
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise UserError(f"the journal {journal} is busy (another program is writing to it); try again") from None
            raise
        finally:
            dest.close()
    finally:
        source.close()
    if not saved:
        raise RuntimeError(f"{backup} was copied in one step, so the journal was not saved first")
    return saved[0]


def _copy_aside(journal: Path) -> Backup:
    """A byte-for-byte copy of a journal SQLite cannot read, with its write-ahead log if any."""
    now = datetime.now(UTC)
    target = new_backup_path(journal, BackupKind.BEFORE_RESTORE, now)
    for src, dst in ((sidecar(journal, "-wal"), sidecar(target, "-wal")), (journal, target)):
        if src.exists():
            tmp = dst.with_name(f".{dst.name}.part")
            try:
                os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
                shutil.copyfile(src, tmp)
                fsync(tmp)
                os.replace(tmp, dst)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
    return Backup(target, BackupKind.BEFORE_RESTORE, now.replace(microsecond=0), target.stat().st_size)


def _replace(journal: Path, backup: Path) -> None:
    fresh = journal.with_name(f".{journal.name}.restoring")
    backup_to(backup, fresh)
    # A write-ahead log left from the damaged file would be replayed onto the restored one.
    for stale in (sidecar(journal, "-wal"), sidecar(journal, "-shm")):
        stale.unlink(missing_ok=True)
    os.replace(fresh, journal)
    sync_folder(journal.parent)
