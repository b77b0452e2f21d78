"""How a window waits for a server that is away: one line, and tries that come later each time it is still away."""

from __future__ import annotations

import re

import pytest

from beliefupdate.ui.server_away import ServerAway

pytestmark = pytest.mark.server


class Server:
    """Stands in for the reads a window makes: whether the server answers, and whether a full read gets through."""

    def __init__(self):
        self.answers = False
        self.reads_through = True
        self.reads = 0
        self.away: ServerAway | None = None

    def probe(self, done) -> None:
        done(self.answers)

    def read_everything(self) -> None:
        self.reads += 1
        if not self.reads_through:
            assert self.away is not None
            self.away.met("journal")


def waiting(qtbot):
    server = Server()
    away = ServerAway(server.probe, server.read_everything)
    server.away = away
    notices: list[str] = []
    away.notice.connect(notices.append)
    return server, away, notices


def next_try(away: ServerAway) -> None:
    """The moment the line said comes (its timer fires)."""
    assert away._timer.isActive()
    away._timer.stop()  # as a single-shot timer is once it has fired
    away._timer.timeout.emit()


def waits(notices: list[str]) -> list[int]:
    return [int(re.search(r"trying again in (\d+) s", n).group(1)) for n in notices if n]


def test_each_try_that_fails_waits_twice_as_long_up_to_half_a_minute(qtbot):
    server, away, notices = waiting(qtbot)
    away.met("postgresql://me:***@db/journal")
    away.met("postgresql://me:***@db/journal")  # more reads meeting it meanwhile change nothing
    for _ in range(7):
        next_try(away)
    assert waits(notices) == [1, 2, 4, 8, 16, 30, 30, 30]
    assert all(n.startswith("Cannot reach the server holding postgresql://me:***@db/journal: ") for n in notices)
    assert server.reads == 0  # nothing is read again while the server does not answer


def test_when_the_server_answers_everything_is_read_again_and_the_line_goes(qtbot):
    server, away, notices = waiting(qtbot)
    backs = []
    away.back.connect(lambda: backs.append(True))
    away.met("journal")
    next_try(away)
    server.answers = True
    next_try(away)
    assert server.reads == 1 and notices[-1] == "" and backs == [True] and not away.away
    assert not away._timer.isActive()
    away.met("journal")  # away again later: from a second again
    assert waits(notices)[-1] == 1


def test_a_read_that_meets_the_server_away_again_after_it_answered_waits_longer(qtbot):
    server, away, notices = waiting(qtbot)
    away.met("journal")
    server.answers, server.reads_through = True, False
    next_try(away)
    assert server.reads == 1 and waits(notices) == [1, 2] and away.away


def test_another_journal_shown_ends_the_wait(qtbot):
    _server, away, notices = waiting(qtbot)
    away.met("journal")
    away.stop()
    assert notices[-1] == "" and not away.away and not away._timer.isActive()
