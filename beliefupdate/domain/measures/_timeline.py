"""Credences in the order they were held, the same order the journal uses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from beliefupdate.domain.types import PHASE_RANK, Credence, Proposition, Resolution


def in_order(credences: Iterable[Credence]) -> list[Credence]:
    """Oldest first; at one instant a before precedes a check-in, which precedes an after."""
    return sorted(credences, key=lambda c: (c.recorded_at, PHASE_RANK[c.phase]))


def by_proposition(credences: Iterable[Credence]) -> dict[str, list[Credence]]:
    """Each proposition's credences, in order."""
    groups: dict[str, list[Credence]] = defaultdict(list)
    for c in in_order(credences):
        groups[c.proposition_id].append(c)
    return dict(groups)


def outcome(proposition: Proposition) -> float | None:
    """1.0 for a proposition resolved true, 0.0 for false, None for open or ambiguous."""
    return {Resolution.TRUE: 1.0, Resolution.FALSE: 0.0}.get(proposition.resolution)


def held_by_resolution(proposition: Proposition, timeline: Sequence[Credence]) -> list[Credence]:
    """The credences held up to the resolution (all of them when the time is unknown)."""
    if proposition.resolved_at is None or outcome(proposition) is None:
        return list(timeline)
    return [c for c in timeline if c.recorded_at <= proposition.resolved_at]
