"""Noticing changes another process (the command line, a second window) makes to the journal file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from beliefupdate.store.watch import DataVersion

POLL_MS = 1000


class JournalWatcher(QObject):
    """Polls the journal's data version (store.watch.DataVersion) on a timer.

    data_version changes whenever another connection commits to the file, so it
    also sees this process's own writes; the window calls :meth:`sync` after
    writing and refreshes itself, and only changes made elsewhere emit ``changed``.
    """

    changed = Signal()

    def __init__(self, path: Path | None, parent: QObject | None = None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self._source: DataVersion | None = None
        self._version: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        if path is not None:
            self._source = DataVersion.open(path)
            if self._source is not None:
                self._version = self._source.current()
        if self._source is not None:
            self._timer.start()

    def _read(self) -> int | None:
        assert self._source is not None
        version = self._source.current()
        return self._version if version is None else version

    def sync(self) -> None:
        """Take the current state as seen (after this process wrote)."""
        if self._source is not None:
            self._version = self._read()

    def poll(self) -> bool:
        if self._source is None:
            return False
        version = self._read()
        if version != self._version:
            self._version = version
            self.changed.emit()
            return True
        return False

    def close(self) -> None:
        self._timer.stop()
        if self._source is not None:
            self._source.close()
            self._source = None
