"""Parse what people type as a credence, and format probabilities back.

Accepted: ``70%``, ``70``, ``70.5%`` (percent); ``0.7``, ``.7``, ``1.0`` (a
probability when written with a decimal point and at most 1); ``3:1`` (odds
for:against); ``1 in 4`` (a frequency).
"""

from __future__ import annotations

import math
import re

from beliefupdate.domain.errors import InvalidInput

_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_PERCENT = re.compile(rf"^({_NUMBER})\s*%$")
_PLAIN = re.compile(rf"^({_NUMBER})$")
_ODDS = re.compile(rf"^({_NUMBER})\s*:\s*({_NUMBER})$")
_IN = re.compile(rf"^({_NUMBER})\s+in\s+({_NUMBER})$", re.IGNORECASE)


class CredenceError(InvalidInput):
    pass


def parse_credence(text: str) -> float:
    """Return the probability in [0, 1] that ``text`` denotes, or raise CredenceError."""
    raw = text
    s = text.strip()
    if not s:
        raise CredenceError("empty credence: type a percentage like 70%, a probability like 0.7, or odds like 3:1")
    if m := _PERCENT.match(s):
        return _from_percent(_finite(m.group(1), raw), raw)
    if m := _PLAIN.match(s):
        value = _finite(m.group(1), raw)
        if "." in s and value <= 1:
            return value
        return _from_percent(value, raw)
    if m := _ODDS.match(s):
        for_, against = _finite(m.group(1), raw), _finite(m.group(2), raw)
        if for_ + against == 0:
            raise CredenceError(f"credence {raw!r}: odds 0:0 say nothing")
        return for_ / (for_ + against)
    if m := _IN.match(s):
        k, n = _finite(m.group(1), raw), _finite(m.group(2), raw)
        if n == 0:
            raise CredenceError(f"credence {raw!r}: '1 in 0' is not a frequency")
        if k > n:
            raise CredenceError(f"credence {raw!r}: more than {m.group(2)} in {m.group(2)} is above 100%")
        return k / n
    if s.startswith("-") and _reads_as_number(s[1:]):
        raise CredenceError(f"credence {raw!r} is negative; credences run from 0% to 100%")
    raise CredenceError(
        f"cannot read {raw!r} as a credence; use 70%, 0.7, 3:1 or 1 in 4"
    )


def _reads_as_number(s: str) -> bool:
    """Whether ``s`` (what follows a '-') is a credence or a number such as inf: then the '-' made it negative."""
    try:
        parse_credence(s)
    except CredenceError:
        try:
            return not math.isnan(float(s))
        except ValueError:
            return False
    return True


def _finite(digits: str, raw: str) -> float:
    # Hundreds of digits overflow to inf, and inf:inf would slip through as NaN.
    value = float(digits)
    if not math.isfinite(value):
        raise CredenceError(f"credence {raw!r} has a number too large to use")
    return value


def _from_percent(value: float, raw: str) -> float:
    if value > 100:
        raise CredenceError(f"credence {raw!r} is above 100%")
    return value / 100


def format_credence(p: float) -> str:
    """Percent with one decimal at most, more near 0% and 100%: 0.7 -> '70%', 0.705 -> '70.5%', 0.9999 -> '99.99%'.

    Only 0 and 1 are certain (their updates need infinite evidence), so a credence
    short of them is never rounded onto them: it gets the digits that tell it apart.
    """
    percent = p * 100
    text = f"{percent:.{_decimals(min(percent, 100 - percent))}f}"
    text = text.rstrip("0").removesuffix(".") if "." in text else text
    if text == "-0":
        text = "0"
    return text + "%"


def _decimals(distance: float) -> int:
    """One decimal, or down to the first digit of ``distance`` (in points) when it lies between 0 and 1."""
    if not 0 < distance < 1:
        return 1
    return max(1, -math.floor(math.log10(distance)))


def format_change(delta: float) -> str:
    """A change in probability as signed percentage points: +20 pp, -3.5 pp, ±0 pp.

    A change short of the whole range keeps the digits that tell it from ±100 pp,
    as the credences either side of it do.
    """
    size = abs(delta) * 100
    text = f"{size:.{_decimals(100 - size)}f}"
    text = text.rstrip("0").removesuffix(".")
    if text == "0":
        return "±0 pp"
    return f"{'+' if delta > 0 else '−'}{text} pp"
