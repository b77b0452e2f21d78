"""Scoring resolved propositions: Brier score and log score.

Brier: (p - o)^2 with o = 1 if true, 0 if false; 0 is perfect, 1 is certain and wrong.
Log score: log2 of the probability you gave to what happened, in bits; 0 is perfect,
lower is worse, and certain-and-wrong is -inf (never NaN; means leave it out and count it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from beliefupdate.domain.measures._timeline import by_proposition, held_by_resolution, in_order, outcome
from beliefupdate.domain.types import Credence, Proposition


@dataclass(frozen=True)
class Forecast:
    """A resolved proposition's last credence before resolution, and its scores."""

    proposition_id: str
    probability: float
    outcome: bool
    recorded_at: datetime
    brier: float
    log_score: float
    time_weighted_brier: float | None  # None without a resolution time after the first credence
    time_weighted_log: float | None


@dataclass(frozen=True)
class ScoreSummary:
    forecasts: int
    mean_brier: float | None
    mean_log: float | None  # over finite log scores
    log_infinite: int  # certain and wrong: counted, not averaged
    time_weighted: int  # forecasts with a time-weighted score
    mean_time_weighted_brier: float | None
    mean_time_weighted_log: float | None  # over finite ones
    time_weighted_log_infinite: int


def brier(p: float, happened: bool) -> float:
    return (p - (1.0 if happened else 0.0)) ** 2


def log_score(p: float, happened: bool) -> float:
    q = p if happened else 1.0 - p
    return math.log2(q) if q > 0 else -math.inf


def time_weighted(
    timeline: Sequence[tuple[datetime, float]], until: datetime, score: Callable[[float], float]
) -> float | None:
    """The score of the credence held at each moment, averaged over the time from the first credence to ``until``.

    Each credence counts from when it was recorded until the next one. None when that span is empty.
    """
    if not timeline:
        return None
    span = (until - timeline[0][0]).total_seconds()
    if span <= 0:
        return None
    ends = [t for t, _ in timeline[1:]] + [until]
    total = 0.0
    for (start, p), end in zip(timeline, ends, strict=True):
        held = (min(end, until) - start).total_seconds()
        if held <= 0:
            continue
        value = score(p)
        if math.isinf(value):
            return value
        total += value * held
    return total / span


def score_proposition(
    proposition: Proposition, credences: Iterable[Credence], start: datetime | None = None
) -> Forecast | None:
    """None unless resolved true or false with a credence at or before the resolution.

    ``credences`` are all of the proposition's: the score is always of the credence you really
    held at the resolution. ``start`` only narrows the time-weighted score to the credences as
    they stood from then on (the one held at ``start`` counts from ``start``); a proposition
    resolved before ``start`` is not scored.
    """
    truth = outcome(proposition)
    if truth is None:
        return None
    if start is not None and proposition.resolved_at is not None and proposition.resolved_at < start:
        return None
    held = held_by_resolution(proposition, in_order(c for c in credences if c.proposition_id == proposition.id))
    if not held:
        return None
    happened = truth == 1.0
    last = held[-1]
    timeline = _from(start, [(c.recorded_at, c.probability) for c in held])
    if not timeline:
        return None
    tw_brier = tw_log = None
    if proposition.resolved_at is not None:
        tw_brier = time_weighted(timeline, proposition.resolved_at, lambda p: brier(p, happened))
        tw_log = time_weighted(timeline, proposition.resolved_at, lambda p: log_score(p, happened))
    return Forecast(
        proposition_id=proposition.id,
        probability=last.probability,
        outcome=happened,
        recorded_at=last.recorded_at,
        brier=brier(last.probability, happened),
        log_score=log_score(last.probability, happened),
        time_weighted_brier=tw_brier,
        time_weighted_log=tw_log,
    )


def _from(start: datetime | None, timeline: list[tuple[datetime, float]]) -> list[tuple[datetime, float]]:
    """The timeline as it stood from ``start``: the credence held then, from then, and the later ones."""
    if start is None:
        return timeline
    earlier = [p for t, p in timeline if t <= start]
    later = [(t, p) for t, p in timeline if t > start]
    return ([(start, earlier[-1])] if earlier else []) + later


def resolved_forecasts(
    propositions: Iterable[Proposition], credences: Iterable[Credence], starts: Mapping[str, datetime] | None = None
) -> list[Forecast]:
    """A forecast per proposition resolved true or false (ambiguous and open ones are left out).

    ``starts`` gives, by proposition id, when its scoring begins (see score_proposition).
    """
    timelines = by_proposition(credences)
    starts = starts or {}
    out = []
    for prop in propositions:
        forecast = score_proposition(prop, timelines.get(prop.id, ()), starts.get(prop.id))
        if forecast is not None:
            out.append(forecast)
    return out


def summarize_scores(forecasts: Iterable[Forecast]) -> ScoreSummary:
    forecasts = list(forecasts)
    # Both time-weighted scores are there or neither is.
    weighted = [(f.time_weighted_brier, f.time_weighted_log) for f in forecasts
                if f.time_weighted_brier is not None and f.time_weighted_log is not None]
    logs = _finite_mean(f.log_score for f in forecasts)
    tw_logs = _finite_mean(log for _brier, log in weighted)
    return ScoreSummary(
        forecasts=len(forecasts),
        mean_brier=_mean([f.brier for f in forecasts]),
        mean_log=logs[0],
        log_infinite=logs[1],
        time_weighted=len(weighted),
        mean_time_weighted_brier=_mean([brier for brier, _log in weighted]),
        mean_time_weighted_log=tw_logs[0],
        time_weighted_log_infinite=tw_logs[1],
    )


def _mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def _finite_mean(values: Iterable[float]) -> tuple[float | None, int]:
    values = list(values)
    finite = [v for v in values if not math.isinf(v)]
    return _mean(finite), len(values) - len(finite)
