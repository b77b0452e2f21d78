"""What each Insights table means (one line each, after docs/measures.md) and the summary lines above them."""

from __future__ import annotations

import html
from collections.abc import Sequence

from beliefupdate.domain.measures import DriftSummary, PredictionSummary, ReactionSummary, ScoreSummary
from beliefupdate.domain.measures.coherence import CruxCheck
from beliefupdate.domain.measures.decomposition import BrierDecomposition, decomposition_text
from beliefupdate.domain.measures.reaction import Reading
from beliefupdate.domain.measures.serial import MIN_PAIRS, MIN_SEGMENTS, TOO_FEW, DriftDirection, SerialCorrelation
from beliefupdate.domain.measures.truth import TruthScore
from beliefupdate.domain.numbers import (
    abs_points,
    counted,
    fixed,
    in_bits,
    log_bits,
    noun,
    plus_or_minus,
    points,
    share,
    signed,
    whole_points,
)
from beliefupdate.ui.insights.cells import right_text, truth_text
from beliefupdate.ui.insights.data import Insights

CONVERSATIONS = (
    "How much each conversation moved you, as evidence: one bit doubles (or halves) the odds, so 60% → 80% is "
    "+1.4 bits, an implied likelihood ratio of 2.67 : 1 (what the move amounts to if it was Bayesian, not how "
    "strong the evidence was). Updates to or from 0% or 100% are infinite: counted, never summed."
)
PEOPLE = (
    "Who moves you most: the average evidence per conversation (the average, so someone you see every week does "
    "not win on volume alone). Same way: how often they push one way on a proposition, 50% no pattern, 100% always."
)
KINDS = "The same by kind of source: conversations, reading, AI chats, reflection."
DRIFT = (
    "Drift is how a belief moves between conversations, on reflection: from a conversation's after to the next "
    "conversation's before. Stuck is how much of the update was still there: 100% all of it, 0% none."
)
PREDICTIONS = (
    "When you log a before you may also give the after you expect on average. A coherent forecaster expects to "
    "stay put: "
    "an expected move is a move you could make now. Landed is how far the real after fell from your expectation."
)
REACTION = (
    "Movement m (sum of squared changes) against uncertainty reduction r = p₀(1 − p₀) − p_T(1 − p_T): a Bayesian's "
    "are equal on average, so m − r above 0 suggests over-reaction, below 0 under-reaction (Augenblick & Rabin, 2021)."
)
TAGS = (
    "Toward the truth by tag: on propositions that resolved true or false, the change in log score from before to "
    "after each conversation, summed in bits (above 0 moved you toward what happened), and the moves that went the "
    "right way. An update counts under each tag of its proposition."
)
SCORES = (
    "For propositions resolved true or false, your last credence before the resolution, scored: Brier (lower is "
    "better, 0.25 is what 50% earns) and log score in bits (0 is perfect, 50% earns −1). Over time: your whole path."
)
CALIBRATION = (
    "Of the things you gave about 70%, did about 70% come true? Each point is a bin's mean credence against the "
    "share that came true, with a 95% Wilson interval: one that crosses the diagonal is consistent with calibration."
)
COHERENCE = (
    "A crux says B depends on A. By total probability your cruxes imply P(B) = P(B|A)·P(A) + P(B|¬A)·(1 − P(A)); "
    "a stated P(B) far from it is worth a second look. Each belief as you hold it now; the Tag filter keeps the "
    "links whose B has the tag, the Person filter does not apply (as stats)."
)

EMPTY = {
    "conversations": "No conversations yet: log one with a before and an after (Edit > Log conversation).",
    "people": "No conversations yet: who moves you most appears once you log some.",
    "kinds": "No conversations yet.",
    "drift_propositions": "No drift yet: it needs a conversation followed by a later credence on the same proposition.",
    "drift_conversations": "No drift yet.",
    "predictions": "No predictions yet: give an expected after beside a before when you log a conversation.",
    "reaction": "No belief changes yet: a proposition needs at least two credences.",
    "scores": "Nothing resolved yet: mark a proposition true or false (Edit > Mark resolved) to score it.",
    "calibration": "Nothing resolved yet: calibration needs propositions resolved true or false.",
    "coherence": "No cruxes yet: beliefupdate crux add B --on A --if-true X --if-false Y links a belief to one it "
                 "depends on; the proposition pane and this tab then check them.",
    "tags": "Nothing tagged and resolved yet: it needs conversations on tagged propositions resolved true or false.",
}


def filtered_empty(described: str) -> str:
    return f"Nothing here {described}. Choose All people and All tags to see the whole journal."


def conversations_summary(ins: Insights) -> str:
    rows = ins.conversations
    measured = [m for m in rows if m.updates]
    if not measured:
        return ""
    moved = sum(1 for m in measured if m.moved)
    bits = sum(m.total_bits for m in measured)
    infinite = sum(m.infinite for m in measured)
    text = f"{counted(len(measured), 'conversation')} with afters, {moved} moved you; {in_bits(bits)} in all"
    if infinite:
        text += f", and {counted(infinite, 'update')} to or from certainty"
    return text + "."


def drift_summary(d: DriftSummary) -> str:
    if not d.segments:
        return ""
    text = f"{counted(d.segments, 'stretch', 'stretches')} between conversations"
    text += f", mean drift {abs_points(d.mean_abs_drift)}"
    if d.retained is not None:
        text += f"; {share(d.retained)} of your updates stuck (over {counted(d.retained_updates, 'update')})"
    return text + "."


def predictions_summary(p: PredictionSummary) -> str:
    if not p.predictions:
        return ""
    text = f"{counted(p.predictions, 'prediction')}, {p.flagged} expected a move"
    if p.mean_abs_gap is not None:
        text += (f"; the real after landed {abs_points(p.mean_abs_gap)} from the expected one on average "
                 f"({points(p.mean_gap)} signed, over {p.finished})")
    return text + "."


def reaction_reading(r: ReactionSummary) -> str:
    """The reading in bold, then its explanation (rich text)."""
    if r.reading in (Reading.OVER, Reading.UNDER):
        title = r.reading.value[0].upper() + r.reading.value[1:]
        return f"<b>{title}.</b> {html.escape(r.explanation)}"
    return html.escape(r.explanation)


def reaction_totals(r: ReactionSummary) -> str:
    if not r.propositions:
        return ""
    parts = [f"Σm = {fixed(r.movement)}", f"Σr = {signed(r.uncertainty_reduction)}", f"Σ(m − r) = {signed(r.excess)}"]
    if r.normalized is not None:
        parts.append(f"m / r = {fixed(r.normalized, 2)}")
    if r.t is not None:
        parts.append(f"t = {signed(r.t, 2)}")
    if r.critical is not None:
        parts.append(f"5% cut-off {plus_or_minus(r.critical)}")
    parts.append(f"over {counted(r.propositions, 'proposition')} ({r.resolved} resolved) and {counted(r.moves, 'change')}")
    if r.out_of_certainty:
        parts.append(f"{len(r.out_of_certainty)} left out: they leave 0% or 100%")
    return " · ".join(parts)


def scores_summary(s: ScoreSummary, d: BrierDecomposition | None = None) -> str:
    if not s.forecasts:
        return ""
    text = f"{counted(s.forecasts, 'resolved proposition')}: mean Brier {fixed(s.mean_brier)}"
    text += f", mean log score {log_bits(s.mean_log)}" if s.mean_log is not None else ""
    if s.log_infinite:
        text += f" (and {s.log_infinite} certain and wrong, −∞)"
    if s.mean_time_weighted_brier is not None:
        text += f"; over time: Brier {fixed(s.mean_time_weighted_brier)}"
        if s.mean_time_weighted_log is not None:
            text += f", log {log_bits(s.mean_time_weighted_log)}"
    text += "."
    return text + (f"<br>{html.escape(decomposition_text(d))}" if d is not None and d.brier is not None else "")


def calibration_summary(ins: Insights) -> str:
    filled = [r for r in ins.bins if r.bin.count]
    if not filled:
        return ""
    n = sum(r.bin.count for r in filled)
    return f"{counted(n, 'resolved proposition')} in {counted(len(filled), 'bin')}. Click a row or a point to select its propositions."


def truth_summary(t: TruthScore) -> str:
    """Toward the truth over every selected conversation, for the line above the table by tag."""
    if not t.scored:
        return ""
    return (f"All resolved updates: {truth_text(t)}, Brier {signed(t.brier_gain)}, "
            f"{right_text(t)} moves the right way (over {counted(t.scored, 'update')}).")


def serial_text(s: SerialCorrelation) -> str:
    """Momentum or zig-zag, with its sample size and what a reading needs."""
    if s.correlation is None:
        return (f"Successive changes: {counted(s.pairs, 'pair')} with a spread to correlate; "
                f"{TOO_FEW} (it needs {MIN_PAIRS}).")
    text = (f"Successive changes: correlation {signed(s.correlation, 2)} over {counted(s.pairs, 'pair')} "
            f"(z = {signed(s.z, 2)}): {s.reading}")
    return text + (f" (it needs {MIN_PAIRS} pairs)." if s.reading == TOO_FEW else
                   ". Above 0 is momentum, below 0 zig-zag; a Bayesian's is 0.")


def drift_direction_text(d: DriftDirection) -> str:
    """Whether beliefs relax back after conversations, with its sample size."""
    if d.mean_along_update is None:
        return ""
    text = f"Drift along the update: {points(d.mean_along_update)} on average over {counted(d.segments, 'stretch', 'stretches')}"
    if d.t is not None and d.critical is not None:
        text += f" (t = {signed(d.t, 1)}, 5% cut-off {plus_or_minus(d.critical)})"
    if d.reading == TOO_FEW:
        return text + f": {TOO_FEW} (it needs {MIN_SEGMENTS} stretches)."
    return text + f": {d.reading}. Below 0 relaxes back toward where it was, above 0 keeps going."


def coherence_summary(checks: Sequence[CruxCheck], threshold: float) -> str:
    """How many links were checked and how many differ by more than the threshold."""
    if not checks:
        return ""
    known = [c for c in checks if c.gap is not None]
    differ = sum(1 for c in known if c.differs(threshold))
    text = f"{counted(len(checks), 'crux link')}"
    if len(known) < len(checks):
        text += f" ({len(checks) - len(known)} not yet checkable: it needs P(A), P(B) and both conditionals)"
    return text + f"; {differ or 'none'} {noun(differ, 'differs', 'differ')} from what your cruxes imply by more than {whole_points(threshold)}."
