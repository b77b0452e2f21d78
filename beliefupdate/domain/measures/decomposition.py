"""The Brier score taken apart (Murphy 1973), its skill against the base rate, and one overall calibration test.

Murphy: with forecasts grouped by their value f_k (n_k of them, ō_k of which came true) and
ō the share of all N that came true,
  Brier = reliability − resolution + uncertainty, where
  reliability = Σ n_k (f_k − ō_k)² / N, resolution = Σ n_k (ō_k − ō)² / N, uncertainty = ō(1 − ō).
Spiegelhalter (1986): z = Σ (o − p)(1 − 2p) / √Σ (1 − 2p)² p(1 − p), standard normal when calibrated.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from beliefupdate.domain.measures.distributions import normal_two_sided_p
from beliefupdate.domain.numbers import fixed, with_sign

# Below this many forecasts the overall test says "too few to tell" rather than give a verdict.
MIN_FORECASTS = 10


@dataclass(frozen=True)
class BrierDecomposition:
    forecasts: int
    brier: float | None  # the mean Brier score
    reliability: float | None  # 0 is perfect calibration; lower is better
    resolution: float | None  # how far outcomes differ between forecast values; higher is better
    uncertainty: float | None  # ō(1 − ō): the Brier of always forecasting the base rate
    base_rate: float | None  # ō
    skill: float | None  # 1 − Brier / uncertainty: 0 no better than the base rate, 1 perfect; None when uncertainty is 0
    spiegelhalter_z: float | None  # None when no forecast carries weight (all at 0%, 50% or 100%)
    spiegelhalter_p: float | None  # two-sided
    too_few: bool  # fewer than MIN_FORECASTS: read z as an illustration, not a verdict


def decompose(forecasts: Iterable[tuple[float, bool]]) -> BrierDecomposition:
    """From (probability, came true) pairs; forecasts are grouped by their exact value, so the identity holds exactly."""
    pairs = [(p, bool(h)) for p, h in forecasts]
    n = len(pairs)
    if not n:
        return BrierDecomposition(0, None, None, None, None, None, None, None, None, True)
    base = sum(h for _, h in pairs) / n
    groups: dict[float, list[bool]] = defaultdict(list)
    for p, h in pairs:
        groups[p].append(h)
    reliability = math.fsum(len(g) * (f - sum(g) / len(g)) ** 2 for f, g in groups.items()) / n
    resolution = math.fsum(len(g) * (sum(g) / len(g) - base) ** 2 for g in groups.values()) / n
    uncertainty = base * (1 - base)
    brier = math.fsum((p - h) ** 2 for p, h in pairs) / n
    variance = math.fsum((1 - 2 * p) ** 2 * p * (1 - p) for p, _ in pairs)
    z = math.fsum((h - p) * (1 - 2 * p) for p, h in pairs) / math.sqrt(variance) if variance > 0 else None
    return BrierDecomposition(
        forecasts=n,
        brier=brier,
        reliability=reliability,
        resolution=resolution,
        uncertainty=uncertainty,
        base_rate=base,
        skill=1 - brier / uncertainty if uncertainty > 0 else None,
        spiegelhalter_z=z,
        spiegelhalter_p=normal_two_sided_p(z) if z is not None else None,
        too_few=n < MIN_FORECASTS,
    )


def decomposition_text(d: BrierDecomposition) -> str:
    """One line for the app and the CLI alike: the three parts, the skill, and the overall test."""
    if d.brier is None:
        return ""
    assert d.reliability is not None and d.resolution is not None and d.uncertainty is not None
    text = (f"Brier {fixed(d.brier)} = reliability {fixed(d.reliability)} − resolution {fixed(d.resolution)}"
            f" + uncertainty {fixed(d.uncertainty)}")
    text += f"; skill against the base rate {with_sign(d.skill)}" if d.skill is not None else ""
    if d.spiegelhalter_z is None:
        return text + "; no overall calibration test (every forecast at 0%, 50% or 100%)."
    verdict = (f"too few to tell (a test needs {MIN_FORECASTS} forecasts)" if d.too_few
               else "a sign of miscalibration" if d.spiegelhalter_p is not None and d.spiegelhalter_p < 0.05
               else "consistent with calibration")
    return text + (f"; overall calibration z = {with_sign(d.spiegelhalter_z)}, "
                   f"p = {fixed(d.spiegelhalter_p, 2)} over {d.forecasts}: {verdict}.")
