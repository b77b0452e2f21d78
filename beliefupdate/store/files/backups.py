"""The :class:`~beliefupdate.store.backups.Backups` of a journal file: copies in the backups
folder beside it (backup.py), put back in its place (restore.py)."""

from __future__ import annotations

import builtins
from pathlib import Path

from beliefupdate.store.backups import Backup, BackupKind, Opened, RestoreResult
from beliefupdate.store.files.backup import backup_to, list_backups, make_backup
from beliefupdate.store.files.restore import restore_backup


class FileBackups:
    def __init__(self, journal: Opened):
        self._journal = journal

    @property
    def _path(self) -> Path:
        path = self._journal.location.path
        assert path is not None  # chosen for a journal file only
        return path

    def list(self) -> builtins.list[Backup]:
        return list_backups(self._path)

    def make(self, kind: BackupKind, target: Path | None = None) -> Path:
        if target is None:
            return make_backup(self._path, kind).path
        return backup_to(self._path, target)

    def restore(self, backup: Path, *, other_journal: bool = False) -> RestoreResult:
        path = self._path
        # The journal's own connections let go of the file first: a damaged one is replaced whole.
        self._journal.engine.dispose()
        return restore_backup(path, backup, other_journal=other_journal)
