"""A journal's backups, wherever the journal lives: what a backup is, how copies are named
and found, and :class:`Backups`, the one way the Journal asks for them.

A journal file's copies (files/backup.py) and a server journal's (server/backup.py) are
named, listed and numbered alike; how each is made and put back differs, behind the
protocol, whose implementation the Journal chooses once, when it opens.
"""

from __future__ import annotations

import builtins
import enum
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from beliefupdate.domain.errors import InvalidInput, UserError
from beliefupdate.store.atomic import disk_errors

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from beliefupdate.store.location import Location

BACKUPS_FOLDER = "backups"
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<kind>daily|manual|before-restore|before-migration-from-(?P<rev>[0-9A-Za-z_]+))"
    r"-(?P<stamp>\d{8}T\d{6}Z)(?:-\d+)?\.(?P<ext>sqlite3|sql|json)$"
)


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
    # Found by its name in the shared folder, from before journals had an identity:
    # it may be a copy of another journal with the same stem.
    before_identity: bool = False

    @property
    def description(self) -> str:
        what = {
            BackupKind.DAILY: "daily",
            BackupKind.MANUAL: "made by hand",
            BackupKind.BEFORE_MIGRATION: f"before upgrading from schema {self.from_revision}",
            BackupKind.BEFORE_RESTORE: "before a restore",
        }[self.kind]
        return f"{what} (older copy, from before identity)" if self.before_identity else what


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    saved_as: Path | None  # the journal as it was before, or None if there was none


class Opened(Protocol):
    """What a journal's backups act on: the open journal's engine (a new one after a
    restore, which reopens the journal) and its location."""

    engine: Engine
    location: Location


class Backups(Protocol):
    """A journal's backups: listed, made and put back the same way wherever it lives."""

    def list(self) -> builtins.list[Backup]:
        """This journal's backups, newest first."""
        ...

    def make(self, kind: BackupKind, target: Path | None = None) -> Path:
        """A backup made now: into the backups folder, or to ``target`` (which must not exist)."""
        ...

    def restore(self, backup: Path, *, other_journal: bool = False) -> RestoreResult:
        """Replace the journal's content with ``backup``, backing the journal up first; a backup
        of another journal only with ``other_journal``. The caller reopens the journal afterwards."""
        ...


class NoBackups:
    """The backups of a journal that has neither a file to put them beside nor a server
    to dump (SQLite in memory): every request is refused, saying so."""

    def __init__(self, location: Location):
        self._location = location

    def list(self) -> builtins.list[Backup]:
        raise self._refused("backups")

    def make(self, kind: BackupKind, target: Path | None = None) -> Path:
        raise self._refused("backups")

    def restore(self, backup: Path, *, other_journal: bool = False) -> RestoreResult:
        raise self._refused("restoring")

    def _refused(self, what: str) -> InvalidInput:
        return InvalidInput(f"{what} is only for journal files and PostgreSQL servers, not for {self._location.display}")


def canonical(text: object) -> str | None:
    """``text`` as a UUID in its one written form, or None: it names a folder, so
    whatever a tampered file holds must never become a path like '../..'."""
    try:
        return str(uuid.UUID(str(text)))
    except ValueError:
        return None


def newest_first(found: list[tuple[int, Backup]]) -> list[Backup]:
    found.sort(key=lambda mb: (mb[1].created_at, mb[0], mb[1].path.name), reverse=True)
    return [b for _, b in found]


def scan(
    folder: Path, *, stem: str | None, before_identity: bool, suffixes: tuple[str, ...] = ("sqlite3",)
) -> list[tuple[int, Backup]]:
    """``suffixes``: a file journal's copies are SQLite files; a server's are SQL dumps or JSON (server/backup.py)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        m = _NAME.match(entry.name)
        if m is None or m["ext"] not in suffixes or (stem is not None and m["stem"] != stem) or not entry.is_file():
            continue
        kind = m["kind"]
        info = entry.stat()
        backup = Backup(
            path=Path(entry.path),
            kind=BackupKind(kind if not kind.startswith("before-migration") else "before-migration"),
            created_at=datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=UTC),
            size=info.st_size,
            from_revision=m["rev"],
            before_identity=before_identity,
        )
        found.append((info.st_mtime_ns, backup))
    return found


def free_name(
    folder: Path, stem: str, kind: BackupKind, now: datetime, suffix: str, *, from_revision: str | None = None
) -> Path:
    """A name in ``folder`` not yet taken, saying whose copy it is, what kind and when made."""
    label = kind.value if kind is not BackupKind.BEFORE_MIGRATION else f"before-migration-from-{from_revision}"
    base = f"{stem}-{label}-{now.astimezone(UTC).strftime(_STAMP)}"
    target = folder / f"{base}.{suffix}"
    n = 2
    while target.exists():
        target = folder / f"{base}-{n}.{suffix}"
        n += 1
    return target


def make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, where the journal's backups folder should be; move it away")
    with disk_errors(folder):
        folder.mkdir(exist_ok=True, mode=0o700)
