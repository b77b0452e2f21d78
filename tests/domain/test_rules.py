"""The rules a credence obeys, as every way in (journal, command line, dialog, import) applies them."""

from __future__ import annotations

import math

import pytest

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.rules import NEEDS_BEFORE, check_expected_after, check_probability


@pytest.mark.parametrize("p", [0, 0.25, 1])
def test_a_probability_within_bounds_is_kept(p):
    assert check_probability(p) == p and isinstance(check_probability(p), float)


@pytest.mark.parametrize("p", [-0.01, 1.01, math.nan, math.inf])
def test_a_probability_outside_bounds_is_refused_by_name(p):
    with pytest.raises(InvalidInput, match=f"expected after {p!r} is outside 0..1"):
        check_probability(p, "expected after")


def test_an_expected_after_needs_a_before():
    assert check_expected_after(None, has_before=False) is None
    assert check_expected_after(0.7, has_before=True) == 0.7
    with pytest.raises(InvalidInput, match=NEEDS_BEFORE):
        check_expected_after(0.7, has_before=False)
    with pytest.raises(InvalidInput, match="outside"):
        check_expected_after(1.7, has_before=True)
