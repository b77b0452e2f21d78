"""What a history chart shows: the lines of the chosen propositions (lines.py) cut to one time
window, with the conversations marked on it, ready to draw on screen or on paper.

Plain Python, like lines.py: the command line draws from here without NumPy or pyqtgraph.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from beliefupdate.charts.colours import assign_slots
from beliefupdate.charts.lines import (
    ImpliedLine,
    ImpliedSeries,
    Series,
    Track,
    cut,
    cut_implied,
    implied_line,
    track,
)
from beliefupdate.domain.types import Conversation, CruxCredence, Proposition
from beliefupdate.store.reader import JournalReader


def load_tracks(journal: JournalReader, ids: Iterable[str]) -> list[Track]:
    """Fetch the history of each proposition in ``ids`` (in that order)."""
    return [track(proposition, history) for proposition, history in journal.histories(list(ids))]


def palette_slots(journal: JournalReader) -> dict[str, int]:
    """Colour slots for all the journal's propositions (see colours.assign_slots)."""
    return assign_slots(journal.proposition_ids())


def load(
    journal: JournalReader, ids: Iterable[str], start: float | None = None, end: float | None = None, *,
    width_px: float | None = None, margin_px: float = 0.0,
) -> ChartData:
    """``width_px`` and ``margin_px`` as time_window takes them."""
    return chart_data(load_tracks(journal, ids), start, end, palette_slots(journal), width_px=width_px,
                      margin_px=margin_px)


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


IMPLIED_LEGEND = "Dashed: implied by your cruxes, in the colour of the belief"


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


def default_title(propositions: Sequence[Proposition]) -> str:
    """The title an exported chart gets unless one is given."""
    texts = [p.text for p in propositions]
    if 0 < len(texts) <= 3 and sum(len(t) for t in texts) <= 100:
        return " · ".join(texts)
    return "Belief history"
