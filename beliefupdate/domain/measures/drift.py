"""Drift between conversations: how beliefs move on reflection, and how much of an update stuck.

A drift segment starts at a conversation's after and ends at the next credence that
opens a new episode: the before of the next conversation on that proposition. Check-ins
on the way are part of the drift (they are reflection too). A next conversation with only
an after ends the segment at the last check-in before it (none: no segment); if no
conversation follows yet, the segment ends at the last check-in and stays open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from beliefupdate.domain.measures._timeline import by_proposition
from beliefupdate.domain.measures.evidence import bits
from beliefupdate.domain.types import Credence, Phase


@dataclass(frozen=True)
class DriftSegment:
    proposition_id: str
    conversation_id: str  # whose after starts the drift
    # The conversation that ends it: at its before, or (with only an after) at the last check-in
    # before it. None while no conversation has followed: the segment is open.
    next_conversation_id: str | None
    start_at: datetime
    end_at: datetime
    before: float | None  # that conversation's before, if recorded
    after: float  # where the drift starts
    end: float  # where it ends
    drift: float  # end - after, in probability
    drift_bits: float  # bits(after, end)
    check_ins: int  # check-ins inside the segment (the end one included)
    retained: float | None  # (end - before) / (after - before); None without a before or a move

    @property
    def closed(self) -> bool:
        return self.next_conversation_id is not None


@dataclass(frozen=True)
class DriftSummary:
    segments: int
    total_abs_drift: float  # sum of |drift|, in probability
    mean_abs_drift: float | None
    retained: float | None  # size-weighted share of the updates that stuck, see retention()
    retained_updates: int  # segments behind it


def drift_segments(credences: Iterable[Credence]) -> list[DriftSegment]:
    """Every drift segment of every proposition in ``credences``, each proposition in time order."""
    out: list[DriftSegment] = []
    for timeline in by_proposition(credences).values():
        out.extend(_segments(timeline))
    return out


def _segments(timeline: Sequence[Credence]) -> list[DriftSegment]:
    befores = {c.conversation_id: c.probability for c in timeline if c.phase is Phase.BEFORE}
    out = []
    for i, start in enumerate(timeline):
        if start.phase is not Phase.AFTER or start.conversation_id is None:
            continue
        end, check_ins, closer = None, 0, None
        for c in timeline[i + 1 :]:
            if c.phase is Phase.AFTER:
                closer = c.conversation_id
                break
            end = c
            if c.phase is Phase.BEFORE:
                break
            check_ins += 1
        if end is None:
            continue
        before = befores.get(start.conversation_id)
        out.append(
            DriftSegment(
                proposition_id=start.proposition_id,
                conversation_id=start.conversation_id,
                next_conversation_id=end.conversation_id if end.phase is Phase.BEFORE else closer,
                start_at=start.recorded_at,
                end_at=end.recorded_at,
                before=before,
                after=start.probability,
                end=end.probability,
                drift=end.probability - start.probability,
                drift_bits=bits(start.probability, end.probability),
                check_ins=check_ins,
                retained=retained_fraction(before, start.probability, end.probability),
            )
        )
    return out


def retained_fraction(before: float | None, after: float, later: float) -> float | None:
    """How much of the move before -> after is still there at ``later``.

    1 all of it, 0 none (back where you started), above 1 you kept going the same way,
    below 0 you swung back past where you started. None without a before or when
    the conversation did not move you (there is nothing to keep).
    """
    if before is None or after == before:
        return None
    return (later - before) / (after - before)


def retention(segments: Iterable[DriftSegment]) -> tuple[float | None, int]:
    """Share of the updates that stuck, weighted by their size in points.

    sum(sign(after - before) * (end - before)) / sum(|after - before|), over segments
    with a before and a move; a tiny update that doubles does not outweigh a big one.
    """
    kept = moved = 0.0
    n = 0
    for s in segments:
        if s.retained is None or s.before is None:  # a retention needs a before
            continue
        size = abs(s.after - s.before)
        kept += s.retained * size
        moved += size
        n += 1
    return (kept / moved if n else None), n


def summarize_drift(segments: Iterable[DriftSegment]) -> DriftSummary:
    segments = list(segments)
    total = sum(abs(s.drift) for s in segments)
    retained, n = retention(segments)
    return DriftSummary(
        segments=len(segments),
        total_abs_drift=total,
        mean_abs_drift=total / len(segments) if segments else None,
        retained=retained,
        retained_updates=n,
    )


def drift_by_conversation(segments: Iterable[DriftSegment]) -> dict[str, DriftSummary]:
    """How much of each conversation's update stuck, keyed by conversation id."""
    return _grouped(segments, lambda s: s.conversation_id)


def drift_by_proposition(segments: Iterable[DriftSegment]) -> dict[str, DriftSummary]:
    return _grouped(segments, lambda s: s.proposition_id)


def _grouped(segments: Iterable[DriftSegment], key: Callable[[DriftSegment], str]) -> dict[str, DriftSummary]:
    groups: dict[str, list[DriftSegment]] = defaultdict(list)
    for s in segments:
        groups[key(s)].append(s)
    return {k: summarize_drift(v) for k, v in groups.items()}
