"""One proposition's line on a history chart, computed from the journal's records without any Qt.

A proposition's history becomes a :class:`Track` once per fetch (tuples of times and
probabilities, with each conversation's before -> after pair found); cut to a time window it is
a :class:`Series`. What a crux link implies is an :class:`ImpliedLine`, cut the same way. Times
are POSIX seconds; a credence holds until the next record, so lines are steps.

Plain Python, no NumPy: exporting a chart from the command line draws from here and importing
NumPy would cost it a tenth of a second. A chart shows a few thousand points at most; the screen
turns them into arrays where pyqtgraph wants them.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from beliefupdate.domain.measures.coherence import ImpliedStep, implied_history
from beliefupdate.domain.types import Conversation, CruxCredence, HistoryEntry, Phase, Proposition

# Credences of exactly 0% or 100% have infinite log-odds; they are drawn at this distance from the edge.
LOG_ODDS_FLOOR = 0.001
LOG_ODDS_LIMIT = math.log(LOG_ODDS_FLOOR / (1 - LOG_ODDS_FLOOR))



def logit(p: float) -> float:
    """Log-odds of ``p``, with 0% and 100% pulled in to the drawable limit."""
    q = min(max(p, LOG_ODDS_FLOOR), 1 - LOG_ODDS_FLOOR)
    return math.log(q / (1 - q))


def from_logit(x: float) -> float:
    # Beyond this exp overflows; the probability is 0 to every digit a float has.
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


@dataclass(frozen=True, eq=False)
class Track:
    """One proposition's whole history as tuples, built once per fetch.

    ``jump_after`` holds, for each conversation with both sides recorded, the
    index of its after in ``entries``; ``jump_before`` the matching before's
    probability.
    """

    proposition: Proposition
    entries: tuple[HistoryEntry, ...]
    times: tuple[float, ...]
    values: tuple[float, ...]
    jump_after: tuple[int, ...]
    jump_before: tuple[float, ...]
    # Records not part of a before -> after pair: check-ins and half-logged conversations.
    lone: tuple[int, ...]
    # For each entry, its index in ``conversations`` (-1 for a check-in).
    conversation_index: tuple[int, ...]
    conversations: tuple[Conversation, ...]
    conversation_handles: tuple[int, ...]
    conversation_times: tuple[float, ...]

    @property
    def id(self) -> str:
        return self.proposition.id

    @property
    def born(self) -> bool:
        """Whether the first record is a conversation's after with no before: a belief formed in it, whose
        line starts there (a before in the same conversation would have come first)."""
        return bool(self.entries) and self.entries[0].credence.phase is Phase.AFTER

    def born_in(self, indices: Iterable[int]) -> list[bool]:
        """Which of ``indices`` (into entries) is the record the belief was born with."""
        born = self.born
        return [born and i == 0 for i in indices]

    # Cached: a redraw cuts the same track again, and these only change with a new fetch.
    @cached_property
    def jump_times(self) -> tuple[float, ...]:
        return tuple(self.times[i] for i in self.jump_after)

    @cached_property
    def jump_values(self) -> tuple[float, ...]:
        return tuple(self.values[i] for i in self.jump_after)


def track(proposition: Proposition, history: Sequence[HistoryEntry]) -> Track:
    """The track of ``history`` (oldest first, as Journal.history returns it)."""
    entries = tuple(history)
    times = tuple(e.credence.recorded_at.timestamp() for e in entries)
    values = tuple(float(e.credence.probability) for e in entries)
    before_of: dict[str, float] = {}
    before_index: dict[str, int] = {}
    afters: list[tuple[int, str]] = []
    conversations: list[Conversation] = []
    code_of: dict[str, int] = {}
    codes = [-1] * len(entries)
    for i, e in enumerate(entries):
        cid = e.credence.conversation_id
        if cid is None:
            continue
        if e.conversation is not None:
            if cid not in code_of:
                code_of[cid] = len(conversations)
                conversations.append(e.conversation)
            codes[i] = code_of[cid]
        if e.credence.phase is Phase.BEFORE:
            before_of[cid] = e.credence.probability
            before_index[cid] = i
        elif e.credence.phase is Phase.AFTER:
            afters.append((i, cid))
    paired = [(i, cid) for i, cid in afters if cid in before_of]
    in_pair = {i for i, _ in paired} | {before_index[cid] for _, cid in paired}
    return Track(
        proposition=proposition,
        entries=entries,
        times=times,
        values=values,
        jump_after=tuple(i for i, _ in paired),
        jump_before=tuple(float(before_of[cid]) for _, cid in paired),
        lone=tuple(i for i in range(len(entries)) if i not in in_pair),
        conversation_index=tuple(codes),
        conversations=tuple(conversations),
        conversation_handles=tuple(c.handle for c in conversations),
        conversation_times=tuple(c.occurred_at.timestamp() for c in conversations),
    )


@dataclass(frozen=True, eq=False)
class Series:
    """A track cut to a window: the step line and which records and jumps fall inside."""

    track: Track
    step_x: list[float]
    step_y: list[float]
    records: range  # indices into track.entries within the window
    jumps: range  # indices into track.jump_after within the window
    lone: tuple[int, ...]  # indices into track.entries within the window

    @property
    def empty(self) -> bool:
        return len(self.step_x) == 0

    @property
    def jump_times(self) -> tuple[float, ...]:
        return self.track.jump_times[self.jumps.start:self.jumps.stop]

    @property
    def jump_before(self) -> tuple[float, ...]:
        return self.track.jump_before[self.jumps.start:self.jumps.stop]

    @property
    def jump_values(self) -> tuple[float, ...]:
        return self.track.jump_values[self.jumps.start:self.jumps.stop]

    @property
    def lone_times(self) -> list[float]:
        return [self.track.times[i] for i in self.lone]

    @property
    def lone_values(self) -> list[float]:
        return [self.track.values[i] for i in self.lone]


def step_line(
    times: Sequence[float], values: Sequence[float], start: float, end: float
) -> tuple[list[float], list[float], int, int] | None:
    """The step line of ``values`` held from each of ``times`` on, cut to [start, end], and the
    range [lo, hi) of the records inside; None when nothing is held in the window."""
    lo = bisect_left(times, start)
    hi = bisect_right(times, end)
    xs = list(times[lo:hi])
    ys = list(values[lo:hi])
    if lo > 0:
        xs.insert(0, float(start))
        ys.insert(0, values[lo - 1])
    if not xs:
        return None
    # Each value is held from its time to the next one's, the last until the end.
    ends = xs[1:]
    ends.append(max(float(end), xs[-1]))
    step_x: list[float] = []
    step_y: list[float] = []
    last = (math.nan, math.nan)
    for x0, x1, y in zip(xs, ends, ys, strict=True):
        # A before equal to the value already held adds a point where the line already is:
        # dropping repeats halves what there is to draw.
        for point in ((x0, y), (x1, y)):
            if point != last:
                step_x.append(point[0])
                step_y.append(point[1])
                last = point
    return step_x, step_y, lo, hi


def cut(t: Track, start: float, end: float) -> Series:
    """The part of ``t`` visible between ``start`` and ``end``.

    The value held at ``start`` (the last record before it) starts the line at
    the left edge; the last value holds until ``end``.
    """
    steps = step_line(t.times, t.values, start, end)
    if steps is None:
        return Series(t, [], [], range(0), range(0), ())
    step_x, step_y, lo, hi = steps
    jumps = range(bisect_left(t.jump_after, lo), bisect_left(t.jump_after, hi))
    return Series(t, step_x, step_y, range(lo, hi), jumps, t.lone[bisect_left(t.lone, lo):bisect_left(t.lone, hi)])


@dataclass(frozen=True, eq=False)
class ImpliedLine:
    """What one crux link implies for B over time (see coherence.implied_history), as times and values."""

    proposition: Proposition  # B, whose colour the dashed line takes
    on: Proposition  # A
    steps: tuple[ImpliedStep, ...]
    times: tuple[float, ...]
    values: tuple[float, ...]

    @property
    def id(self) -> str:
        return self.proposition.id


def implied_line(b: Proposition, a: Proposition, a_history: Sequence[HistoryEntry],
                 conditionals: Iterable[CruxCredence]) -> ImpliedLine:
    steps = tuple(implied_history(((e.credence.recorded_at, e.credence.probability) for e in a_history), conditionals))
    return ImpliedLine(b, a, steps, tuple(s.at.timestamp() for s in steps), tuple(float(s.value) for s in steps))


@dataclass(frozen=True, eq=False)
class ImpliedSeries:
    """An implied line cut to a window: its dashed step line, and which steps fall inside."""

    line: ImpliedLine
    step_x: list[float]
    step_y: list[float]

    def at(self, x: float) -> int | None:
        """The index of the step in effect at time ``x``, or None before the first."""
        i = bisect_right(self.line.times, x) - 1
        return i if i >= 0 and len(self.step_x) and x <= self.step_x[-1] else None


def cut_implied(line: ImpliedLine, start: float, end: float) -> ImpliedSeries:
    steps = step_line(line.times, line.values, start, end)
    if steps is None:
        return ImpliedSeries(line, [], [])
    return ImpliedSeries(line, steps[0], steps[1])
