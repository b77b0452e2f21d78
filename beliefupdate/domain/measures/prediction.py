"""Predicted updates and conservation of expected evidence.

Your credence now must equal the credence you expect to hold after the conversation
(the law of total expectation); if you expect to move, you could move now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.measures.evidence import bits

# Typed credences have at most a tenth of a point of resolution; below that is float noise.
SAME = 1e-9


class Expecting(Protocol):
    """Anything with a before, an optional expected after, and an optional actual after."""

    # Read-only, so that frozen records (a Shift) are Expecting too.
    @property
    def before(self) -> float | None: ...
    @property
    def expected_after(self) -> float | None: ...
    @property
    def after(self) -> float | None: ...


@dataclass(frozen=True)
class PredictionCheck:
    before: float
    expected: float
    after: float | None  # None until the conversation is finished
    expected_move: float  # expected - before: should be 0 for a coherent forecaster
    flagged: bool  # the expected after differs from the before
    gap: float | None  # after - expected: how far reality landed from the prediction
    surprise_bits: float | None  # bits(expected, after): the same gap in evidence
    advice: str  # one line for the user about this prediction


@dataclass(frozen=True)
class PredictionSummary:
    predictions: int
    flagged: int  # predictions that expected a move
    finished: int  # predictions with an actual after
    mean_abs_gap: float | None  # over finished predictions, in probability
    mean_gap: float | None  # signed: above 0 reality landed higher than you expected
    mean_abs_expected_move: float | None  # over all predictions: how far you expected to move


def check_prediction(before: float, expected: float, after: float | None = None) -> PredictionCheck:
    move = expected - before
    flagged = abs(move) > SAME
    return PredictionCheck(
        before=before,
        expected=expected,
        after=after,
        expected_move=move,
        flagged=flagged,
        gap=None if after is None else after - expected,
        surprise_bits=None if after is None else bits(expected, after),
        advice=_advice(before, expected, flagged),
    )


def _advice(before: float, expected: float, flagged: bool) -> str:
    if flagged:
        way = "up" if expected > before else "down"
        return (
            f"You expected to move {way} from {format_credence(before)} to "
            f"{format_credence(expected)}: an expected move is a move you could make now."
        )
    return f"You expected to stay at {format_credence(before)}, as a coherent forecaster should."


def prediction_checks(items: Iterable[Expecting]) -> list[PredictionCheck]:
    """A check for every item that has both a before and an expected after."""
    return [
        check_prediction(before, expected, i.after)
        for i in items
        if (before := i.before) is not None and (expected := i.expected_after) is not None
    ]


def summarize_predictions(checks: Iterable[PredictionCheck]) -> PredictionSummary:
    checks = list(checks)
    finished = [c.gap for c in checks if c.gap is not None]
    return PredictionSummary(
        predictions=len(checks),
        flagged=sum(c.flagged for c in checks),
        finished=len(finished),
        mean_abs_gap=sum(abs(g) for g in finished) / len(finished) if finished else None,
        mean_gap=sum(finished) / len(finished) if finished else None,
        mean_abs_expected_move=sum(abs(c.expected_move) for c in checks) / len(checks) if checks else None,
    )
