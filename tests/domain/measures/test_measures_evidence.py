"""Size of one update: points, bits and likelihood ratio, including updates to and from certainty."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beliefupdate.domain.measures import (
    bits,
    format_bits,
    format_evidence,
    format_likelihood_ratio,
    format_update_bits,
    likelihood_ratio,
    total_bits,
    update_size,
)

LOG2_3 = 1.584962500721156  # log2(3)
INF = math.inf


def test_sixty_to_eighty_percent_is_about_one_and_a_half_bits():
    # odds 60:40 = 1.5 become 80:20 = 4; ratio 4 / 1.5 = 8/3; log2(8/3) = 3 - log2(3)
    size = update_size(0.6, 0.8)
    assert size.change == pytest.approx(0.2)
    assert size.likelihood_ratio == pytest.approx(8 / 3)
    assert size.bits == pytest.approx(3 - LOG2_3)
    assert format_bits(size.bits) == "+1.4 bits"
    assert format_likelihood_ratio(size.likelihood_ratio) == "2.67 : 1"


def test_evidence_against_is_a_ratio_below_one():
    # 80% -> 60% is the same evidence pointing down: 3/8, written to 1 like every ratio
    assert bits(0.8, 0.6) == pytest.approx(LOG2_3 - 3)
    assert format_bits(bits(0.8, 0.6)) == "−1.4 bits"
    assert format_likelihood_ratio(likelihood_ratio(0.8, 0.6)) == "0.375 : 1"


@pytest.mark.parametrize(
    "before, after, expected_bits, expected_lr",
    [
        (0.5, 0.8, 2.0, 4.0),  # odds 1 -> 4
        (0.5, 0.2, -2.0, 0.25),  # odds 1 -> 1/4
        (0.5, 0.25, -LOG2_3, 1 / 3),  # odds 1 -> 1/3
        (0.2, 0.8, 4.0, 16.0),  # odds 1/4 -> 4
        (0.7, 0.7, 0.0, 1.0),  # no move
    ],
)
def test_bits_and_likelihood_ratio_by_hand(before, after, expected_bits, expected_lr):
    assert bits(before, after) == pytest.approx(expected_bits)
    assert likelihood_ratio(before, after) == pytest.approx(expected_lr)


@pytest.mark.parametrize(
    "before, after, expected",
    [
        (0.6, 1.0, INF),  # to certainty that it is true
        (0.0, 0.3, INF),  # from certainty that it is false
        (0.0, 1.0, INF),
        (1.0, 0.3, -INF),
        (0.4, 0.0, -INF),
        (1.0, 0.0, -INF),
    ],
)
def test_updates_to_or_from_certainty_are_infinitely_strong(before, after, expected):
    size = update_size(before, after)
    assert size.bits == expected
    assert size.infinite
    assert size.likelihood_ratio == (INF if expected > 0 else 0.0)
    arrow = "↑" if expected > 0 else "↓"
    way = "from" if before in (0.0, 1.0) else "to"
    assert format_update_bits(before, after) == f"{way} certainty {arrow}"
    assert format_evidence(before, after) == f"{way} certainty {arrow}"
    assert format_bits(size.bits) == ("+∞ bits" if expected > 0 else "−∞ bits")
    assert format_likelihood_ratio(size.likelihood_ratio) == ("∞ : 1" if expected > 0 else "0 : 1")


def test_leaving_certainty_is_not_called_certain():
    # 0% -> 50% moves away from certainty: the label must not read as a move towards it.
    assert format_update_bits(0.0, 0.5) == "from certainty ↑"
    assert format_update_bits(1.0, 0.5) == "from certainty ↓"
    assert format_update_bits(0.5, 1.0) == "to certainty ↑"


@pytest.mark.parametrize("p", [0.0, 1.0])
def test_staying_certain_is_no_evidence(p):
    size = update_size(p, p)
    assert size.bits == 0.0
    assert size.likelihood_ratio == 1.0
    assert not size.infinite and not size.moved
    assert format_bits(size.bits) == "±0 bits"
    assert format_likelihood_ratio(size.likelihood_ratio) == "1.00 : 1"


def test_sums_leave_infinite_updates_out_but_count_them():
    total = total_bits([2.0, -LOG2_3, INF, -INF, 0.0])
    assert total.total == pytest.approx(2 + LOG2_3)
    assert (total.finite, total.infinite) == (3, 2)
    assert total_bits([]).total == 0.0


@pytest.mark.parametrize(
    "value, text",
    [(0.04, "+0.04 bits"), (-0.004, "−<0.01 bits"), (12.345, "+12.3 bits"), (-0.96, "−1.0 bits")],
)
def test_bits_formatting(value, text):
    assert format_bits(value) == text


@pytest.mark.parametrize(
    "lr, text",
    [(4.0, "4.00 : 1"), (99.0, "99.0 : 1"), (9801.0, "9,800 : 1"), (998001.0, "998,000 : 1"), (1 / 9801, "0.000102 : 1"), (0.25, "0.250 : 1"),
     (1 / 3, "0.333 : 1"), (9.996, "10.0 : 1"), (99.96, "100 : 1"), (1e300, ">1,000,000 : 1"),
     (1e-300, "<0.000001 : 1")],
)
def test_likelihood_ratio_formatting(lr, text):
    assert format_likelihood_ratio(lr) == text


probability = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
interior = st.floats(min_value=1e-12, max_value=1 - 1e-12, allow_nan=False)


@given(probability, probability)
def test_bits_are_antisymmetric_and_never_nan(a, b):
    assert bits(a, b) == -bits(b, a)
    assert not math.isnan(bits(a, b))
    assert not math.isnan(likelihood_ratio(a, b))


@given(probability, probability)
def test_bits_point_the_way_the_credence_moved(a, b):
    # ">=" because two neighbouring floats near 0 can share a rounded log-odds
    if a < b:
        assert bits(a, b) >= 0
    elif a > b:
        assert bits(a, b) <= 0
    else:
        assert bits(a, b) == 0


@given(interior, interior, interior)
def test_bits_add_up_along_a_path(a, b, c):
    assert bits(a, b) + bits(b, c) == pytest.approx(bits(a, c), abs=1e-6)


@given(interior, interior)
def test_likelihood_ratio_takes_the_old_odds_to_the_new(a, b):
    assert a / (1 - a) * likelihood_ratio(a, b) == pytest.approx(b / (1 - b), rel=1e-6)
