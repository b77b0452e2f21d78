"""The few distribution functions the measures test against, exact and without SciPy.

Student's t with whole degrees of freedom has a closed-form distribution function
(Abramowitz & Stegun, Handbook of Mathematical Functions, 26.7.3 and 26.7.4), so its
quantile is found by bisection to full float precision.
"""

from __future__ import annotations

import math


def t_two_sided(t: float, df: int) -> float:
    """P(|T| < t) for Student's t with ``df`` degrees of freedom (t >= 0)."""
    if df < 1:
        raise ValueError("Student's t needs at least one degree of freedom")
    theta = math.atan(t / math.sqrt(df))
    c2 = math.cos(theta) ** 2
    s = math.sin(theta)
    if df % 2:  # odd: 2/pi (theta + sin cos (1 + 2/3 c² + 2·4/(3·5) c⁴ + ... up to c^(df-3)))
        if df == 1:
            return 2 * theta / math.pi
        term = total = 1.0
        for k in range(1, (df - 3) // 2 + 1):
            term *= c2 * (2 * k) / (2 * k + 1)
            total += term
        return 2 / math.pi * (theta + s * math.cos(theta) * total)
    # even: sin (1 + 1/2 c² + 1·3/(2·4) c⁴ + ... up to c^(df-2))
    term = total = 1.0
    for k in range(1, (df - 2) // 2 + 1):
        term *= c2 * (2 * k - 1) / (2 * k)
        total += term
    return s * total


def t_critical(df: int, level: float = 0.95) -> float:
    """The two-sided cut-off: |T| beyond it has probability 1 - ``level``. 2.262 for df 9 at 95%."""
    low, high = 0.0, 1.0
    while t_two_sided(high, df) < level:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if t_two_sided(mid, df) < level:
            low = mid
        else:
            high = mid
        if high - low <= 1e-15 * high:
            break
    return (low + high) / 2


def normal_two_sided_p(z: float) -> float:
    """P(|Z| >= |z|) for a standard normal Z."""
    return math.erfc(abs(z) / math.sqrt(2))
