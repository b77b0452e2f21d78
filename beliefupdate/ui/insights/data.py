"""The rows every Insights table shows, built in one pass from the journal's plain records.

No Qt here: :func:`gather` runs off the UI thread, and what it returns is immutable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from beliefupdate.domain.measures import (
    CalibrationBin,
    ConversationMovement,
    DriftSummary,
    Forecast,
    PredictionCheck,
    ReactionPath,
    SourceInfluence,
    check_prediction,
    drift_by_conversation,
    drift_by_proposition,
)
from beliefupdate.domain.measures.calibration import bin_index
from beliefupdate.domain.measures.report import Filter, InsightReport, build_report, selected
from beliefupdate.domain.measures.truth import TruthRow
from beliefupdate.domain.types import ConversationSummary, JournalData, Kind

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


WHOLE = Filter()  # the whole journal


@dataclass(frozen=True)
class PropositionRef:
    id: str
    handle: int
    text: str

    @property
    def label(self) -> str:
        return f"#{self.handle} {self.text}"


@dataclass(frozen=True)
class ConversationRef:
    id: str
    handle: int
    title: str
    person_name: str | None
    kind: Kind
    occurred_at: datetime


@dataclass(frozen=True)
class PropositionDrift:
    proposition: PropositionRef
    drift: DriftSummary


@dataclass(frozen=True)
class ConversationDrift:
    conversation: ConversationRef
    drift: DriftSummary


@dataclass(frozen=True)
class PredictionRow:
    conversation: ConversationRef
    proposition: PropositionRef
    check: PredictionCheck


@dataclass(frozen=True)
class ReactionRow:
    proposition: PropositionRef
    path: ReactionPath


@dataclass(frozen=True)
class ScoreRow:
    proposition: PropositionRef
    forecast: Forecast


@dataclass(frozen=True)
class BinRow:
    bin: CalibrationBin
    proposition_ids: tuple[str, ...]  # the resolved propositions whose last credence fell in the bin


@dataclass(frozen=True)
class Insights:
    report: InsightReport
    conversations: tuple[ConversationMovement, ...]
    people: tuple[SourceInfluence, ...]
    kinds: tuple[SourceInfluence, ...]
    drift_by_proposition: tuple[PropositionDrift, ...]
    drift_by_conversation: tuple[ConversationDrift, ...]
    predictions: tuple[PredictionRow, ...]
    reaction: tuple[ReactionRow, ...]
    scores: tuple[ScoreRow, ...]
    bins: tuple[BinRow, ...]
    truth_by_tag: tuple[TruthRow, ...] = ()
    # What the filters can choose from: every person and tag in the journal, whatever is chosen now.
    people_names: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _folded(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=str.casefold))


class MeasuredJournal(Protocol):
    """What :func:`gather` reads of a journal, as `stats` does: the Journal has both."""

    def export_data(self) -> JournalData: ...

    def conversations(self) -> list[ConversationSummary]: ...


if TYPE_CHECKING:
    def _the_journal_is_measured(journal: Journal) -> MeasuredJournal:
        # mypy fails here the day the Journal stops offering what the Insights read.
        return journal


def gather(journal: MeasuredJournal, flt: Filter = WHOLE) -> Insights:
    """Read the journal and measure the part ``flt`` keeps (slow on a big journal: call it off the UI thread)."""
    return build(journal.export_data(), journal.conversations(), flt)


def build(data: JournalData, summaries: list[ConversationSummary], flt: Filter = WHOLE) -> Insights:
    """The same report as `stats` with the same filter, and the rows the tables show of it."""
    report = build_report(data, summaries, flt)
    _props, kept = selected(data, summaries, flt)
    props = {p.id: PropositionRef(p.id, p.handle, p.text) for p in data.propositions}
    convs = {
        s.conversation.id: ConversationRef(
            s.conversation.id, s.conversation.handle, s.conversation.title, s.conversation.person_name,
            s.conversation.kind, s.conversation.occurred_at,
        )
        for s in summaries
    }

    predictions = tuple(
        PredictionRow(convs[s.conversation.id], props[shift.proposition_id],
                      check_prediction(shift.before, shift.expected_after, shift.after))
        for s in kept
        for shift in s.shifts
        if shift.before is not None and shift.expected_after is not None and shift.proposition_id in props
    )
    bins = report.calibration
    members: list[list[str]] = [[] for _ in bins]
    for f in report.forecasts:
        members[bin_index(f.probability, len(bins))].append(f.proposition_id)

    return Insights(
        report=report,
        conversations=report.conversations,
        people=report.people,
        kinds=report.kinds,
        drift_by_proposition=tuple(
            PropositionDrift(props[pid], summary)
            for pid, summary in drift_by_proposition(report.drift).items()
            if pid in props
        ),
        drift_by_conversation=tuple(
            ConversationDrift(convs[cid], summary)
            for cid, summary in drift_by_conversation(report.drift).items()
            if cid in convs
        ),
        predictions=predictions,
        reaction=tuple(
            ReactionRow(props[p.proposition_id], p)
            for p in report.reaction_paths
            if p.proposition_id in props and p.points > 1
        ),
        scores=tuple(ScoreRow(props[f.proposition_id], f) for f in report.forecasts if f.proposition_id in props),
        bins=tuple(BinRow(b, tuple(ids)) for b, ids in zip(bins, members, strict=True)),
        truth_by_tag=report.truth_by_tag,
        people_names=_folded(p.name for p in data.people),
        tags=_folded(t for p in data.propositions for t in p.tags),
    )
