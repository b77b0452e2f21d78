"""How much each conversation moved you, in bits of evidence."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from beliefupdate.domain.measures.evidence import UpdateSize, total_bits, update_size
from beliefupdate.domain.measures.truth import TruthScore
from beliefupdate.domain.types import ConversationSummary, Kind


@dataclass(frozen=True)
class ShiftSize:
    """One proposition's complete before -> after within a conversation."""

    proposition_id: str
    proposition_handle: int
    proposition_text: str
    size: UpdateSize


@dataclass(frozen=True)
class ConversationMovement:
    conversation_id: str
    handle: int
    title: str
    person_id: str | None
    person_name: str | None
    kind: Kind
    occurred_at: datetime
    shifts: tuple[ShiftSize, ...]  # only shifts with both a before and an after
    updates: int  # len(shifts)
    moved: int  # shifts whose after differs from the before
    infinite: int  # shifts to or from certainty, left out of total_bits
    total_bits: float  # sum of |bits| over the finite shifts
    biggest: ShiftSize | None  # largest |bits| (an infinite one wins), None if nothing moved
    truth: TruthScore | None = None  # toward the truth on resolved propositions, when the report has them
    # Propositions first thought of in it (Shift.new): beliefs formed, not updates, so no bits.
    new_beliefs: int = 0


def shift_sizes(summary: ConversationSummary) -> tuple[ShiftSize, ...]:
    return tuple(
        ShiftSize(s.proposition_id, s.proposition_handle, s.proposition_text, update_size(s.before, s.after))
        for s in summary.shifts
        if s.before is not None and s.after is not None
    )


def conversation_movement(summary: ConversationSummary) -> ConversationMovement:
    shifts = shift_sizes(summary)
    total = total_bits(s.size.bits for s in shifts)
    conv = summary.conversation
    return ConversationMovement(
        conversation_id=conv.id,
        handle=conv.handle,
        title=conv.title,
        person_id=conv.person_id,
        person_name=conv.person_name,
        kind=conv.kind,
        occurred_at=conv.occurred_at,
        shifts=shifts,
        updates=len(shifts),
        moved=sum(1 for s in shifts if s.size.moved),
        infinite=total.infinite,
        total_bits=total.total,
        biggest=_biggest(shifts),
        new_beliefs=sum(1 for s in summary.shifts if s.new),
    )


def conversation_movements(summaries: Iterable[ConversationSummary]) -> list[ConversationMovement]:
    """One row per conversation, in the order given."""
    return [conversation_movement(s) for s in summaries]


def _biggest(shifts: tuple[ShiftSize, ...]) -> ShiftSize | None:
    moved = [s for s in shifts if s.size.moved]
    if not moved:
        return None
    # Ties (two infinite updates, say) go to the larger change in points, then the older proposition.
    return max(moved, key=lambda s: (abs(s.size.bits), abs(s.size.change), -s.proposition_handle))


def restrict_to(summaries: Iterable[ConversationSummary], proposition_ids: Collection[str]) -> list[ConversationSummary]:
    """The conversations that touched any of ``proposition_ids``, keeping only those shifts (for --tag)."""
    out = []
    for summary in summaries:
        shifts = tuple(s for s in summary.shifts if s.proposition_id in proposition_ids)
        if shifts:
            out.append(replace(summary, shifts=shifts))
    return out
