"""Small builders for the journal's plain records, so each test states only what it is about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from beliefupdate.domain.types import (
    Conversation,
    ConversationSummary,
    Credence,
    Kind,
    Phase,
    Proposition,
    Resolution,
    Shift,
)

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def day(n: float) -> datetime:
    return START + timedelta(days=n)


def conversation(
    handle: int,
    shifts: list[tuple[str, float | None, float | None]],
    *,
    person: str | None = None,
    kind: Kind = Kind.CONVERSATION,
    at: float = 0,
) -> ConversationSummary:
    """A conversation with (proposition id, before, after) shifts; the person's id is their name lower-cased."""
    conv = Conversation(
        id=f"c{handle}",
        handle=handle,
        title=f"Conversation {handle}",
        person_id=person.lower() if person else None,
        kind=kind,
        occurred_at=day(at),
        person_name=person,
    )
    return ConversationSummary(
        conv,
        tuple(Shift(pid, int(pid.lstrip("p") or 0), f"Proposition {pid}", b, a) for pid, b, a in shifts),
    )


def credence(pid: str, phase: Phase, p: float, at: float, conv: str | None = None) -> Credence:
    return Credence(
        id=f"{pid}-{phase.value}-{at}-{conv}",
        proposition_id=pid,
        conversation_id=conv,
        phase=phase,
        probability=p,
        recorded_at=day(at),
    )


def proposition(pid: str, resolution: Resolution = Resolution.OPEN, resolved_at: float | None = None) -> Proposition:
    return Proposition(
        id=pid,
        handle=int(pid.lstrip("p") or 0),
        text=f"Proposition {pid}",
        notes="",
        tags=(),
        created_at=START,
        resolution=resolution,
        resolved_at=day(resolved_at) if resolved_at is not None else None,
    )
