"""One table model per Insights table, over the plain rows of :mod:`.data`.

The models sort themselves (``sort``), on each column's raw value: a proxy's
Python ``lessThan`` takes seconds over the ten thousand rows of a big journal,
a key sort takes milliseconds. Missing values sort first, as in the main lists.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.measures import format_bits
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import Kind
from beliefupdate.ui.insights.data import (
    BinRow,
    ConversationDrift,
    PredictionRow,
    PropositionDrift,
    ReactionRow,
    ScoreRow,
)
from beliefupdate.ui.evidence import evidence_of
from beliefupdate.ui.models.base import SORT_ROLE, RowsModel
from beliefupdate.ui.models.conversations import KIND_LABELS
from beliefupdate.ui.models.propositions import FALL, RISE

DASH = "—"
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Target:
    """What a row stands for in the main window."""

    conversation_id: str | None = None
    proposition_ids: tuple[str, ...] = ()


# -- formatting ---------------------------------------------------------------


def percent(p: float | None) -> str:
    return DASH if p is None else format_credence(p)


def points(d: float | None) -> str:
    return DASH if d is None else format_change(d)


def abs_points(d: float | None) -> str:
    """A size in points, without a sign: '4.5 pp'."""
    return DASH if d is None else f"{abs(d) * 100:.1f}".removesuffix(".0") + " pp"


def total_bits(b: float | None) -> str:
    return DASH if b is None else f"{b:.1f} bits"


def signed(x: float | None, digits: int = 3) -> str:
    if x is None:
        return DASH
    text = f"{x:+.{digits}f}"
    if float(text) == 0:
        return f"{0:.{digits}f}"
    return text.replace("-", "−")


def share(x: float | None) -> str:
    """A fraction as a whole percentage that may leave 0..100%: '67%', '130%', '−20%'."""
    return DASH if x is None else f"{x * 100:.0f}%".replace("-", "−")


def log_bits(x: float | None) -> str:
    if x is None:
        return DASH
    if math.isinf(x):
        return "−∞ (certain, wrong)"
    return f"{x:.2f} bits".replace("-", "−")


def kind_label(value: str | None) -> str:
    try:
        return KIND_LABELS[Kind(value)]
    except ValueError:
        return value or ""


def day(at) -> str:
    return format_local(at)[:10]


# -- the base -----------------------------------------------------------------


class InsightModel(RowsModel):
    """Subclasses give COLUMNS, TIPS (one per column), NUMERIC columns, and the per-row functions."""

    TIPS: tuple[str, ...] = ()
    NUMERIC: frozenset[int] = frozenset()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def display(self, row, column: int) -> str:
        raise NotImplementedError

    def sort_key(self, row, column: int) -> Any:
        raise NotImplementedError

    def tooltip(self, row, column: int) -> str | None:
        return None

    def colour(self, row, column: int):
        return None

    def target(self, row) -> Target | None:
        return None

    def cell(self, row, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display(row, column)
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.TIPS):
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.TIPS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC:
                return RIGHT
        return super().headerData(section, orientation, role)

    def target_at(self, row: int) -> Target | None:
        return self.target(self._rows[row]) if 0 <= row < len(self._rows) else None

    # -- sorting ------------------------------------------------------------

    def set_rows(self, rows) -> None:
        rows = list(rows)
        if self._sort is not None:
            rows = self._sorted(rows, *self._sort)
        super().set_rows(rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in before]
        self._rows = self._sorted(self._rows, column, order)
        position = {id(r): i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(position[id(r)], i.column()) for r, i in zip(old_rows, before, strict=True)]
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list, column: int, order: Qt.SortOrder) -> list:
        def key(row):
            value = self.sort_key(row, column)
            if value is None:
                return (0, 0)
            if isinstance(value, str):
                return (1, value.casefold())
            return (1, value)

        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)


# -- the tables ---------------------------------------------------------------


class ConversationMovementModel(InsightModel):
    WHEN, TITLE, PERSON, KIND, MOVED, BITS, CERTAIN, BIGGEST = range(8)
    COLUMNS = ("Date", "Conversation", "With", "Kind", "Moved", "Evidence", "Certain", "Biggest mover")
    TIPS = (
        "When it took place (local time)",
        "The conversation, paper or chat",
        "Who it was with",
        "What kind of source it was",
        "Propositions whose after differs from their before, of those with both",
        "Total movement: |bits| summed over its updates; one bit doubles or halves the odds",
        "Updates to or from 0% or 100%: infinitely strong, counted here and left out of the bits",
        "The update with the most evidence in bits (a certain one beats any finite one)",
    )
    NUMERIC = frozenset({MOVED, BITS, CERTAIN})

    def row_id(self, row) -> str:
        return row.conversation_id

    def display(self, m, column: int) -> str:
        if column == self.WHEN:
            return day(m.occurred_at)
        if column == self.TITLE:
            return m.title
        if column == self.PERSON:
            return m.person_name or ""
        if column == self.KIND:
            return KIND_LABELS[m.kind]
        if column == self.MOVED:
            return f"{m.moved} of {m.updates}" if m.updates else DASH
        if column == self.BITS:
            return total_bits(m.total_bits) if m.updates > m.infinite else DASH
        if column == self.CERTAIN:
            return str(m.infinite) if m.infinite else ""
        b = m.biggest
        if b is None:
            return "nothing moved" if m.updates else "no afters yet"
        s = b.size
        return f"#{b.proposition_handle} {format_credence(s.before)} → {format_credence(s.after)}  {evidence_of(s)}"

    def sort_key(self, m, column: int) -> Any:
        if column == self.WHEN:
            return m.occurred_at
        if column == self.BITS:
            return m.total_bits if m.updates > m.infinite else None
        if column == self.BIGGEST:
            return abs(m.biggest.size.bits) if m.biggest else None
        if column == self.KIND:
            return KIND_LABELS[m.kind]
        return (None, m.title, m.person_name or "", None, m.moved, None, m.infinite, None)[column]

    def tooltip(self, m, column: int) -> str | None:
        if column == self.WHEN:
            return format_local(m.occurred_at)
        if column == self.BIGGEST and m.biggest is not None:
            b = m.biggest
            return f"#{b.proposition_handle} {b.proposition_text}\n{format_change(b.size.change)}"
        if column == self.TITLE:
            return m.title
        return None

    def colour(self, m, column: int):
        if column == self.BIGGEST and m.biggest is not None:
            return RISE if m.biggest.size.change > 0 else FALL
        return None

    def target(self, m) -> Target:
        return Target(conversation_id=m.conversation_id)


class SourcesModel(InsightModel):
    """Who (or what kind of source) moves you most; ``by`` is "person" or "kind"."""

    RANK, LABEL, CONVERSATIONS, AVERAGE, TOTAL, MOVED, CERTAIN, CONSISTENCY = range(8)
    NUMERIC = frozenset({RANK, CONVERSATIONS, AVERAGE, TOTAL, MOVED, CERTAIN})

    def __init__(self, by: str = "person", parent=None):
        super().__init__(parent)
        self.by = by
        first = "Person" if by == "person" else "Kind"
        self.COLUMNS = ("Rank", first, "Conversations", "Average", "Total", "Moved", "Certain", "Same way")
        self.TIPS = (
            "1 moves you most: by average evidence per conversation, then by certain updates, then by number",
            "Conversations with no person named form a row of their own" if by == "person" else "The kind of source",
            "Conversations from this source",
            "Average movement: bits per conversation that had a finite update",
            "All the bits its conversations moved you",
            "Updates that moved, of all its before → after pairs",
            "Updates to or from 0% or 100%, counted apart from the bits",
            "Direction consistency: on each proposition it moved twice or more, the share of moves in its usual "
            "direction (50% no pattern, 100% always the same way)",
        )

    def row_id(self, row) -> str:
        return row.key or ""

    def _label(self, r) -> str:
        if self.by == "kind":
            return kind_label(r.key)
        return f"({r.label})" if r.key is None else r.label

    def display(self, r, column: int) -> str:
        if column == self.RANK:
            return str(r.rank)
        if column == self.LABEL:
            return self._label(r)
        if column == self.CONVERSATIONS:
            return str(r.conversations)
        if column == self.AVERAGE:
            return total_bits(r.mean_bits)
        if column == self.TOTAL:
            return total_bits(r.total_bits) if r.measured else DASH
        if column == self.MOVED:
            return f"{r.moved} of {r.updates}" if r.updates else DASH
        if column == self.CERTAIN:
            return str(r.infinite) if r.infinite else ""
        if r.consistency is None:
            return DASH
        return f"{share(r.consistency)} ({r.consistency_pairs} prop.)"

    def sort_key(self, r, column: int) -> Any:
        return (r.rank, self._label(r), r.conversations, r.mean_bits, r.total_bits if r.measured else None,
                r.moved, r.infinite, r.consistency)[column]

    def tooltip(self, r, column: int) -> str | None:
        if column == self.CONSISTENCY:
            if r.consistency is None:
                return "No proposition was moved twice by this source, so there is no direction to be consistent in."
            n = r.consistency_pairs
            return f"Over {n} proposition{'s' if n != 1 else ''} it moved at least twice."
        if column == self.LABEL and self.by == "person" and r.key is None:
            return "Conversations logged without a person"
        return None


class PropositionDriftModel(InsightModel):
    HANDLE, TEXT, STUCK, STRETCHES, MEAN, TOTAL = range(6)
    COLUMNS = ("#", "Proposition", "Stuck", "Stretches", "Mean drift", "Total drift")
    TIPS = (
        "The proposition's number",
        "The proposition",
        "How much of its conversations' updates was still there later, weighted by size: 100% all of it, "
        "0% back where it started, above 100% kept going, below 0% swung back past it",
        "Stretches from a conversation's after to the next conversation's before (or the last check-in)",
        "Mean size of the drift per stretch, in points, either way",
        "All its drift added up, in points, either way",
    )
    NUMERIC = frozenset({HANDLE, STRETCHES, MEAN, TOTAL, STUCK})

    def row_id(self, row: PropositionDrift) -> str:
        return row.proposition.id

    def display(self, r: PropositionDrift, column: int) -> str:
        d = r.drift
        return (str(r.proposition.handle), r.proposition.text, share(d.retained), str(d.segments),
                abs_points(d.mean_abs_drift), abs_points(d.total_abs_drift))[column]

    def sort_key(self, r: PropositionDrift, column: int) -> Any:
        d = r.drift
        return (r.proposition.handle, r.proposition.text, d.retained, d.segments, d.mean_abs_drift,
                d.total_abs_drift)[column]

    def tooltip(self, r: PropositionDrift, column: int) -> str | None:
        if column == self.TEXT:
            return r.proposition.text
        if column == self.STUCK:
            return _stuck_tip(r.drift)
        return None

    def target(self, r: PropositionDrift) -> Target:
        return Target(proposition_ids=(r.proposition.id,))


def _stuck_tip(d) -> str:
    if d.retained is None:
        return "No update to compare: the conversation had no before, or did not move you."
    n = d.retained_updates
    return f"Over {n} update{'s' if n != 1 else ''}."


class ConversationDriftModel(InsightModel):
    WHEN, TITLE, PERSON, STUCK, STRETCHES, MEAN = range(6)
    COLUMNS = ("Date", "Conversation", "With", "Stuck", "Stretches", "Mean drift")
    TIPS = (
        "When the conversation took place",
        "The conversation whose afters start the drift",
        "Who it was with",
        "How much of its update was still there at the next conversation (or last check-in): "
        "100% all of it, 0% none",
        "Propositions it updated that have a later credence",
        "Mean size of the drift after it, in points, either way",
    )
    NUMERIC = frozenset({STRETCHES, MEAN, STUCK})

    def row_id(self, row: ConversationDrift) -> str:
        return row.conversation.id

    def display(self, r: ConversationDrift, column: int) -> str:
        c, d = r.conversation, r.drift
        return (day(c.occurred_at), c.title, c.person_name or "", share(d.retained), str(d.segments),
                abs_points(d.mean_abs_drift))[column]

    def sort_key(self, r: ConversationDrift, column: int) -> Any:
        c, d = r.conversation, r.drift
        return (c.occurred_at, c.title, c.person_name or "", d.retained, d.segments, d.mean_abs_drift)[column]

    def tooltip(self, r: ConversationDrift, column: int) -> str | None:
        if column == self.STUCK:
            return _stuck_tip(r.drift)
        if column == self.TITLE:
            return r.conversation.title
        return None

    def target(self, r: ConversationDrift) -> Target:
        return Target(conversation_id=r.conversation.id)


class PredictionsModel(InsightModel):
    WHEN, TITLE, PROPOSITION, BEFORE, EXPECTED, AFTER, MOVE, LANDED, SURPRISE, ADVICE = range(10)
    COLUMNS = ("Date", "Conversation", "Proposition", "Before", "Expected", "After", "Expected move", "Landed",
               "Surprise", "What it means")
    TIPS = (
        "When the conversation took place",
        "The conversation",
        "The proposition you predicted your after for",
        "Your credence before",
        "The after you expected when you gave the before",
        "The after you actually gave",
        "Expected after minus before: a coherent forecaster expects 0 (an expected move is a move you could make now)",
        "Actual after minus expected after: how far reality landed from your prediction",
        "The same gap as evidence, in bits",
        "What the prediction says",
    )
    NUMERIC = frozenset({BEFORE, EXPECTED, AFTER, MOVE, LANDED, SURPRISE})

    def row_id(self, row: PredictionRow) -> str:
        return f"{row.conversation.id}:{row.proposition.id}"

    def display(self, r: PredictionRow, column: int) -> str:
        c = r.check
        if column == self.LANDED and c.after is None:
            return "awaiting"
        surprise = format_bits(c.surprise_bits) if c.surprise_bits is not None else ""
        return (day(r.conversation.occurred_at), r.conversation.title, r.proposition.label, percent(c.before),
                percent(c.expected), percent(c.after), points(c.expected_move), points(c.gap), surprise,
                c.advice)[column]

    def sort_key(self, r: PredictionRow, column: int) -> Any:
        c = r.check
        return (r.conversation.occurred_at, r.conversation.title, r.proposition.handle, c.before, c.expected, c.after,
                abs(c.expected_move), c.gap, c.surprise_bits, c.flagged)[column]

    def tooltip(self, r: PredictionRow, column: int) -> str | None:
        if column == self.ADVICE:
            return r.check.advice
        if column == self.PROPOSITION:
            return r.proposition.text
        return None

    def colour(self, r: PredictionRow, column: int):
        if column == self.MOVE and r.check.flagged:
            return RISE if r.check.expected_move > 0 else FALL
        return None

    def target(self, r: PredictionRow) -> Target:
        return Target(conversation_id=r.conversation.id, proposition_ids=(r.proposition.id,))


class ReactionModel(InsightModel):
    HANDLE, TEXT, CREDENCES, CHANGES, START, END, M, R, X = range(9)
    COLUMNS = ("#", "Proposition", "Credences", "Changes", "Start", "End", "Movement m", "Uncertainty r", "m − r")
    TIPS = (
        "The proposition's number",
        "The proposition",
        "Credences in its path, a true or false resolution included as 100% or 0%",
        "Steps that changed the credence",
        "Its first credence",
        "Its last credence, or the resolution",
        "Movement: the sum of the squared changes along the path",
        "Uncertainty reduction: p₀(1 − p₀) − p_T(1 − p_T), how much closer to certain it ended",
        "Excess movement: above 0 moved more than the uncertainty it resolved, below 0 less; "
        "a Bayesian's averages 0",
    )
    NUMERIC = frozenset({HANDLE, CREDENCES, CHANGES, START, END, M, R, X})

    def row_id(self, row: ReactionRow) -> str:
        return row.proposition.id

    def display(self, r: ReactionRow, column: int) -> str:
        p = r.path
        end = percent(p.end) + ((" (true)" if p.end == 1 else " (false)") if p.resolved else "")
        return (str(r.proposition.handle), r.proposition.text, str(p.points), str(p.moves), percent(p.start), end,
                f"{p.movement:.3f}", signed(p.uncertainty_reduction), signed(p.excess))[column]

    def sort_key(self, r: ReactionRow, column: int) -> Any:
        p = r.path
        return (r.proposition.handle, r.proposition.text, p.points, p.moves, p.start, p.end, p.movement,
                p.uncertainty_reduction, p.excess)[column]

    def tooltip(self, r: ReactionRow, column: int) -> str | None:
        return r.proposition.text if column == self.TEXT else None

    def target(self, r: ReactionRow) -> Target:
        return Target(proposition_ids=(r.proposition.id,))


class ScoresModel(InsightModel):
    HANDLE, TEXT, OUTCOME, CREDENCE, BRIER, LOG, TW_BRIER, TW_LOG = range(8)
    COLUMNS = ("#", "Proposition", "Outcome", "Last credence", "Brier", "Log score", "Brier over time",
               "Log over time")
    TIPS = (
        "The proposition's number",
        "The proposition",
        "How it resolved",
        "Your last credence at or before the resolution",
        "Brier score (p − outcome)²: 0 is perfect, 0.25 is what 50% earns, 1 is certain and wrong; lower is better",
        "Log score: log₂ of the probability you gave to what happened, in bits; 0 is perfect, 50% earns −1",
        "The Brier score of the credence you held at each moment, averaged over the proposition's life",
        "The log score of the credence you held at each moment, averaged over the proposition's life",
    )
    NUMERIC = frozenset({HANDLE, CREDENCE, BRIER, LOG, TW_BRIER, TW_LOG})

    def row_id(self, row: ScoreRow) -> str:
        return row.proposition.id

    def display(self, r: ScoreRow, column: int) -> str:
        f = r.forecast
        tw = f"{f.time_weighted_brier:.3f}" if f.time_weighted_brier is not None else DASH
        return (str(r.proposition.handle), r.proposition.text, "true" if f.outcome else "false",
                percent(f.probability), f"{f.brier:.3f}", log_bits(f.log_score), tw,
                log_bits(f.time_weighted_log))[column]

    def sort_key(self, r: ScoreRow, column: int) -> Any:
        f = r.forecast
        return (r.proposition.handle, r.proposition.text, f.outcome, f.probability, f.brier, f.log_score,
                f.time_weighted_brier, f.time_weighted_log)[column]

    def tooltip(self, r: ScoreRow, column: int) -> str | None:
        if column == self.TEXT:
            return r.proposition.text
        if column in (self.TW_BRIER, self.TW_LOG) and r.forecast.time_weighted_brier is None:
            return "No time to weigh: the resolution has no time, or came no later than the first credence."
        return None

    def target(self, r: ScoreRow) -> Target:
        return Target(proposition_ids=(r.proposition.id,))


class CalibrationModel(InsightModel):
    BIN, COUNT, HITS, MEAN, OBSERVED, INTERVAL = range(6)
    COLUMNS = ("Credence bin", "Count", "Came true", "Mean credence", "Observed", "95% interval")
    TIPS = (
        "Resolved propositions whose last credence fell in this range",
        "How many",
        "How many of them came true",
        "The mean of their credences: where the point is drawn",
        "The share that came true: calibrated when close to the mean credence",
        "Wilson score interval for the observed share; one that spans the mean credence is consistent "
        "with being calibrated",
    )
    NUMERIC = frozenset({COUNT, HITS, MEAN, OBSERVED})

    def row_id(self, row: BinRow) -> str:
        return f"{row.bin.lower:.2f}"

    def display(self, r: BinRow, column: int) -> str:
        b = r.bin
        interval = f"{percent(b.low)} – {percent(b.high)}" if b.low is not None else ""
        bin_text = f"{b.lower * 100:.0f}–{b.upper * 100:.0f}%"
        return (bin_text, str(b.count), str(b.hits) if b.count else DASH, percent(b.mean_forecast),
                percent(b.observed), interval)[column]

    def sort_key(self, r: BinRow, column: int) -> Any:
        b = r.bin
        return (b.lower, b.count, b.hits if b.count else None, b.mean_forecast, b.observed, b.low)[column]

    def target(self, r: BinRow) -> Target | None:
        return Target(proposition_ids=r.proposition_ids) if r.proposition_ids else None
