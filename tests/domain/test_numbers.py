"""How numbers read, as the window's tables and summaries and the command line show them."""

import math

import pytest

from beliefupdate.domain import numbers as N


@pytest.mark.parametrize(
    "text, expected",
    [
        (N.percent(None), "—"),
        (N.percent(0.7), "70%"),
        (N.percent(0.9999), "99.99%"),
        (N.points(0.2), "+20 pp"),
        (N.points(-0.035), "−3.5 pp"),
        (N.points(None), "—"),
        (N.abs_points(-0.045), "4.5 pp"),
        (N.abs_points(0.04), "4 pp"),
        (N.whole_points(0.1), "10 pp"),
        (N.share(1.3), "130%"),
        (N.share(-0.2), "−20%"),
        (N.percent_range(0.6, 0.7), "60–70%"),
        (N.fixed(0.25), "0.250"),
        (N.fixed(None), "—"),
        (N.fixed(1.374, 2), "1.37"),
    ],
)
def test_percentages_points_and_scores(text, expected):
    assert text == expected


def test_a_signed_difference_that_rounds_to_nothing_has_no_sign_but_a_statistic_keeps_it():
    assert N.signed(0.3127) == "+0.313"
    assert N.signed(-0.05) == "−0.050"
    assert N.signed(-0.0001) == "0.000"
    assert N.signed(None) == "—"
    assert N.with_sign(2.3111) == "+2.31"
    assert N.with_sign(-0.4) == "−0.40"
    assert N.with_sign(0.0) == "+0.00"
    assert N.plus_or_minus(2.2622) == "±2.26"


def test_bits_and_log_scores():
    assert N.in_bits(4.46) == "4.5 bits"
    assert N.in_bits(None) == "—"
    assert N.log_bits(-1.0) == "−1.00 bits"
    assert N.log_bits(-math.inf) == "−∞ (certain, wrong)"


def test_counts_carry_their_noun():
    assert N.counted(1, "update") == "1 update"
    assert N.counted(0, "update") == "0 updates"
    assert N.counted(2, "stretch", "stretches") == "2 stretches"
    assert N.noun(1, "is", "are") == "is"
    assert N.noun(3, "is", "are") == "are"
    assert N.part_of(3, 5) == "3 of 5"
