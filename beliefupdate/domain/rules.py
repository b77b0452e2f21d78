"""The rules a credence obeys wherever it is given: the journal, the command line, the
dialogs and import all check them here, and the database's CHECK constraints are built
from the same bounds (store/models.py)."""

from __future__ import annotations

from beliefupdate.domain.errors import InvalidInput

# Whole numbers, so that the CHECK constraints built from them read "probability >= 0".
LOWEST = 0
HIGHEST = 1

NEEDS_BEFORE = "an expected after goes with a before credence"


def check_probability(p: float, what: str = "probability") -> float:
    """``p`` as a float, or InvalidInput naming ``what`` if it is outside the bounds (or NaN)."""
    if not (LOWEST <= p <= HIGHEST):  # also rejects NaN
        raise InvalidInput(f"{what} {p!r} is outside {LOWEST}..{HIGHEST}")
    return float(p)


def check_expected_after(expected: float | None, *, has_before: bool) -> float | None:
    """An expected after is given with a before and stored on it: without one it has nowhere to go."""
    if expected is None:
        return None
    if not has_before:
        raise InvalidInput(NEEDS_BEFORE)
    return check_probability(expected, "expected after")
