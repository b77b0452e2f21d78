"""Noticing changes another process (the command line, a second window) makes to the journal file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

POLL_MS = 1000


class JournalWatcher(QObject):
    """Polls SQLite's ``PRAGMA data_version`` on a connection of its own.

    data_version changes whenever another connection commits to the file, so it
    also sees this process's own writes; the window calls :meth:`sync` after
    writing and refreshes itself, and only changes made elsewhere emit ``changed``.
    """

    changed = Signal()

    def __init__(self, path: Path | None, parent: QObject | None = None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        if path is not None:
            try:
                # mode=rw: never create a file that is not there.
                self._conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, isolation_level=None, timeout=0.2)
                self._version = self._read()
            except sqlite3.Error:
                self._conn = None
        if self._conn is not None:
            self._timer.start()

    @property
    def active(self) -> bool:
        return self._conn is not None

    def _read(self) -> int | None:
        assert self._conn is not None
        try:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return self._version

    def sync(self) -> None:
        """Take the current state as seen (after this process wrote)."""
        if self._conn is not None:
            self._version = self._read()

    def poll(self) -> bool:
        if self._conn is None:
            return False
        version = self._read()
        if version != self._version:
            self._version = version
            self.changed.emit()
            return True
        return False

    def close(self) -> None:
        self._timer.stop()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
