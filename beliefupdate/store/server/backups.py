"""The :class:`~beliefupdate.store.backups.Backups` of a journal on a server: snapshots kept
on this computer (backup.py), put back in one transaction on the server (restore.py)."""

from __future__ import annotations

import builtins
from pathlib import Path

from beliefupdate.store.backups import Backup, BackupKind, Opened, RestoreResult
from beliefupdate.store.server.backup import list_server_backups, make_server_backup
from beliefupdate.store.server.restore import restore_on_server


class ServerBackups:
    def __init__(self, journal: Opened):
        # The journal itself, not its engine: a restore opens the journal on a new one.
        self._journal = journal

    def list(self) -> builtins.list[Backup]:
        return list_server_backups(self._journal.engine, self._journal.location)

    def make(self, kind: BackupKind, target: Path | None = None) -> Path:
        return make_server_backup(self._journal.engine, self._journal.location, kind, target=target).path

    def restore(self, backup: Path, *, other_journal: bool = False) -> RestoreResult:
        return restore_on_server(self._journal.engine, self._journal.location, backup, other_journal=other_journal)
