"""All the measures for one view of the journal, as the Insights view and `stats` show them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from beliefupdate.domain.measures.calibration import CalibrationBin, calibration_table
from beliefupdate.domain.measures.coherence import CruxCheck, crux_checks, current_values
from beliefupdate.domain.measures.conversations import ConversationMovement, conversation_movements, restrict_to
from beliefupdate.domain.measures.decomposition import BrierDecomposition, decompose
from beliefupdate.domain.measures.drift import DriftSegment, DriftSummary, drift_segments, summarize_drift
from beliefupdate.domain.measures.prediction import (
    PredictionCheck,
    PredictionSummary,
    prediction_checks,
    summarize_predictions,
)
from beliefupdate.domain.measures.reaction import ReactionPath, ReactionSummary, belief_paths, summarize_reaction
from beliefupdate.domain.measures.scoring import Forecast, ScoreSummary, resolved_forecasts, summarize_scores
from beliefupdate.domain.measures.serial import DriftDirection, SerialCorrelation, drift_direction, serial_correlation
from beliefupdate.domain.measures.sources import SourceInfluence, influence_by_kind, influence_by_person
from beliefupdate.domain.measures.truth import (
    TruthRow,
    TruthScore,
    resolved_updates,
    truth_by_conversation,
    truth_by_tag,
    truth_grouped,
    truth_score,
)
from beliefupdate.domain.types import ConversationSummary, JournalData, Proposition


@dataclass(frozen=True)
class Filter:
    since: datetime | None = None
    person: str | None = None  # a name, compared case-insensitively
    tag: str | None = None


@dataclass(frozen=True)
class InsightReport:
    filter: Filter
    conversations: tuple[ConversationMovement, ...]
    people: tuple[SourceInfluence, ...]
    kinds: tuple[SourceInfluence, ...]
    drift: tuple[DriftSegment, ...]
    drift_summary: DriftSummary
    predictions: tuple[PredictionCheck, ...]
    prediction_summary: PredictionSummary
    reaction_paths: tuple[ReactionPath, ...]
    reaction: ReactionSummary
    forecasts: tuple[Forecast, ...]
    scores: ScoreSummary
    calibration: tuple[CalibrationBin, ...]
    decomposition: BrierDecomposition
    serial: SerialCorrelation
    drift_direction: DriftDirection
    truth: TruthScore  # toward the truth, over every selected conversation
    truth_by_tag: tuple[TruthRow, ...]
    coherence: tuple[CruxCheck, ...] = ()  # crux links by total probability, largest gap first


def scoring_window(
    props: list[Proposition], convs: list[ConversationSummary], flt: Filter
) -> tuple[list[Proposition], dict[str, datetime]]:
    """Which propositions a filter scores, and from when each one's time-weighted score runs.

    With --person, the propositions that person's conversations touched, from the first of them;
    with --since alone, every proposition, from that time. The credences scored are always all of yours.
    """
    if flt.person:
        first: dict[str, datetime] = {}
        for c in convs:
            for s in c.shifts:
                at = c.conversation.occurred_at
                if s.proposition_id not in first or at < first[s.proposition_id]:
                    first[s.proposition_id] = at
        return [p for p in props if p.id in first], first
    if flt.since:
        return props, {p.id: flt.since for p in props}
    return props, {}


def selected(
    data: JournalData, summaries: list[ConversationSummary], flt: Filter
) -> tuple[list[Proposition], list[ConversationSummary]]:
    """The propositions and conversations (their shifts cut to those propositions) that ``flt`` keeps."""
    props = list(data.propositions)
    if flt.tag:
        tag = flt.tag.strip().lower()
        props = [p for p in props if tag in p.tags]
    convs = summaries
    if flt.since:
        convs = [c for c in convs if c.conversation.occurred_at >= flt.since]
    if flt.person:
        who = flt.person.strip().casefold()
        convs = [c for c in convs if (c.conversation.person_name or "").casefold() == who]
    if flt.tag:
        convs = restrict_to(convs, {p.id for p in props})
    return props, convs


def build_report(data: JournalData, summaries: list[ConversationSummary], flt: Filter = Filter()) -> InsightReport:
    """Every measure over the part of the journal that ``flt`` selects.

    ``summaries`` are the journal's conversations (Journal.conversations()); ``data`` its records.
    """
    props, convs = selected(data, summaries, flt)
    prop_ids = {p.id for p in props}
    conv_ids = {c.conversation.id for c in convs}

    creds = [c for c in data.credences if c.proposition_id in prop_ids]
    if flt.since:
        creds = [c for c in creds if c.recorded_at >= flt.since]
    if flt.person:
        creds = [c for c in creds if c.conversation_id in conv_ids]

    drift = drift_segments(creds)
    checks = prediction_checks(s for c in convs for s in c.shifts)
    paths = belief_paths(props, creds)
    scored, starts = scoring_window(props, convs, flt)
    # Scored by every credence you held, not only the selected ones: a later check-in is still your credence.
    forecasts = resolved_forecasts(scored, (c for c in data.credences if c.proposition_id in prop_ids), starts)
    by_id = {p.id: p for p in props}
    per_conversation = truth_by_conversation(convs, by_id)
    by_person = truth_grouped(convs, by_id, lambda c: c.conversation.person_id)
    by_kind = truth_grouped(convs, by_id, lambda c: c.conversation.kind.value)
    return InsightReport(
        filter=flt,
        conversations=tuple(replace(m, truth=per_conversation[m.conversation_id]) for m in conversation_movements(convs)),
        people=tuple(replace(r, truth=by_person[r.key]) for r in influence_by_person(convs)),
        kinds=tuple(replace(r, truth=by_kind[r.key]) for r in influence_by_kind(convs)),
        drift=tuple(drift),
        drift_summary=summarize_drift(drift),
        predictions=tuple(checks),
        prediction_summary=summarize_predictions(checks),
        reaction_paths=tuple(paths),
        reaction=summarize_reaction(paths),
        forecasts=tuple(forecasts),
        scores=summarize_scores(forecasts),
        calibration=calibration_table((f.probability, f.outcome) for f in forecasts),
        decomposition=decompose((f.probability, f.outcome) for f in forecasts),
        serial=serial_correlation(props, creds),
        drift_direction=drift_direction(drift),
        truth=truth_score((b, a, h) for c in convs for _pid, b, a, h in resolved_updates(c, by_id)),
        truth_by_tag=tuple(truth_by_tag(convs, by_id)),
        # Where each belief stands now, whatever the filter: a crux is checked as you hold it today.
        coherence=tuple(crux_checks(
            (k for k in data.crux_links if k.proposition_id in prop_ids), data.crux_credences,
            {p.id: p for p in data.propositions}, current_values(data.credences),
        )),
    )
