"""How big one update is: percentage points, bits of evidence, and the likelihood ratio.

An update from p to q is worth log2(odds(q) / odds(p)) bits: the evidence that,
by Bayes' rule, takes odds(p) to odds(q). Updates that start or end at 0% or 100%
need infinite evidence; they are +inf or -inf (never NaN) and sums leave them out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


def log_odds(p: float) -> float:
    """log2(p / (1 - p)); -inf at 0 and +inf at 1."""
    if p <= 0.0:
        return -math.inf
    if p >= 1.0:
        return math.inf
    return math.log2(p) - math.log2(1.0 - p)


def bits(before: float, after: float) -> float:
    """Evidence in bits for moving from ``before`` to ``after``; +-inf to or from certainty."""
    if after == before:
        return 0.0
    start, end = log_odds(before), log_odds(after)
    if math.isinf(start) or math.isinf(end):
        return math.copysign(math.inf, after - before)
    return end - start


def likelihood_ratio(before: float, after: float) -> float:
    """The likelihood ratio that turns ``before`` into ``after``: 2**bits, so inf or 0 for certainty."""
    b = bits(before, after)
    if math.isinf(b):
        return math.inf if b > 0 else 0.0
    try:
        return math.pow(2.0, b)
    except OverflowError:  # beyond 2**1023: only reachable from credences within 1e-300 of certainty
        return math.inf


@dataclass(frozen=True)
class UpdateSize:
    """One update from ``before`` to ``after``, measured three ways."""

    before: float
    after: float
    change: float  # in probability; 0.2 is +20 pp
    bits: float
    likelihood_ratio: float

    @property
    def infinite(self) -> bool:
        return math.isinf(self.bits)

    @property
    def moved(self) -> bool:
        return self.after != self.before


def update_size(before: float, after: float) -> UpdateSize:
    return UpdateSize(before, after, after - before, bits(before, after), likelihood_ratio(before, after))


@dataclass(frozen=True)
class BitsTotal:
    """Absolute bits summed over finite updates; infinite ones are only counted."""

    total: float
    finite: int
    infinite: int


def total_bits(values: Iterable[float]) -> BitsTotal:
    total, finite, infinite = 0.0, 0, 0
    for b in values:
        if math.isinf(b):
            infinite += 1
        else:
            total += abs(b)
            finite += 1
    return BitsTotal(total, finite, infinite)


def format_bits(b: float) -> str:
    """'+1.4 bits', '−0.6 bits', '±0 bits'; '+∞ bits' / '−∞ bits' for infinite evidence.

    An update's own text comes from :func:`format_update_bits`, which names certainty's direction.
    """
    if math.isinf(b):
        return "+∞ bits" if b > 0 else "−∞ bits"
    if b == 0:
        return "±0 bits"
    sign = "+" if b > 0 else "−"
    text = f"{abs(b):.1f}"
    if text == "0.0":
        text = f"{abs(b):.2f}"
        if text == "0.00":
            text = "<0.01"
    return f"{sign}{text} bits"


def certainty_text(before: float, after: float) -> str:
    """'to certainty ↑' (50% → 100%), 'from certainty ↑' (0% → 50%), and the same with ↓.

    Leaving 0% or 100% is named apart from reaching it: no evidence can move a Bayesian off
    certainty, so "certain" alone would call a move away from it by the name of its opposite.
    """
    arrow = "↑" if after > before else "↓"
    way = "from" if before in (0.0, 1.0) else "to"
    return f"{way} certainty {arrow}"


def format_update_bits(before: float, after: float) -> str:
    """The evidence for moving from ``before`` to ``after``: '+1.4 bits', or 'to certainty ↑' when infinite."""
    b = bits(before, after)
    return certainty_text(before, after) if math.isinf(b) else format_bits(b)


def format_evidence(before: float, after: float, *, ratio_prefix: str = "") -> str:
    """'+1.4 bits · 2.67 : 1' for a move, 'to certainty ↑' to or from certainty (its ratio says nothing
    more), '' for none. The ratio is the implied one: what the move amounts to if it was Bayesian."""
    if after == before:
        return ""
    b = bits(before, after)
    if math.isinf(b):
        return certainty_text(before, after)
    return f"{format_bits(b)} · {ratio_prefix}{format_likelihood_ratio(likelihood_ratio(before, after))}"


RATIO_SHOWN = 1_000_000


def format_likelihood_ratio(lr: float) -> str:
    """'2.67 : 1' for evidence for, '0.375 : 1' for evidence against, '∞ : 1' and '0 : 1' at the extremes.

    Always the ratio to 1 and always three significant figures (9,801 is '9,800 : 1'), so every
    ratio reads (and sorts) the same way; the bits beside it carry the direction.
    """
    if math.isinf(lr):
        return "∞ : 1"
    if lr == 0:
        return "0 : 1"
    # Beyond a millionfold the digits say nothing the bits do not (and imported credences can go far beyond).
    if lr >= RATIO_SHOWN:
        return f">{RATIO_SHOWN:,.0f} : 1"
    if lr < 1 / RATIO_SHOWN:
        return f"<{1 / RATIO_SHOWN:.6f} : 1"
    return f"{_three_figures(lr)} : 1"


def _three_figures(x: float) -> str:
    """Three significant figures: 2.67, 99.0, 9,800, 998,000, 0.375, 0.0102."""
    rounded = float(f"{x:.3g}")  # first, so 9.996 shows as 10.0 rather than 10.00
    if rounded >= 100:
        return f"{rounded:,.0f}"
    return f"{rounded:.{2 - math.floor(math.log10(rounded))}f}"
