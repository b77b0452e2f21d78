"""How beliefs move along their paths: drift between conversations, predicted updates, over- or under-reaction."""

from __future__ import annotations

from PySide6.QtGui import QColor

from beliefupdate.domain.measures import DriftSummary, format_update_bits
from beliefupdate.domain.numbers import abs_points, counted, fixed, percent, points, share, signed
from beliefupdate.ui.insights.cells import HANDLE_TIP, day
from beliefupdate.ui.insights.data import ConversationDrift, PredictionRow, PropositionDrift, ReactionRow
from beliefupdate.ui.insights.table_model import InsightModel, Target, number
from beliefupdate.ui.models.base import Column
from beliefupdate.ui.models.propositions import FALL, RISE


def _stuck_tip(d: DriftSummary) -> str:
    if d.retained is None:
        return "No update to compare: the conversation had no before, or did not move you."
    n = d.retained_updates
    return f"Over {counted(n, 'update')}."


class PropositionDriftModel(InsightModel[PropositionDrift]):
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


class ConversationDriftModel(InsightModel[ConversationDrift]):
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


class PredictionsModel(InsightModel[PredictionRow]):
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

    def colour(self, r: PredictionRow, column: int) -> QColor | None:
        if column == self.MOVE and r.check.flagged:
            return RISE if r.check.expected_move > 0 else FALL
        return None

    def target(self, r: PredictionRow) -> Target:
        return Target(conversation_id=r.conversation.id, proposition_ids=(r.proposition.id,))


def _end_text(r: ReactionRow) -> str:
    p = r.path
    return percent(p.end) + ((" (true)" if p.end == 1 else " (false)") if p.resolved else "")


LEFT_OUT = "left out: leaves 0% or 100%"


class ReactionModel(InsightModel[ReactionRow]):
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

    def colour(self, r: ReactionRow, column: int) -> QColor | None:
        return FALL if column == self.TESTED and r.path.leaves_certainty else None

    def target(self, r: ReactionRow) -> Target:
        return Target(proposition_ids=(r.proposition.id,))
