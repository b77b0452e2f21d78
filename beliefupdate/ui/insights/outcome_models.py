"""Beliefs held up against what happened (scores, calibration) and against each other (the coherence of cruxes)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from beliefupdate.domain.measures.coherence import DEFAULT_THRESHOLD, CruxCheck
from beliefupdate.domain.numbers import DASH, abs_points, fixed, log_bits, percent, percent_range, points
from beliefupdate.ui.insights.cells import HANDLE_TIP
from beliefupdate.ui.insights.data import BinRow, ScoreRow
from beliefupdate.ui.insights.table_model import InsightModel, Target, number
from beliefupdate.ui.models.base import Column
from beliefupdate.ui.models.propositions import FALL


def _no_time_tip(r: ScoreRow) -> str | None:
    if r.forecast.time_weighted_brier is None:
        return "No time to weigh: the resolution has no time, or came no later than the first credence."
    return None


class ScoresModel(InsightModel[ScoreRow]):
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


class CalibrationModel(InsightModel[BinRow]):
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


class CoherenceModel(InsightModel[CruxCheck]):
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

    def colour(self, c: CruxCheck, column: int) -> QColor | None:
        return FALL if column == self.GAP and c.differs(self.threshold) else None

    def target(self, c: CruxCheck) -> Target:
        return Target(proposition_ids=(c.proposition.id, c.on.id))
