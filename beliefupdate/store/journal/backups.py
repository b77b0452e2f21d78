"""The Journal's backups: each request handed to the file's or the server's Backups, chosen once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from beliefupdate.store.backups import Backup, BackupKind, Backups, NoBackups, Opened, RestoreResult
from beliefupdate.store.engine import writer
from beliefupdate.store.journal.core import JournalCore
from beliefupdate.store.location import Location


def _backups_of(journal: Opened) -> Backups:
    """Where a journal's backups are made, listed and restored from, chosen once, when it opens."""
    if journal.location.path is None and journal.engine.dialect.name == "postgresql":
        from beliefupdate.store.server.backups import ServerBackups

        return ServerBackups(journal)
    if journal.location.path is not None:
        from beliefupdate.store.files.backups import FileBackups

        return FileBackups(journal)
    return NoBackups(journal.location)


class BackupsMixin(JournalCore):
    """Backups, made, listed and restored through the :class:`Backups` chosen when the journal opens."""

    _backups: Backups

    def __init__(self, engine: Engine, location: Location):
        super().__init__(engine, location)
        self._backups = _backups_of(self)

    def backups(self) -> list[Backup]:
        """This journal's backups, newest first."""
        return self._backups.list()

    def back_up(self, target: Path | None = None) -> Path:
        """A backup made now: into the backups folder, or to ``target`` (which must not exist)."""
        return self._backups.make(BackupKind.MANUAL, target)

    def restore(self, backup: Path, *, other_journal: bool = False) -> RestoreResult:
        """Replace the journal's content with ``backup`` (backing the journal up first);
        a backup of another journal only with ``other_journal``.

        The Journal stays usable and shows the restored content; anything derived
        from it (lists, charts, undo history) should be fetched again.
        """
        from beliefupdate.store.opening import open_engine

        result = self._backups.restore(Path(backup), other_journal=other_journal)
        self.engine.dispose()
        self.engine = open_engine(self.location)
        self._writer = writer(self.engine)
        return result
