"""Measures that need no resolution: momentum or zig-zag in successive updates, and whether beliefs relax back.

A Bayesian's credences are a martingale: each change is unpredictable from the ones before,
so successive changes are uncorrelated, and between conversations a belief has no reason to
drift back against its last update. Each measure comes with its sample size and says
"too few to tell" below a threshold.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from beliefupdate.domain.measures._timeline import by_proposition, held_by_resolution
from beliefupdate.domain.measures.calibration import Z95
from beliefupdate.domain.measures.distributions import t_critical
from beliefupdate.domain.measures.drift import DriftSegment
from beliefupdate.domain.types import Credence, Proposition

MIN_PAIRS = 20
MIN_SEGMENTS = 10
TOO_FEW = "too few to tell"


@dataclass(frozen=True)
class SerialCorrelation:
    pairs: int  # successive pairs of changes, over all propositions
    correlation: float | None  # Σ dₜ·dₜ₊₁ / √(Σ dₜ² · Σ dₜ₊₁²): 0 for a Bayesian, > 0 momentum, < 0 zig-zag
    same_direction: int  # pairs whose two changes go the same way
    z: float | None  # correlation · √pairs
    reading: str  # "momentum", "zig-zag", "no clear sign" or "too few to tell"


@dataclass(frozen=True)
class DriftDirection:
    segments: int  # drift segments with a before and a move
    mean_drift: float | None  # mean of (end − after), in probability, over all segments
    mean_along_update: float | None  # mean of (end − after) · sign(after − before): < 0 relaxes back
    t: float | None
    critical: float | None  # Student's t, segments − 1 degrees of freedom, two-sided 5%
    reading: str  # "relaxes back", "keeps going", "no clear sign" or "too few to tell"


def serial_correlation(propositions: Iterable[Proposition], credences: Iterable[Credence]) -> SerialCorrelation:
    """Over each proposition's credences up to its resolution; steps that did not change are skipped."""
    timelines = by_proposition(credences)
    pairs: list[tuple[float, float]] = []
    for prop in propositions:
        held = [c.probability for c in held_by_resolution(prop, timelines.get(prop.id, ()))]
        steps = [b - a for a, b in pairwise(held) if b != a]
        pairs.extend(pairwise(steps))
    n = len(pairs)
    first, second = math.fsum(a * a for a, _ in pairs), math.fsum(b * b for _, b in pairs)
    r = math.fsum(a * b for a, b in pairs) / math.sqrt(first * second) if n and first > 0 and second > 0 else None
    z = r * math.sqrt(n) if r is not None else None
    if n < MIN_PAIRS or z is None:
        reading = TOO_FEW
    else:
        reading = "momentum" if z >= Z95 else "zig-zag" if z <= -Z95 else "no clear sign"
    return SerialCorrelation(n, r, sum(1 for a, b in pairs if (a > 0) == (b > 0)), z, reading)


def drift_direction(segments: Iterable[DriftSegment]) -> DriftDirection:
    segments = list(segments)
    along = [s.drift * (1 if s.after > s.before else -1) for s in segments
             if s.before is not None and s.after != s.before]
    n = len(along)
    mean = math.fsum(along) / n if n else None
    t = critical = None
    if mean is not None and n >= 2 and (sd := statistics.stdev(along)) > 0:
        t = mean / (sd / math.sqrt(n))
        critical = t_critical(n - 1)
    if n < MIN_SEGMENTS or t is None or critical is None:
        reading = TOO_FEW
    else:
        reading = "relaxes back" if t <= -critical else "keeps going" if t >= critical else "no clear sign"
    return DriftDirection(
        segments=n,
        mean_drift=math.fsum(s.drift for s in segments) / len(segments) if segments else None,
        mean_along_update=mean,
        t=t,
        critical=critical,
        reading=reading,
    )
