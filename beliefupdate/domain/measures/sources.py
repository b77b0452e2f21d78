"""Who (and what kind of source) moves you most, and whether they push one way."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace

from beliefupdate.domain.measures.conversations import ConversationMovement, conversation_movement
from beliefupdate.domain.measures.truth import TruthScore
from beliefupdate.domain.types import ConversationSummary

NO_ONE = "no one named"


@dataclass(frozen=True)
class SourceInfluence:
    """One row of the "who moves me most" table."""

    key: str | None  # person id or kind value; None for conversations with no person
    label: str  # person name, kind value, or NO_ONE
    rank: int  # 1 moves you most
    conversations: int  # all conversations from this source
    measured: int  # of those, conversations with at least one finite complete update
    updates: int  # complete before -> after pairs
    moved: int
    infinite: int  # updates to or from certainty, left out of the bits
    total_bits: float  # sum of |bits| over finite updates
    mean_bits: float | None  # total_bits / measured: the average movement per conversation
    consistency: float | None  # see direction_consistency
    consistency_pairs: int  # (source, proposition) pairs behind it
    truth: TruthScore | None = None  # toward the truth on resolved propositions, when the report has them
    new_beliefs: int = 0  # propositions first thought of in its conversations


@dataclass(frozen=True)
class Consistency:
    share: float | None
    pairs: int


def direction_consistency(directions: Iterable[tuple[Hashable, int]]) -> Consistency:
    """How reliably a source pushes one way on each proposition.

    ``directions`` holds (proposition, +1 or -1) for each update that moved. For each
    proposition with at least two moves, take the moves in its majority direction; the
    share is the total of those over the total of those propositions' moves (so 1.0 is
    always the same way, 0.5 is no pattern). None when no proposition has two moves.
    """
    counts: dict[Hashable, list[int]] = defaultdict(lambda: [0, 0])
    for prop, sign in directions:
        counts[prop][0 if sign > 0 else 1] += 1
    majority = total = pairs = 0
    for up, down in counts.values():
        if up + down >= 2:
            majority += max(up, down)
            total += up + down
            pairs += 1
    return Consistency(majority / total if total else None, pairs)


def influence_by_person(summaries: Iterable[ConversationSummary]) -> list[SourceInfluence]:
    """Ranked rows, one per person (conversations with no person form one row of their own)."""
    return _influence(summaries, lambda m: m.person_id, lambda m: m.person_name or NO_ONE)


def influence_by_kind(summaries: Iterable[ConversationSummary]) -> list[SourceInfluence]:
    """Ranked rows, one per kind of source (conversation, reading, AI chat, ...)."""
    return _influence(summaries, lambda m: m.kind.value, lambda m: m.kind.value)


def _influence(
    summaries: Iterable[ConversationSummary],
    key_of: Callable[[ConversationMovement], str | None],
    label_of: Callable[[ConversationMovement], str],
) -> list[SourceInfluence]:
    groups: dict[str | None, list[ConversationMovement]] = defaultdict(list)
    for summary in summaries:
        movement = conversation_movement(summary)
        groups[key_of(movement)].append(movement)
    rows = [_row(key, label_of(ms[0]), ms) for key, ms in groups.items()]
    rows.sort(key=_ranking)
    return [replace(r, rank=i) for i, r in enumerate(rows, start=1)]


def _row(key: str | None, label: str, movements: list[ConversationMovement]) -> SourceInfluence:
    measured = [m for m in movements if m.updates > m.infinite]
    total = sum(m.total_bits for m in measured)
    consistency = direction_consistency(
        (s.proposition_id, 1 if s.size.change > 0 else -1)
        for m in movements
        for s in m.shifts
        if s.size.moved
    )
    return SourceInfluence(
        key=key,
        label=label,
        rank=0,
        conversations=len(movements),
        measured=len(measured),
        updates=sum(m.updates for m in movements),
        moved=sum(m.moved for m in movements),
        infinite=sum(m.infinite for m in movements),
        total_bits=total,
        mean_bits=total / len(measured) if measured else None,
        consistency=consistency.share,
        consistency_pairs=consistency.pairs,
        new_beliefs=sum(m.new_beliefs for m in movements),
    )


def _ranking(r: SourceInfluence) -> tuple[bool, float, int, int, str]:
    # Average movement first, so a source you meet often does not win on volume alone.
    return (r.mean_bits is None, -(r.mean_bits or 0.0), -r.infinite, -r.conversations, r.label.casefold())

