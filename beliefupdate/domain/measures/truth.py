"""Toward the truth: on propositions that resolved, did a conversation move you towards what happened?

For each complete update (before -> after) made no later than the proposition's true or false
resolution: the change in log score and in Brier score from before to after, and whether the
move went the right way. Unlike the bits a conversation moved you, this does not reward mere
volatility: a swing away from the truth counts against it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

from beliefupdate.domain.measures._timeline import outcome
from beliefupdate.domain.measures.scoring import brier, log_score
from beliefupdate.domain.types import ConversationSummary, Proposition


@dataclass(frozen=True)
class TruthScore:
    scored: int  # complete updates on propositions resolved true or false, made by the resolution
    moved: int  # of those, updates whose after differs from the before
    right: int  # moves toward what happened
    right_share: float | None  # right / moved
    log_gain: float  # Σ (log score after − log score before) over finite ones, in bits: above 0 is toward the truth
    log_gain_infinite: int  # updates to or from a certain miss (an infinite change), counted apart
    brier_gain: float  # Σ (Brier before − Brier after): above 0 is toward the truth
    mean_log_gain: float | None  # log_gain over the finite updates
    mean_brier_gain: float | None  # brier_gain / scored


@dataclass(frozen=True)
class TruthRow:
    """Toward the truth for one tag (or any other group named by ``label``)."""

    label: str
    truth: TruthScore


def truth_score(updates: Iterable[tuple[float, float, bool]]) -> TruthScore:
    """From (before, after, came true) triples."""
    scored = moved = right = infinite = 0
    log_gain = brier_gain = 0.0
    for before, after, happened in updates:
        scored += 1
        brier_gain += brier(before, happened) - brier(after, happened)
        if after != before:
            moved += 1
            right += (after > before) == happened
            gain = log_score(after, happened) - log_score(before, happened)
            if math.isinf(gain):
                infinite += 1
            else:
                log_gain += gain
    finite = scored - infinite
    return TruthScore(
        scored=scored,
        moved=moved,
        right=right,
        right_share=right / moved if moved else None,
        log_gain=log_gain,
        log_gain_infinite=infinite,
        brier_gain=brier_gain,
        mean_log_gain=log_gain / finite if finite else None,
        mean_brier_gain=brier_gain / scored if scored else None,
    )


Update = tuple[str, float, float, bool]  # proposition id, before, after, came true


def resolved_updates(summary: ConversationSummary, propositions: Mapping[str, Proposition]) -> list[Update]:
    """The conversation's complete updates on propositions resolved true or false, made by the resolution."""
    out = []
    at = summary.conversation.occurred_at
    for s in summary.shifts:
        prop = propositions.get(s.proposition_id)
        if prop is None or s.before is None or s.after is None:
            continue
        truth = outcome(prop)
        if truth is None or (prop.resolved_at is not None and at > prop.resolved_at):
            continue
        out.append((s.proposition_id, s.before, s.after, truth == 1.0))
    return out


def truth_by_conversation(
    summaries: Iterable[ConversationSummary], propositions: Mapping[str, Proposition]
) -> dict[str, TruthScore]:
    return {
        s.conversation.id: truth_score((b, a, h) for _pid, b, a, h in resolved_updates(s, propositions))
        for s in summaries
    }


def truth_grouped(
    summaries: Iterable[ConversationSummary], propositions: Mapping[str, Proposition],
    key: Callable[[ConversationSummary], Hashable],
) -> dict[Hashable, TruthScore]:
    groups: dict[Hashable, list[tuple[float, float, bool]]] = defaultdict(list)
    for s in summaries:
        groups[key(s)].extend((b, a, h) for _pid, b, a, h in resolved_updates(s, propositions))
    return {k: truth_score(v) for k, v in groups.items()}


def truth_by_tag(summaries: Iterable[ConversationSummary], propositions: Mapping[str, Proposition]) -> list[TruthRow]:
    """One row per tag with a scored update, in tag order; an update counts under each of its proposition's tags."""
    groups: dict[str, list[tuple[float, float, bool]]] = defaultdict(list)
    for s in summaries:
        for pid, b, a, h in resolved_updates(s, propositions):
            for tag in propositions[pid].tags:
                groups[tag].append((b, a, h))
    return [TruthRow(tag, truth_score(groups[tag])) for tag in sorted(groups)]
