"""Numbers as a person reads them, the same in the window, the command line's measures and the write-ups.

Credences and changes keep the digits that tell them from certainty (:mod:`.credence`);
everything else here is built on them or on a fixed number of decimals. A missing value
is a dash, never "None" or "nan", and negatives take the minus sign (−), not a hyphen:
a column of signed numbers then lines up, and a screen reader says "minus".
"""

from __future__ import annotations

import math

from beliefupdate.domain.credence import format_change, format_credence

DASH = "—"
MINUS = "−"


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


def percent(p: float | None) -> str:
    """A credence or a share of resolved outcomes: '70%', '99.99%'."""
    return DASH if p is None else format_credence(p)


def points(d: float | None) -> str:
    """A signed change in percentage points: '+20 pp', '−3.5 pp', '±0 pp'."""
    return DASH if d is None else format_change(d)


def abs_points(d: float | None) -> str:
    """A size in points, without a sign: '4.5 pp'."""
    return DASH if d is None else f"{abs(d) * 100:.1f}".removesuffix(".0") + " pp"


def whole_points(d: float) -> str:
    """A threshold in whole points: '10 pp'."""
    return f"{d * 100:.0f} pp"


def share(x: float | None) -> str:
    """A fraction as a whole percentage that may leave 0..100%: '67%', '130%', '−20%'."""
    return DASH if x is None else _minus(f"{x * 100:.0f}%")


def percent_range(lower: float, upper: float) -> str:
    """A range of credences in whole percent, the sign once: '60–70%'."""
    return f"{lower * 100:.0f}–{upper * 100:.0f}%"


def fixed(x: float | None, digits: int = 3) -> str:
    """A score with a fixed number of decimals: Brier '0.250', a ratio '1.37'."""
    return DASH if x is None else _minus(f"{x:.{digits}f}")


def signed(x: float | None, digits: int = 3) -> str:
    """A difference with its sign, '+0.313', '−0.050'; one that rounds to nothing has none: '0.000'."""
    if x is None:
        return DASH
    text = f"{x:+.{digits}f}"
    if float(text) == 0:
        return f"{0:.{digits}f}"
    return _minus(text)


def with_sign(x: float, digits: int = 2) -> str:
    """A test statistic or a skill, its sign always shown: 't = +2.31', 'z = −0.40', '+0.00'."""
    return _minus(f"{x:+.{digits}f}")


def plus_or_minus(x: float, digits: int = 2) -> str:
    """A symmetric cut-off or margin: '±2.26'."""
    return f"±{x:.{digits}f}"


def in_bits(b: float | None, digits: int = 1) -> str:
    """Evidence summed or averaged in bits: '4.5 bits'."""
    return DASH if b is None else _minus(f"{b:.{digits}f}") + " bits"


def log_bits(x: float | None) -> str:
    """A log score in bits, where certain and wrong is minus infinity: '−1.00 bits'."""
    if x is None:
        return DASH
    if math.isinf(x):
        return f"{MINUS}∞ (certain, wrong)"
    return _minus(f"{x:.2f}") + " bits"


def noun(n: int, word: str, plural: str = "") -> str:
    """``word`` as it goes with ``n``: 'stretch' for 1, 'stretches' for any other count."""
    return word if n == 1 else (plural or word + "s")


def counted(n: int, word: str, plural: str = "") -> str:
    """A count with its noun, the sample size a measure rests on: '1 update', '12 propositions'."""
    return f"{n} {noun(n, word, plural)}"


def part_of(part: int, whole: int) -> str:
    """How many of how many: '3 of 5'."""
    return f"{part} of {whole}"

