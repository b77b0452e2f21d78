"""While the server holding the journal cannot be used: what the window says, and when it reads again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

FIRST_RETRY_MS = 1000
LONGEST_RETRY_MS = 30000


class ServerAway(QObject):
    """A read that meets a server that cannot be used (restarting, a network blip) leaves what the
    window shows as it is. This says so in one line and reads everything again later, waiting
    twice as long after each try that fails (up to half a minute), until one gets through.

    Each try first asks ``probe(done)`` whether the server answers, off the UI thread (a host
    that has gone from the network takes seconds to fail); ``done(True)`` once it does. Then
    ``retry()`` reads everything again; a read that meets the server away during it calls
    :meth:`met`, which is how a try is known to have failed after all.
    """

    notice = Signal(str)  # the line to show while the server is away; "" once it is back
    back = Signal()

    def __init__(self, probe: Callable[[Callable[[bool], None]], None], retry: Callable[[], None],
                 parent: QObject | None = None,
                 first_ms: int = FIRST_RETRY_MS, longest_ms: int = LONGEST_RETRY_MS):
        super().__init__(parent)
        self._probe, self._retry = probe, retry
        self._first_ms, self._longest_ms = first_ms, longest_ms
        self._delay_ms = first_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._try_again)
        self._where = ""
        self._away = False
        self._probing = False
        self._trying = False
        self._met_again = False

    @property
    def away(self) -> bool:
        return self._away

    def met(self, where: str) -> None:
        """A read of the journal at ``where`` (masked) met the server away."""
        self._where = where
        if self._trying:
            self._met_again = True  # the try going on has failed: it waits longer when it is over
        elif not self._timer.isActive() and not self._probing:
            self._wait()

    def _wait(self) -> None:
        self._away = True
        seconds = max(1, round(self._delay_ms / 1000))
        self.notice.emit(f"Cannot reach the server holding {self._where}: showing the journal as last read; "
                         f"trying again in {seconds} s")
        self._timer.start(self._delay_ms)
        self._delay_ms = min(self._delay_ms * 2, self._longest_ms)

    def _try_again(self) -> None:
        self._probing = True
        self._probe(self._probed)

    def _probed(self, answers: bool) -> None:
        if not self._probing:
            return  # stopped meanwhile
        self._probing = False
        if not answers:
            self._wait()
            return
        self._met_again = False
        self._trying = True
        try:
            self._retry()
        finally:
            self._trying = False
        if self._met_again:
            self._wait()
        elif self._away:
            self._away = False
            self._delay_ms = self._first_ms
            self.notice.emit("")
            self.back.emit()

    def stop(self) -> None:
        """Another journal is shown, or none: whatever this one's server does is no longer news."""
        self._timer.stop()
        self._probing = False
        self._delay_ms = self._first_ms
        if self._away:
            self._away = False
            self.notice.emit("")


def notice_line(away: ServerAway, bar: QStatusBar) -> QLabel:
    """The status bar's line for what ``away`` says: a line of its own, so that other messages
    coming and going do not hide it while the server is away."""
    label = QLabel()
    label.setAccessibleName("Server status")
    label.hide()
    bar.addPermanentWidget(label, 1)

    def show(text: str) -> None:
        label.setText(text)
        label.setToolTip(text)
        label.setVisible(bool(text))

    away.notice.connect(show)
    return label
