"""One table model per Insights table, over the plain rows of :mod:`.data`, each declared as Columns.

The models sort themselves (``sort``), on each column's raw value: a proxy's
Python ``lessThan`` takes seconds over the ten thousand rows of a big journal,
a key sort takes milliseconds. Missing values sort first, as in the main lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from beliefupdate.domain.measures import format_update_bits
from beliefupdate.domain.measures.coherence import DEFAULT_THRESHOLD, CruxCheck
from beliefupdate.domain.numbers import (
    DASH,
    abs_points,
    counted,
    fixed,
    in_bits,
    log_bits,
    part_of,
    percent,
    percent_range,
    points,
    share,
    signed,
)
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
from beliefupdate.ui.models.base import RIGHT, Column, ColumnsModel
from beliefupdate.ui.models.conversations import KIND_LABELS
from beliefupdate.ui.models.propositions import FALL, RISE

@dataclass(frozen=True)
class Target:
    """What a row stands for in the main window."""

    conversation_id: str | None = None
    proposition_ids: tuple[str, ...] = ()


# -- cells ---------------------------------------------------------------------


def kind_label(value: str | None) -> str:
    try:
        return KIND_LABELS[Kind(value)]
    except ValueError:
        return value or ""


def day(at) -> str:
    return format_local(at)[:10]


# -- the base -----------------------------------------------------------------


def number(name: str, display, sort_key, tip: str, **kwargs) -> Column:
    """A column of numbers: aligned right, in its cells and its header alike."""
    return Column(name, display, sort_key, tip, align=RIGHT, **kwargs)


class InsightModel(ColumnsModel):
    """Subclasses give TABLE, and ``colour`` and ``target`` where their rows have them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def colour(self, row, column: int):
        return None

    def target(self, row) -> Target | None:
        return None

    def extra(self, row, column: int, role: int) -> Any:
        return self.colour(row, column) if role == Qt.ItemDataRole.ForegroundRole else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.TextAlignmentRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.TABLE)):
            align = self.TABLE[section].align
            return int(align) if align is not None else None
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
        self._row_of = None
        position = {id(r): i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(position[id(r)], i.column()) for r, i in zip(old_rows, before, strict=True)]
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list, column: int, order: Qt.SortOrder) -> list:
        sort_key = self.TABLE[column].sort_key

        def key(row):
            value = sort_key(row)
            if value is None:
                return (0, 0)
            if isinstance(value, str):
                return (1, value.casefold())
            return (1, value)

        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)


# -- the tables ---------------------------------------------------------------


def _biggest_text(m) -> str:
    b = m.biggest
    if b is None:
        return "nothing moved" if m.updates else "no afters yet"
    s = b.size
    return f"#{b.proposition_handle} {percent(s.before)} → {percent(s.after)}  {evidence_of(s)}"


def _biggest_tip(m) -> str | None:
    b = m.biggest
    return None if b is None else f"#{b.proposition_handle} {b.proposition_text}\n{points(b.size.change)}"


def truth_text(t) -> str:
    """Toward the truth as a cell: '+1.00 bits', '−0.32 bits + 1 certain', or a dash with nothing resolved."""
    if t is None or not t.scored:
        return DASH
    text = f"{signed(t.log_gain, 2)} bits" if t.scored > t.log_gain_infinite else ""
    if t.log_gain_infinite:
        text += f"{' + ' if text else ''}{t.log_gain_infinite} certain"
    return text


def right_text(t) -> str:
    return DASH if t is None or not t.moved else part_of(t.right, t.moved)


def truth_tip(t) -> str | None:
    if t is None or not t.scored:
        return "No update on a proposition resolved true or false yet."
    brier = f"Brier {signed(t.brier_gain, 3)} (above 0: closer to what happened)"
    infinite = (f"; {counted(t.log_gain_infinite, 'update')} to or from a certain miss, "
                "left out of the bits") if t.log_gain_infinite else ""
    return f"Over {counted(t.scored, 'resolved update')}: {brier}{infinite}."


TRUTH_TIP = ("Toward the truth: on propositions that resolved, the change in log score from before to after, "
             "summed, in bits. Above 0 moved you toward what happened; a swing away counts against")
RIGHT_TIP = "Moves toward what happened, of the moves on propositions that resolved true or false"


def truth_columns(of) -> tuple[Column, Column]:
    """The two toward-the-truth columns, for rows whose TruthScore is ``of(row)``."""
    return (
        number("Toward truth", lambda r: truth_text(of(r)),
               lambda r: of(r).log_gain if of(r) is not None and of(r).scored else None, TRUTH_TIP,
               cell_tip=lambda r: truth_tip(of(r))),
        number("Right way", lambda r: right_text(of(r)),
               lambda r: of(r).right_share if of(r) is not None else None, RIGHT_TIP),
    )


def _bits_measured(m) -> bool:
    return m.updates > m.infinite


def new_column(of) -> Column:
    """New beliefs formed, as stats --json counts them (``new_beliefs``)."""
    return number("New", lambda r: str(of(r)) if of(r) else "", of,
                  "New beliefs formed: propositions first thought of in it, with an after and no before")


class ConversationMovementModel(InsightModel):
    WHEN, TITLE, PERSON, KIND, MOVED, BITS, CERTAIN, NEW, TRUTH, RIGHT, BIGGEST = range(11)
    TABLE = (
        Column("Date", lambda m: day(m.occurred_at), lambda m: m.occurred_at, "When it took place (local time)",
               cell_tip=lambda m: format_local(m.occurred_at)),
        Column("Conversation", lambda m: m.title, lambda m: m.title, "The conversation, paper or chat",
               cell_tip=lambda m: m.title),
        Column("With", lambda m: m.person_name or "", lambda m: m.person_name or "", "Who it was with"),
        Column("Kind", lambda m: KIND_LABELS[m.kind], lambda m: KIND_LABELS[m.kind], "What kind of source it was"),
        number("Moved", lambda m: part_of(m.moved, m.updates) if m.updates else DASH, lambda m: m.moved,
               "Propositions whose after differs from their before, of those with both"),
        number("Evidence", lambda m: in_bits(m.total_bits) if _bits_measured(m) else DASH,
               lambda m: m.total_bits if _bits_measured(m) else None,
               "Total movement: |bits| summed over its updates; one bit doubles or halves the odds"),
        number("Certain", lambda m: str(m.infinite) if m.infinite else "", lambda m: m.infinite,
               "Updates to or from 0% or 100%: infinitely strong, counted here and left out of the bits"),
        new_column(lambda m: m.new_beliefs),
        *truth_columns(lambda m: m.truth),
        Column("Biggest mover", _biggest_text, lambda m: abs(m.biggest.size.bits) if m.biggest else None,
               "The update with the most evidence in bits, and its implied likelihood ratio (a move to or from "
               "certainty beats any finite one)",
               cell_tip=_biggest_tip),
    )

    def row_id(self, row) -> str:
        return row.conversation_id

    def colour(self, m, column: int):
        if column == self.BIGGEST and m.biggest is not None:
            return RISE if m.biggest.size.change > 0 else FALL
        return None

    def target(self, m) -> Target:
        return Target(conversation_id=m.conversation_id)


def _consistency_text(r) -> str:
    if r.consistency is None:
        return DASH
    return f"{share(r.consistency)} ({r.consistency_pairs} prop.)"


def _consistency_tip(r) -> str:
    if r.consistency is None:
        return "No proposition was moved twice by this source, so there is no direction to be consistent in."
    n = r.consistency_pairs
    return f"Over {counted(n, 'proposition')} it moved at least twice."


def _source_columns(by: str) -> tuple[Column, ...]:
    if by == "kind":
        def label(r) -> str:
            return kind_label(r.key)

        first = Column("Kind", label, label, "The kind of source")
    else:
        def label(r) -> str:
            return f"({r.label})" if r.key is None else r.label

        first = Column("Person", label, label, "Conversations with no person named form a row of their own",
                       cell_tip=lambda r: "Conversations logged without a person" if r.key is None else None)
    return (
        number("Rank", lambda r: str(r.rank), lambda r: r.rank,
               "1 moves you most: by average evidence per conversation, then by certain updates, then by number"),
        first,
        number("Conversations", lambda r: str(r.conversations), lambda r: r.conversations,
               "Conversations from this source"),
        number("Average", lambda r: in_bits(r.mean_bits), lambda r: r.mean_bits,
               "Average movement: bits per conversation that had a finite update"),
        number("Total", lambda r: in_bits(r.total_bits) if r.measured else DASH,
               lambda r: r.total_bits if r.measured else None, "All the bits its conversations moved you"),
        number("Moved", lambda r: part_of(r.moved, r.updates) if r.updates else DASH, lambda r: r.moved,
               "Updates that moved, of all its before → after pairs"),
        number("Certain", lambda r: str(r.infinite) if r.infinite else "", lambda r: r.infinite,
               "Updates to or from 0% or 100%, counted apart from the bits"),
        new_column(lambda r: r.new_beliefs),
        *truth_columns(lambda r: r.truth),
        Column("Same way", _consistency_text, lambda r: r.consistency,
               "Direction consistency: on each proposition it moved twice or more, the share of moves in its usual "
               "direction (50% no pattern, 100% always the same way)", cell_tip=_consistency_tip),
    )


class SourcesModel(InsightModel):
    """Who (or what kind of source) moves you most; ``by`` is "person" or "kind"."""

    RANK, LABEL, CONVERSATIONS, AVERAGE, TOTAL, MOVED, CERTAIN, NEW, TRUTH, RIGHT, CONSISTENCY = range(11)

    def __init__(self, by: str = "person", parent=None):
        super().__init__(parent)
        self.by = by
        self.TABLE = _source_columns(by)  # per model, not per class: the first column depends on ``by``
        self.COLUMNS = tuple(c.name for c in self.TABLE)

    def row_id(self, row) -> str:
        return row.key or ""


def _stuck_tip(d) -> str:
    if d.retained is None:
        return "No update to compare: the conversation had no before, or did not move you."
    n = d.retained_updates
    return f"Over {counted(n, 'update')}."


HANDLE_TIP = "The proposition's number"


class PropositionDriftModel(InsightModel):
    HANDLE, TEXT, STUCK, STRETCHES, MEAN, TOTAL = range(6)
    TABLE = (
        number("#", lambda r: str(r.proposition.handle), lambda r: r.proposition.handle, HANDLE_TIP),
        Column("Proposition", lambda r: r.proposition.text, lambda r: r.proposition.text, "The proposition",
               cell_tip=lambda r: r.proposition.text),
        number("Stuck", lambda r: share(r.drift.retained), lambda r: r.drift.retained,
               "How much of its conversations' updates was still there later, weighted by size: 100% all of it, "
               "0% back where it started, above 100% kept going, below 0% swung back past it",
               cell_tip=lambda r: _stuck_tip(r.drift)),
        number("Stretches", lambda r: str(r.drift.segments), lambda r: r.drift.segments,
               "Stretches from a conversation's after to the next conversation's before (or the last check-in)"),
        number("Mean drift", lambda r: abs_points(r.drift.mean_abs_drift), lambda r: r.drift.mean_abs_drift,
               "Mean size of the drift per stretch, in points, either way"),
        number("Total drift", lambda r: abs_points(r.drift.total_abs_drift), lambda r: r.drift.total_abs_drift,
               "All its drift added up, in points, either way"),
    )

    def row_id(self, row: PropositionDrift) -> str:
        return row.proposition.id

    def target(self, r: PropositionDrift) -> Target:
        return Target(proposition_ids=(r.proposition.id,))


class ConversationDriftModel(InsightModel):
    WHEN, TITLE, PERSON, STUCK, STRETCHES, MEAN = range(6)
    TABLE = (
        Column("Date", lambda r: day(r.conversation.occurred_at), lambda r: r.conversation.occurred_at,
               "When the conversation took place"),
        Column("Conversation", lambda r: r.conversation.title, lambda r: r.conversation.title,
               "The conversation whose afters start the drift", cell_tip=lambda r: r.conversation.title),
        Column("With", lambda r: r.conversation.person_name or "", lambda r: r.conversation.person_name or "",
               "Who it was with"),
        number("Stuck", lambda r: share(r.drift.retained), lambda r: r.drift.retained,
               "How much of its update was still there at the next conversation (or last check-in): "
               "100% all of it, 0% none", cell_tip=lambda r: _stuck_tip(r.drift)),
        number("Stretches", lambda r: str(r.drift.segments), lambda r: r.drift.segments,
               "Propositions it updated that have a later credence"),
        number("Mean drift", lambda r: abs_points(r.drift.mean_abs_drift), lambda r: r.drift.mean_abs_drift,
               "Mean size of the drift after it, in points, either way"),
    )

    def row_id(self, row: ConversationDrift) -> str:
        return row.conversation.id

    def target(self, r: ConversationDrift) -> Target:
        return Target(conversation_id=r.conversation.id)


class PredictionsModel(InsightModel):
    WHEN, TITLE, PROPOSITION, BEFORE, EXPECTED, AFTER, MOVE, LANDED, SURPRISE, ADVICE = range(10)
    TABLE = (
        Column("Date", lambda r: day(r.conversation.occurred_at), lambda r: r.conversation.occurred_at,
               "When the conversation took place"),
        Column("Conversation", lambda r: r.conversation.title, lambda r: r.conversation.title, "The conversation"),
        Column("Proposition", lambda r: r.proposition.label, lambda r: r.proposition.handle,
               "The proposition you predicted your after for", cell_tip=lambda r: r.proposition.text),
        number("Before", lambda r: percent(r.check.before), lambda r: r.check.before, "Your credence before"),
        number("Expected", lambda r: percent(r.check.expected), lambda r: r.check.expected,
               "The after you expected when you gave the before"),
        number("After", lambda r: percent(r.check.after), lambda r: r.check.after, "The after you actually gave"),
        number("Expected move", lambda r: points(r.check.expected_move), lambda r: abs(r.check.expected_move),
               "Expected after minus before: a coherent forecaster expects 0 (an expected move is a move you could "
               "make now)"),
        number("Landed", lambda r: "awaiting" if r.check.after is None else points(r.check.gap),
               lambda r: r.check.gap, "Actual after minus expected after: how far reality landed from your prediction"),
        number("Surprise", lambda r: format_update_bits(r.check.expected, r.check.after)
               if r.check.surprise_bits is not None else "",
               lambda r: r.check.surprise_bits, "The same gap as evidence, in bits"),
        Column("What it means", lambda r: r.check.advice, lambda r: r.check.flagged, "What the prediction says",
               cell_tip=lambda r: r.check.advice),
    )

    def row_id(self, row: PredictionRow) -> str:
        return f"{row.conversation.id}:{row.proposition.id}"

    def colour(self, r: PredictionRow, column: int):
        if column == self.MOVE and r.check.flagged:
            return RISE if r.check.expected_move > 0 else FALL
        return None

    def target(self, r: PredictionRow) -> Target:
        return Target(conversation_id=r.conversation.id, proposition_ids=(r.proposition.id,))


def _end_text(r: ReactionRow) -> str:
    p = r.path
    return percent(p.end) + ((" (true)" if p.end == 1 else " (false)") if p.resolved else "")


LEFT_OUT = "left out: leaves 0% or 100%"


class ReactionModel(InsightModel):
    HANDLE, TEXT, CREDENCES, CHANGES, START, END, M, R, X, TESTED = range(10)
    TABLE = (
        number("#", lambda r: str(r.proposition.handle), lambda r: r.proposition.handle, HANDLE_TIP),
        Column("Proposition", lambda r: r.proposition.text, lambda r: r.proposition.text, "The proposition",
               cell_tip=lambda r: r.proposition.text),
        number("Credences", lambda r: str(r.path.points), lambda r: r.path.points,
               "Credences in its path, a true or false resolution included as 100% or 0%"),
        number("Changes", lambda r: str(r.path.moves), lambda r: r.path.moves, "Steps that changed the credence"),
        number("Start", lambda r: percent(r.path.start), lambda r: r.path.start, "Its first credence"),
        number("End", _end_text, lambda r: r.path.end, "Its last credence, or the resolution"),
        number("Movement m", lambda r: fixed(r.path.movement), lambda r: r.path.movement,
               "Movement: the sum of the squared changes along the path"),
        number("Uncertainty r", lambda r: signed(r.path.uncertainty_reduction),
               lambda r: r.path.uncertainty_reduction,
               "Uncertainty reduction: p₀(1 − p₀) − p_T(1 − p_T), how much closer to certain it ended"),
        number("m − r", lambda r: signed(r.path.excess), lambda r: r.path.excess,
               "Excess movement: above 0 moved more than the uncertainty it resolved, below 0 less; "
               "a Bayesian's averages 0"),
        Column("Test", lambda r: LEFT_OUT if r.path.leaves_certainty else "",
               lambda r: r.path.leaves_certainty,
               "Paths that leave 0% or 100% are shown but left out of the test: no evidence moves a Bayesian off "
               "certainty"),
    )

    def row_id(self, row: ReactionRow) -> str:
        return row.proposition.id

    def colour(self, r: ReactionRow, column: int):
        return FALL if column == self.TESTED and r.path.leaves_certainty else None

    def target(self, r: ReactionRow) -> Target:
        return Target(proposition_ids=(r.proposition.id,))


class TagTruthModel(InsightModel):
    """Toward the truth per tag: an update counts under each tag of its proposition."""

    TAG, SCORED, TRUTH, RIGHT, BRIER = range(5)
    TABLE = (
        Column("Tag", lambda r: r.label, lambda r: r.label, "The tag"),
        number("Updates", lambda r: str(r.truth.scored), lambda r: r.truth.scored,
               "Before → after pairs on its propositions that resolved true or false, made by the resolution"),
        *truth_columns(lambda r: r.truth),
        number("Brier", lambda r: signed(r.truth.brier_gain), lambda r: r.truth.brier_gain,
               "The change in Brier score, summed: above 0 moved you closer to what happened"),
    )

    def row_id(self, row) -> str:
        return row.label


def _no_time_tip(r: ScoreRow) -> str | None:
    if r.forecast.time_weighted_brier is None:
        return "No time to weigh: the resolution has no time, or came no later than the first credence."
    return None


class ScoresModel(InsightModel):
    HANDLE, TEXT, OUTCOME, CREDENCE, BRIER, LOG, TW_BRIER, TW_LOG = range(8)
    TABLE = (
        number("#", lambda r: str(r.proposition.handle), lambda r: r.proposition.handle, HANDLE_TIP),
        Column("Proposition", lambda r: r.proposition.text, lambda r: r.proposition.text, "The proposition",
               cell_tip=lambda r: r.proposition.text),
        Column("Outcome", lambda r: "true" if r.forecast.outcome else "false", lambda r: r.forecast.outcome,
               "How it resolved"),
        number("Last credence", lambda r: percent(r.forecast.probability), lambda r: r.forecast.probability,
               "Your last credence at or before the resolution"),
        number("Brier", lambda r: fixed(r.forecast.brier), lambda r: r.forecast.brier,
               "Brier score (p − outcome)²: 0 is perfect, 0.25 is what 50% earns, 1 is certain and wrong; "
               "lower is better"),
        number("Log score", lambda r: log_bits(r.forecast.log_score), lambda r: r.forecast.log_score,
               "Log score: log₂ of the probability you gave to what happened, in bits; 0 is perfect, 50% earns −1"),
        number("Brier over time",
               lambda r: fixed(r.forecast.time_weighted_brier), lambda r: r.forecast.time_weighted_brier,
               "The Brier score of the credence you held at each moment, averaged over the proposition's life",
               cell_tip=_no_time_tip),
        number("Log over time", lambda r: log_bits(r.forecast.time_weighted_log),
               lambda r: r.forecast.time_weighted_log,
               "The log score of the credence you held at each moment, averaged over the proposition's life",
               cell_tip=_no_time_tip),
    )

    def row_id(self, row: ScoreRow) -> str:
        return row.proposition.id

    def target(self, r: ScoreRow) -> Target:
        return Target(proposition_ids=(r.proposition.id,))


def _interval_text(r: BinRow) -> str:
    b = r.bin
    return f"{percent(b.low)} – {percent(b.high)}" if b.low is not None else ""


class CalibrationModel(InsightModel):
    BIN, COUNT, HITS, MEAN, OBSERVED, INTERVAL = range(6)
    TABLE = (
        Column("Credence bin", lambda r: percent_range(r.bin.lower, r.bin.upper),
               lambda r: r.bin.lower, "Resolved propositions whose last credence fell in this range"),
        number("Count", lambda r: str(r.bin.count), lambda r: r.bin.count, "How many"),
        number("Came true", lambda r: str(r.bin.hits) if r.bin.count else DASH,
               lambda r: r.bin.hits if r.bin.count else None, "How many of them came true"),
        number("Mean credence", lambda r: percent(r.bin.mean_forecast), lambda r: r.bin.mean_forecast,
               "The mean of their credences: where the point is drawn"),
        number("Observed", lambda r: percent(r.bin.observed), lambda r: r.bin.observed,
               "The share that came true: calibrated when close to the mean credence"),
        Column("95% interval", _interval_text, lambda r: r.bin.low,
               "Wilson score interval for the observed share; one that spans the mean credence is consistent "
               "with being calibrated"),
    )

    def row_id(self, row: BinRow) -> str:
        return f"{row.bin.lower:.2f}"

    def target(self, r: BinRow) -> Target | None:
        return Target(proposition_ids=r.proposition_ids) if r.proposition_ids else None


def _gap_tip(c: CruxCheck) -> str | None:
    if c.gap is None:
        return c.arithmetic()
    side = "above" if c.gap > 0 else "below"
    return f"Your stated P(B) is {abs_points(c.gap)} {side} what your cruxes imply"


class CoherenceModel(InsightModel):
    """Crux links checked by total probability: stated against implied P(B), by the size of the gap."""

    GAP, PROPOSITION, ON, STATED, IMPLIED, ARITHMETIC = range(6)
    TABLE = (
        number("Gap", lambda c: points(c.gap), lambda c: None if c.gap is None else abs(c.gap),
               "Stated minus implied P(B); sorted by its size", cell_tip=_gap_tip),
        Column("B", lambda c: f"#{c.proposition.handle} {c.proposition.text}", lambda c: c.proposition.handle,
               "The belief that depends on another", cell_tip=lambda c: c.proposition.text),
        Column("Depends on A", lambda c: f"#{c.on.handle} {c.on.text}", lambda c: c.on.handle,
               "The belief it depends on", cell_tip=lambda c: c.on.text),
        number("Stated", lambda c: percent(c.stated), lambda c: c.stated, "Your credence in B now"),
        number("Implied", lambda c: percent(c.implied), lambda c: c.implied,
               "P(B|A)·P(A) + P(B|¬A)·(1 − P(A)), from your credence in A and the link's conditional credences"),
        Column("Arithmetic", lambda c: c.arithmetic(), lambda c: c.implied,
               "P(B|A) × P(A) + P(B|¬A) × (1 − P(A)) = implied; then where you stand",
               cell_tip=lambda c: c.arithmetic()),
    )
    threshold = DEFAULT_THRESHOLD

    def row_id(self, row: CruxCheck) -> str:
        return row.link_id

    def colour(self, c: CruxCheck, column: int):
        return FALL if column == self.GAP and c.differs(self.threshold) else None

    def target(self, c: CruxCheck) -> Target:
        return Target(proposition_ids=(c.proposition.id, c.on.id))
