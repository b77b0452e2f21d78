"""Calibration: how often things you gave p% to came true, bin by bin, with a Wilson interval."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

# Two-sided 95%: the 0.975 quantile of the standard normal.
Z95 = 1.959963984540054


@dataclass(frozen=True)
class CalibrationBin:
    lower: float  # the first bin includes 0
    upper: float  # the last bin includes 1; others exclude their upper edge
    count: int
    hits: int  # forecasts in the bin that came true
    mean_forecast: float | None  # where the point sits on the forecast axis; None when empty
    observed: float | None  # hits / count
    low: float | None  # Wilson score interval for the observed frequency
    high: float | None


def wilson_interval(hits: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for ``hits`` successes in ``n`` trials; None for n = 0.

    centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²).
    """
    if n <= 0:
        return None
    if not 0 <= hits <= n:
        raise ValueError(f"{hits} successes in {n} trials")
    p = hits / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def bin_index(p: float, bins: int) -> int:
    # The epsilon keeps 0.3 (stored as 0.29999...) out of the bin below.
    return min(max(math.floor(p * bins + 1e-9), 0), bins - 1)


def calibration_table(forecasts: Iterable[tuple[float, bool]], bins: int = 10) -> tuple[CalibrationBin, ...]:
    """Every bin over 0-100%, empty ones included, from (probability, came true) pairs."""
    if bins < 1:
        raise ValueError("need at least one bin")
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for p, happened in forecasts:
        groups[bin_index(p, bins)].append((p, bool(happened)))
    out = []
    for i, group in enumerate(groups):
        n = len(group)
        hits = sum(h for _, h in group)
        interval = wilson_interval(hits, n)
        out.append(
            CalibrationBin(
                lower=i / bins,
                upper=(i + 1) / bins,
                count=n,
                hits=hits,
                mean_forecast=math.fsum(p for p, _ in group) / n if n else None,
                observed=hits / n if n else None,
                low=interval[0] if interval else None,
                high=interval[1] if interval else None,
            )
        )
    return tuple(out)
