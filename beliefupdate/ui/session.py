"""The open journal as the whole UI sees it: one session per window.

The session owns the Journal, the undo stack, the watcher that notices other
programs' writes, and a thread pool for slow reads. Views and dialogs receive
the session (never the window) and learn about changes from its signals:
``changed(what)`` names the kinds of record that changed, so each view reloads
only what it shows, and while it is emitted ``touched`` names the records, when
the edit knows them; ``replaced()`` says another journal was opened.

Until the journal is open at start-up the session may hold the snapshot's stand-in
(ui.snapshot): ``reader`` is what the window shows, either of them; ``journal`` is the
Journal itself and raises StillOpening until it is there, so that nothing is written to,
or asked of, a picture.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QUndoStack

from beliefupdate.domain.errors import ServerUnavailable, UserError
from beliefupdate.operations.changes import Done, Operation, What
from beliefupdate.ui.server_away import ServerAway
from beliefupdate.ui.snapshot import SnapshotJournal, StillOpening
from beliefupdate.ui.undo import OperationCommand

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from beliefupdate.store.journal import Journal
    from beliefupdate.ui.reader import WindowReader

log = logging.getLogger(__name__)
T = TypeVar("T")



@dataclass(frozen=True)
class Touched:
    """The records a change touched: ids where the edit knows them, None for "any of that kind"
    (another program's write, an import, a restore, View > Reload)."""

    propositions: frozenset[str] | None = None
    conversations: frozenset[str] | None = None


EVERYTHING = Touched()


def _ids(ids: Iterable[str] | None) -> frozenset[str] | None:
    return None if ids is None else frozenset(ids)


class Watcher(Protocol):
    """Notices writes made to the journal by other programs.

    SQLite's data_version (ui.watcher.JournalWatcher) and PostgreSQL's LISTEN/NOTIFY
    (ui.watcher.ServerWatcher); :func:`watcher_for` chooses.
    """

    @property
    def changed(self) -> SignalInstance:
        """Emitted when something else wrote."""

    def sync(self) -> None:
        """Take the current state as seen (this process just wrote)."""

    def close(self) -> None:
        """Stop watching."""

    def resume(self) -> None:
        """Watch again now if watching had stopped (the journal is about to be read again in full)."""


class Unwatched(QObject):
    """For the stand-in shown until the journal is open (ui.snapshot): there is nothing to watch yet,
    and loading the watchers would load the database library before the first paint."""

    changed = Signal()

    def sync(self) -> None:
        pass

    def close(self) -> None:
        pass

    def resume(self) -> None:
        pass


def watcher_for(journal: Journal | SnapshotJournal, parent: QObject, poll_ms: int | None = None) -> Watcher:
    """``poll_ms``: how often a journal file is looked at (None: ui.watcher.POLL_MS); a server tells instead."""
    if isinstance(journal, SnapshotJournal):
        return Unwatched(parent)
    from beliefupdate.ui.watcher import POLL_MS, JournalWatcher, ServerWatcher

    if journal.engine.dialect.name == "postgresql":
        return ServerWatcher(journal, parent)
    return JournalWatcher(journal.location.path, parent, POLL_MS if poll_ms is None else poll_ms)


class _Bridge(QObject):
    """Carries a pool thread's result to the UI thread (a queued signal)."""

    done = Signal(str, int, object)


class JournalSession(QObject):
    changed = Signal(object)  # What
    replacing = Signal()  # another journal is about to be shown: the last moment to read the old one's state
    replaced = Signal()
    message = Signal(str, int)  # a status-bar message and how long it shows, in ms

    def __init__(self, journal: Journal | SnapshotJournal, parent: QObject | None = None, *,
                 poll_ms: int | None = None):
        """``poll_ms``: how often the watcher looks at a journal file for others' writes (None: its own
        default); tests of such writes set it small so that they wait for the write, not the clock."""
        super().__init__(parent)
        self._journal = journal
        self._poll_ms = poll_ms
        self.undo_stack = QUndoStack(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)  # the timeline and Insights may read at the same time
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._deliver)
        self._latest: dict[str, int] = {}  # per kind of read, the generation whose result is wanted
        self._generation = 0
        self._waiting: dict[int, Callable[[Any], None]] = {}  # each read's own result type
        self.touched = EVERYTHING  # what the change being told of touched
        self.watcher = self._watch(journal)
        self.away = ServerAway(self._probe_server, self._read_again, self)
        self.away.back.connect(self._server_back)

    # -- the journal --------------------------------------------------------

    @property
    def reader(self) -> WindowReader:
        """What the window shows: the journal, or until it is open the snapshot's stand-in."""
        return self._journal

    @property
    def journal(self) -> Journal:
        """The journal itself; StillOpening (a user error: said, never a crash) while the window
        still shows the snapshot it painted first."""
        journal = self._journal
        if isinstance(journal, SnapshotJournal):
            raise StillOpening("the journal is still opening; try again in a moment")
        return journal

    @property
    def from_snapshot(self) -> bool:
        """Whether the journal is not open yet: what is shown comes from the snapshot."""
        return isinstance(self._journal, SnapshotJournal)

    def _watch(self, journal: Journal | SnapshotJournal) -> Watcher:
        watcher = watcher_for(journal, self, self._poll_ms)
        watcher.changed.connect(self._external_change)
        return watcher

    def replace(self, journal: Journal | SnapshotJournal) -> None:
        """Show ``journal`` instead; the old one is closed and its undo history dropped."""
        old = self._journal
        self.replacing.emit()
        self.away.stop()
        self._drain()
        self.watcher.close()
        self.watcher = self._watch(journal)
        self._journal = journal
        self.undo_stack.clear()
        self._latest.clear()  # whatever the old journal was still reading is stale
        self.replaced.emit()
        if old is not journal:
            old.close()

    def written(self, what: What = What.ALL, *, propositions: Iterable[str] | None = None,
                conversations: Iterable[str] | None = None) -> None:
        """Call after this process wrote to the journal; ``propositions`` and ``conversations`` name
        the records it touched (created, changed or deleted) when they are known: views then show
        just those again."""
        self.watcher.sync()
        self._emit(what, Touched(_ids(propositions), _ids(conversations)))

    def _emit(self, what: What, touched: Touched) -> None:
        self.touched = touched
        try:
            self.changed.emit(what)
        finally:
            self.touched = EVERYTHING

    def apply(self, operation: Operation[T]) -> T:
        """Do what the person asked: write it (one transaction), push its undo step, and have the
        views show what it changed. A refused write raises before anything is pushed or shown."""
        done = operation(self.journal)
        self.push(done)
        return done.value

    def push(self, done: Done[Any]) -> None:
        """Make an operation already written one undo step, and show what it changed."""
        if done.undo is not None:
            self.undo_stack.push(OperationCommand(done, self))
        self.written(done.changes.what, propositions=done.changes.propositions,
                     conversations=done.changes.conversations)

    def restored(self) -> None:
        """The journal file was replaced by a backup: no undo step applies to it any more."""
        self.undo_stack.clear()
        self.written(What.ALL)

    def refresh(self) -> None:
        """Show the journal as it is now (View > Reload, or after a write failed halfway)."""
        self._emit(What.ALL, EVERYTHING)

    def _external_change(self) -> None:
        self.say("The journal was changed by another program; showing the latest.", 5000)
        self._emit(What.ALL, EVERYTHING)

    def say(self, text: str, ms: int = 8000) -> None:
        self.message.emit(text, ms)

    # EditContext for undo commands
    def edited(self, what: What = What.ALL, *, propositions: Iterable[str] | None = None,
               conversations: Iterable[str] | None = None) -> None:
        self.written(what, propositions=propositions, conversations=conversations)

    def failed(self, message: str) -> None:
        log.warning("%s", message)
        self.say(message, 15000)

    def unreadable(self, error: UserError) -> None:
        """A read of the journal failed as ``error`` says: what is shown stays as it is. A server
        that cannot be used is said so in one line and read again until it is back."""
        if not isinstance(error, ServerUnavailable):
            self.failed(f"Could not read the journal: {error}")
            return
        if not self.away.away:
            log.warning("the server went away: %s", error)  # once for each time it does, not for each try
        self.away.met(self.reader.location.display)

    def _probe_server(self, done: Callable[[bool], None]) -> None:
        self.read("server", _answers, lambda result: done(result is True))

    def _read_again(self) -> None:
        self.watcher.resume()  # first, so that nothing written between the read and listening is missed
        self.refresh()

    def _server_back(self) -> None:
        log.info("the server is back")
        self.say("The server is back; showing the journal as it is now.", 5000)

    # -- reads on the pool --------------------------------------------------

    def read(self, key: str, fn: Callable[[Journal], T], done: Callable[[T | Exception], None]) -> None:
        """Run ``fn(journal)`` on the pool and hand its result to ``done`` on the UI thread.

        Only the latest read of each ``key`` is delivered: a result that a newer read
        of the same thing (asked for because the journal changed) or another journal
        has made stale is dropped. An exception raised by ``fn`` is handed to ``done``
        as the result; the reader decides what it means. Until the journal is open the
        result is StillOpening.
        """
        self._generation += 1
        generation = self._generation
        self._latest[key] = generation
        self._waiting[generation] = done
        try:
            journal = self.journal
        except StillOpening as e:
            self._deliver(key, generation, e)
            return
        if journal.location.in_memory:
            # An in-memory journal lives on one connection of one thread: read it here.
            # A server is read on the pool like a file: it may answer slowly.
            self._deliver(key, generation, _call(fn, journal))
            return
        bridge = self._bridge

        def work() -> None:
            result = _call(fn, journal)
            with contextlib.suppress(RuntimeError):  # the session is gone; so is whoever asked
                bridge.done.emit(key, generation, result)

        self.pool.start(work)

    def _deliver(self, key: str, generation: int, result: object) -> None:
        done = self._waiting.pop(generation, None)
        if done is None or self._latest.get(key) != generation:
            return
        del self._latest[key]
        done(result)

    def forget(self, key: str) -> None:
        """Drop the read of ``key`` on its way: what it was for is no longer wanted."""
        self._latest.pop(key, None)

    def reading(self, key: str) -> bool:
        """Whether a read of ``key`` is on its way."""
        return key in self._latest

    def _drain(self) -> None:
        self.pool.clear()
        self.pool.waitForDone()

    def close(self) -> None:
        """Stop watching and wait for reads in flight, so the journal can be closed after."""
        self.away.stop()
        self._drain()
        self._latest.clear()
        self._waiting.clear()
        self.watcher.close()


def _answers(journal: Journal) -> bool:
    """Whether the journal's server answers (raises when it does not)."""
    with journal.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    return True


def _call(fn: Callable[[Journal], T], journal: Journal) -> T | Exception:
    try:
        return fn(journal)
    except Exception as e:  # handed to the UI thread, which decides what it means
        return e


def raise_unexpected(result: T | Exception) -> T | UserError:
    """For a reader's ``done``: what was read, or the UserError it met for the caller to report;
    anything else it met is raised here."""
    if isinstance(result, UserError):
        return result
    if isinstance(result, BaseException):
        raise result
    return result
