"""What a history chart shows, computed from the journal's records without any Qt.

A proposition's history becomes a :class:`Track` once per fetch (tuples of
times and probabilities, with each conversation's before -> after pair found);
a :class:`ChartData` is the tracks cut to a time window, ready to draw on
screen or on paper. Times are POSIX seconds; a credence holds until the next
record, so lines are steps.

Plain Python, no NumPy: exporting a chart from the command line draws from here
and importing NumPy would cost it a tenth of a second. A chart shows a few
thousand points at most; the screen turns them into arrays where pyqtgraph wants them.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from beliefupdate.charts.colours import assign_slots
from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.measures.coherence import ImpliedStep, implied_history
from beliefupdate.domain.measures.evidence import format_evidence
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import Conversation, CruxCredence, HistoryEntry, KIND_NAMES, Phase, Proposition
from beliefupdate.store.reader import JournalReader

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


def load_tracks(journal: JournalReader, ids: Iterable[str]) -> list[Track]:
    """Fetch the history of each proposition in ``ids`` (in that order)."""
    return [track(proposition, history) for proposition, history in journal.histories(list(ids))]


def palette_slots(journal: JournalReader) -> dict[str, int]:
    """Colour slots for all the journal's propositions (see colours.assign_slots)."""
    return assign_slots(journal.proposition_ids())


def load(journal: JournalReader, ids: Iterable[str], start: float | None = None, end: float | None = None, **window) -> ChartData:
    """``window``: width_px and margin_px, as time_window takes them."""
    return chart_data(load_tracks(journal, ids), start, end, palette_slots(journal), **window)


@dataclass(frozen=True)
class Marker:
    """A conversation on the time axis."""

    conversation: Conversation
    at: float

    @property
    def label(self) -> str:
        return conversation_label(self.conversation)


def conversation_label(conversation: Conversation) -> str:
    """What a marker says: the title, with the person when the title does not already name them."""
    title = conversation.title
    person = conversation.person_name
    if person and person.casefold() not in title.casefold():
        return f"{title} ({person})"
    return title


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


def _steps(times: Sequence[float], values: Sequence[float], start: float, end: float):
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
    steps = _steps(t.times, t.values, start, end)
    if steps is None:
        return Series(t, [], [], range(0), range(0), ())
    step_x, step_y, lo, hi = steps
    jumps = range(bisect_left(t.jump_after, lo), bisect_left(t.jump_after, hi))
    return Series(t, step_x, step_y, range(lo, hi), jumps, t.lone[bisect_left(t.lone, lo):bisect_left(t.lone, hi)])


IMPLIED_LEGEND = "Dashed: implied by your cruxes, in the colour of the belief"


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


def load_implied(journal: JournalReader, ids: Iterable[str]) -> list[ImpliedLine]:
    """The implied line of every crux link on which one of ``ids`` depends, in the order of ``ids``.

    Two reads however many links there are: the links, then the histories of every proposition
    on either end of them at once.
    """
    ids = list(ids)
    cruxes = journal.cruxes(ids)
    links = [link for pid in ids for link in cruxes.crux_links if link.proposition_id == pid]
    if not links:
        return []
    wanted = dict.fromkeys(pid for link in links for pid in (link.proposition_id, link.on_id))
    read = {proposition.id: (proposition, history) for proposition, history in journal.histories(list(wanted))}
    conditionals: dict[str, list[CruxCredence]] = {}
    for c in cruxes.crux_credences:
        conditionals.setdefault(c.link_id, []).append(c)
    return [implied_line(read[link.proposition_id][0], *read[link.on_id], conditionals.get(link.id, ()))
            for link in links]


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
    steps = _steps(line.times, line.values, start, end)
    if steps is None:
        return ImpliedSeries(line, [], [])
    return ImpliedSeries(line, steps[0], steps[1])


@dataclass(frozen=True, eq=False)
class ChartData:
    """Everything one chart shows: series, conversation markers and the time window."""

    series: tuple[Series, ...]
    markers: tuple[Marker, ...]
    start: float
    end: float
    record_count: int = 0
    # Palette slot of each proposition, from colours.assign_slots over the whole journal.
    slots: Mapping[str, int] = field(default_factory=dict)
    implied: tuple[ImpliedSeries, ...] = ()  # dashed: what cruxes imply for the propositions shown

    @property
    def has_data(self) -> bool:
        """Whether any credence was recorded inside the window (held values alone do not count)."""
        return self.record_count > 0

    @property
    def propositions(self) -> tuple[Proposition, ...]:
        return tuple(s.track.proposition for s in self.series)


def data_span(tracks: Sequence[Track]) -> tuple[float, float] | None:
    """First and last record time over ``tracks``, or None when they have no records."""
    firsts = [t.times[0] for t in tracks if len(t.times)]
    if not firsts:
        return None
    return float(min(firsts)), float(max(t.times[-1] for t in tracks if len(t.times)))


def arrow_margin_px(propositions: int, side_px: float, head_half_px: float) -> float:
    """How far from its time the outermost arrow of a conversation reaches, plus a gap, in pixels.

    When ``propositions`` move in one conversation their arrows stand ``side_px`` apart
    (see side_by_side); each head is ``head_half_px`` wide on either side.
    """
    return max(propositions - 1, 0) / 2 * side_px + head_half_px + 2 * side_px


def time_window(
    span: tuple[float, float] | None,
    start: float | None = None,
    end: float | None = None,
    *,
    width_px: float | None = None,
    margin_px: float = 0.0,
    now: float | None = None,
) -> tuple[float, float]:
    """The time window a chart shows: ``start`` and ``end`` where given, otherwise the records
    in ``span`` with room around them.

    The room is 3% of the span and at least an hour, so the first and last records are not
    glued to the frame; on a plot ``width_px`` wide it is also at least ``margin_px`` pixels,
    so arrows drawn a few pixels wide (and side by side) stay whole. The screen and the
    exported picture both take their window from here.
    """
    if span is None:
        now = datetime.now().timestamp() if now is None else now
        lo = start if start is not None else (end if end is not None else now) - 86400
        return lo, end if end is not None else max(now, lo + 3600)
    first, last = span
    inner = max((end if end is not None else last) - (start if start is not None else first), 0.0)
    pad = max(max(inner, 12 * 3600.0) * 0.03, 3600.0)
    if width_px and margin_px > 0:
        sides = (start is None) + (end is None)
        free_px = width_px - sides * margin_px
        # A plot too narrow for its margins gets a third of its width as room, on each padded side.
        pixel_pad = margin_px * inner / free_px if free_px > width_px / 3 else inner
        pad = max(pad, pixel_pad)
    lo = start if start is not None else first - pad
    hi = end if end is not None else max(last + pad, lo + 3600)
    return lo, hi


def chart_data(
    tracks: Sequence[Track],
    start: float | None = None,
    end: float | None = None,
    slots: Mapping[str, int] | None = None,
    *,
    width_px: float | None = None,
    margin_px: float = 0.0,
    implied: Sequence[ImpliedLine] = (),
) -> ChartData:
    """Cut ``tracks`` (and the ``implied`` lines) to [start, end]; a missing bound comes from the
    tracks' data (see time_window)."""
    lo, hi = time_window(data_span(tracks), start, end, width_px=width_px, margin_px=margin_px)
    series = tuple(cut(t, lo, hi) for t in tracks)
    return ChartData(series, markers(series), lo, hi, sum(len(s.records) for s in series), dict(slots or {}),
                     tuple(cut_implied(line, lo, hi) for line in implied))


def markers(series: Iterable[Series]) -> tuple[Marker, ...]:
    """The conversations behind the records inside the window, once each, in time order."""
    # Conversations are shared between propositions: each handle once (as the first series
    # met it), ordered by time, then handle.
    first: dict[int, Marker] = {}
    for s in series:
        t = s.track
        index = t.conversation_index
        for c in sorted({index[i] for i in s.records} - {-1}):
            handle = t.conversation_handles[c]
            if handle not in first:
                first[handle] = Marker(t.conversations[c], t.conversation_times[c])
    return tuple(first[h] for h in sorted(first, key=lambda h: (first[h].at, h)))


def spaced(positions: Sequence[float], gap: float) -> list[int]:
    """Indices of ``positions`` (ascending) kept so that no two are closer than ``gap``.

    Conversation markers denser than pixels would merge into a grey band; one line per
    ``gap`` says as much.
    """
    kept: list[int] = []
    last = -math.inf
    for i, x in enumerate(positions):
        if x - last >= gap:
            kept.append(i)
            last = x
    return kept


def side_by_side(data: ChartData) -> list[list[float]]:
    """For each series, a slot per jump in the window: where several propositions jump at the same
    moment (one conversation), their arrows stand side by side, -0.5, +0.5 or -1, 0, +1 arrow widths."""
    times = [s.jump_times for s in data.series]
    sizes = Counter(x for ts in times for x in ts)
    slots = [[0.0] * len(ts) for ts in times]
    taken: Counter[float] = Counter()
    # Within a moment, the first series shown stands leftmost.
    for x, k, j in sorted((x, k, j) for k, ts in enumerate(times) for j, x in enumerate(ts)):
        slots[k][j] = taken[x] - (sizes[x] - 1) / 2
        taken[x] += 1
    return slots


# -- what hovering says -------------------------------------------------------



def jump_text(t: Track, jump: int) -> str:
    """Tooltip for a before -> after jump: proposition, conversation, person, change."""
    entry = t.entries[int(t.jump_after[jump])]
    before, after = float(t.jump_before[jump]), entry.credence.probability
    lines = [t.proposition.text]
    conv = entry.conversation
    if conv is not None:
        lines.append(_conversation_line(conv))
        if conv.person_name:
            lines.append(f"with {conv.person_name}")
    lines.append(f"{format_credence(before)} → {format_credence(after)} ({format_change(after - before)})")
    if after != before:
        lines[-1] += f": {format_evidence(before, after, ratio_prefix='implied likelihood ratio ')}"
    lines.append(format_local(entry.credence.recorded_at))
    if entry.credence.note:
        lines.append(entry.credence.note)
    return "\n".join(lines)


def record_text(t: Track, index: int) -> str:
    """Tooltip for a single record (a check-in, or one side of an unfinished conversation)."""
    entry = t.entries[int(index)]
    c = entry.credence
    lines = [t.proposition.text]
    if entry.conversation is not None:
        lines.append(_conversation_line(entry.conversation))
        if entry.conversation.person_name:
            lines.append(f"with {entry.conversation.person_name}")
        side = "before" if c.phase is Phase.BEFORE else "after"
        if index == 0 and t.born:
            side = "new belief, first thought of here"
        lines.append(f"{side}: {format_credence(c.probability)}")
    else:
        lines.append(f"check-in: {format_credence(c.probability)}")
    if index > 0:
        lines[-1] += f" ({format_change(c.probability - float(t.values[index - 1]))} since the previous record)"
    lines.append(format_local(c.recorded_at))
    if c.note:
        lines.append(c.note)
    return "\n".join(lines)


def implied_text(line: ImpliedLine, step: int) -> str:
    """Tooltip for the dashed line: what the crux implies there, and how."""
    st = line.steps[step]
    return "\n".join((
        line.proposition.text,
        f"implied by your cruxes: {format_credence(st.value)} ({st.arithmetic()})",
        f"depends on #{line.on.handle} {line.on.text}",
        f"from {format_local(st.at)}",
    ))


def _conversation_line(conv: Conversation) -> str:
    return f"{conv.title} ({KIND_NAMES[conv.kind]}, #{conv.handle})"


def default_title(propositions: Sequence[Proposition]) -> str:
    """The title an exported chart gets unless one is given."""
    texts = [p.text for p in propositions]
    if 0 < len(texts) <= 3 and sum(len(t) for t in texts) <= 100:
        return " · ".join(texts)
    return "Belief history"
