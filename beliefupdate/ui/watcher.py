"""Noticing changes another process (the command line, a second window, another device) makes to the journal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from beliefupdate.store.watch import DataVersion, Notifications, writer_token

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal

POLL_MS = 1000
RECONNECT_MS = 5000


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

    def resume(self) -> None:
        """Nothing to do: a file is there to be read whenever it is."""

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


class ServerWatcher(QObject):
    """Hears the notification every write to a PostgreSQL journal sends (store.watch.Notifications).

    The listening connection's socket wakes the event loop when one arrives: nothing
    is polled, and a change shows within the round trip. Notifications of this
    window's own writes (which it has shown already) name its engine and are left
    out, however late they arrive. A lost connection counts as a change (some may
    have been missed) and is opened again every few seconds.
    """

    changed = Signal()

    def __init__(self, journal: Journal, parent: QObject | None = None, reconnect_ms: int = RECONNECT_MS):
        super().__init__(parent)
        self._journal = journal
        self._source: Notifications | None = Notifications(journal.location.url)
        self._notifier: QSocketNotifier | None = None
        self._retry = QTimer(self)
        self._retry.setInterval(reconnect_ms)
        self._retry.timeout.connect(self._reconnect)
        if self._source.connect():
            self._arm()
        else:
            self._retry.start()

    def _arm(self) -> None:
        assert self._source is not None
        fd = self._source.fileno()
        assert fd is not None  # connected
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.poll)

    def _disarm(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def _reconnect(self) -> None:
        if self._source is not None and self._source.connect():
            self._retry.stop()
            self._arm()
            self.changed.emit()  # whatever was written while it was away

    def sync(self) -> None:
        """Nothing to do: this window's own writes are told apart by their writer."""

    def resume(self) -> None:
        """Listen again now, if the connection was lost, rather than at the next try: the window is
        about to read the journal again in full, so what was missed needs no change of its own."""
        if self._source is not None and not self._source.connected and self._source.connect():
            self._retry.stop()
            self._arm()

    def poll(self) -> bool:
        if self._source is None or not self._source.connected:
            return False
        changed = self._source.pending(ignore=writer_token(self._journal.engine))
        if not self._source.connected:
            self._disarm()
            self._retry.start()
        if changed:
            self.changed.emit()
        return changed

    def close(self) -> None:
        self._retry.stop()
        self._disarm()
        if self._source is not None:
            self._source.close()
            self._source = None
