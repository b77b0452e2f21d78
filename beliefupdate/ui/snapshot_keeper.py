"""Keeping the snapshot the next start paints first (ui.snapshot) as the lists change.

The keeper listens to the session and to the two lists the snapshot holds, so the
window only makes one: whatever changes the lists (a reload, an edit shown in place,
the timeline arriving from the pool) is what makes a snapshot due.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QObject, QThreadPool, QTimer

from beliefupdate.ui import snapshot
from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.models.propositions import PropositionsModel
from beliefupdate.ui.session import JournalSession
from beliefupdate.ui.snapshot import TIMELINE_ROWS

log = logging.getLogger(__name__)

# The snapshot of what the window shows is written this long after the last change (and on
# quit): typing a run of edits writes it once.
SNAPSHOT_DELAY_MS = 2000


def _on_change(model: QAbstractItemModel, slot: Callable[[], None]) -> None:
    """Call ``slot`` after every change to ``model``'s rows, whatever its kind."""
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged):
        signal.connect(lambda *_args: slot())


class SnapshotKeeper(QObject):
    def __init__(self, session: JournalSession, propositions: PropositionsModel, timeline: ConversationsModel,
                 parent: QObject | None = None, *, delay_ms: int = SNAPSHOT_DELAY_MS):
        super().__init__(parent)
        self.session = session
        self.propositions = propositions
        self.timeline = timeline
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.setInterval(delay_ms)
        self._due.timeout.connect(lambda: self._keep(in_background=True))
        # One writer, so snapshots land in the order they were taken (the newest last).
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        # Whether the timeline shows a read of this journal yet: until then no snapshot is kept of it.
        self._timeline_known = False
        session.replacing.connect(self.flush)  # the last moment the lists show the old journal
        session.replaced.connect(self._forget)
        _on_change(propositions, self._later)
        _on_change(timeline, self._timeline_shown)

    @property
    def delay_ms(self) -> int:
        return self._due.interval()

    @delay_ms.setter
    def delay_ms(self, ms: int) -> None:
        self._due.setInterval(ms)

    def _forget(self) -> None:
        self._timeline_known = False  # the timeline shown is the old journal's until it is read again

    def _timeline_shown(self) -> None:
        self._timeline_known = True
        self._later()

    def _keeps(self) -> bool:
        """Whether the session's journal is one a snapshot is kept of: a file, opened (not the snapshot itself)."""
        return not self.session.from_snapshot and self.session.reader.location.path is not None

    def _later(self) -> None:
        if self._keeps():
            self._due.start()

    def flush(self) -> None:
        """Write the snapshot now if one is due, and wait for any being written."""
        if self._due.isActive():
            self._keep(in_background=False)
        self._writer.waitForDone()

    def _keep(self, *, in_background: bool) -> None:
        self._due.stop()
        if not self._timeline_known or not self._keeps():
            return  # not a file, or the timeline was never read: the last snapshot stays as it was
        spec = self.session.reader.location.reopen_spec
        summaries = [r.summary for r in self.propositions.rows()]
        timeline = self.timeline.first(TIMELINE_ROWS)

        def write() -> None:  # the records are immutable: another thread may read them
            try:
                snapshot.write(spec, summaries, timeline)
            except OSError as e:
                log.warning("could not keep a snapshot for the next start: %s", e)

        if in_background:
            self._writer.start(write)  # at 10,000 propositions a write takes a sixth of a second
        else:
            write()
