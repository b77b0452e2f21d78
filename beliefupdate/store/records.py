"""Journal rows (ORM objects or selected rows with the same column names) as domain values."""

from __future__ import annotations

from beliefupdate.domain.types import Conversation, Credence, Kind, Phase, Proposition, Resolution

# Plain lookups: calling an Enum by value costs microseconds, times 100,000 credences.
_KINDS = {k.value: k for k in Kind}
_PHASES = {p.value: p for p in Phase}
_RESOLUTIONS = {r.value: r for r in Resolution}


def proposition_of(row, tags: tuple[str, ...]) -> Proposition:
    return Proposition(
        id=row.id,
        handle=row.handle,
        text=row.text,
        notes=row.notes or "",
        tags=tuple(tags),
        created_at=row.created_at,
        archived=bool(row.archived),
        resolution=_RESOLUTIONS[row.resolution],
        resolved_at=row.resolved_at,
    )

def conversation_of(row, person_name: str | None) -> Conversation:
    return Conversation(
        id=row.id,
        handle=row.handle,
        title=row.title,
        person_id=row.person_id,
        kind=_KINDS[row.kind],
        occurred_at=row.occurred_at,
        notes=row.notes or "",
        person_name=person_name,
    )

def credence_of(row) -> Credence:
    return Credence(
        id=row.id,
        proposition_id=row.proposition_id,
        conversation_id=row.conversation_id,
        phase=_PHASES[row.phase],
        probability=row.probability,
        recorded_at=row.recorded_at,
        note=row.note or "",
        expected_after=row.expected_after,
    )
