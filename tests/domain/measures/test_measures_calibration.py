"""Calibration table over the full 0-100% range, with Wilson score intervals."""

from __future__ import annotations

import math

import pytest

from beliefupdate.domain.measures import calibration_table, wilson_interval

Z = 1.959963984540054
Z2 = Z * Z  # 3.841458820694124


def test_wilson_seven_of_ten_by_hand():
    # p = 0.7, n = 10: denominator 1 + 3.8415/10 = 1.38415
    # centre (0.7 + 3.8415/20) / 1.38415 = 0.89207 / 1.38415 = 0.64449
    # half 1.95996 / 1.38415 * sqrt(0.7*0.3/10 + 3.8415/400) = 1.41600 * 0.17494 = 0.24772
    low, high = wilson_interval(7, 10)
    assert low == pytest.approx(0.3968, abs=1e-4)
    assert high == pytest.approx(0.8922, abs=1e-4)
    denom = 1 + Z2 / 10
    centre = (0.7 + Z2 / 20) / denom
    half = Z / denom * math.sqrt(0.21 / 10 + Z2 / 400)
    assert (low, high) == (pytest.approx(centre - half), pytest.approx(centre + half))


@pytest.mark.parametrize(
    "hits, n, low, high",
    [
        (5, 10, 0.2366, 0.7634),  # centre 0.5, half 1.41600 * sqrt(0.025 + 0.0096) = 0.26340
        (0, 10, 0.0, 0.2775),  # high = 2 * 0.19207 / 1.38415
        (10, 10, 0.7225, 1.0),
        (1, 1, 0.2065, 1.0),  # a single data point: centre (1 + 1.92073) / 4.84146 = 0.60333, half 0.39667
        (0, 1, 0.0, 0.7935),
    ],
)
def test_wilson_by_hand(hits, n, low, high):
    assert wilson_interval(hits, n) == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))


def test_wilson_without_data_or_with_nonsense():
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError, match=r"."):  # any message: nonsense counts are refused
        wilson_interval(3, 2)


def test_ten_bins_cover_zero_to_one_hundred_percent():
    table = calibration_table(
        [(0.0, False), (0.05, False), (0.1, True), (0.3, True), (0.35, False), (0.7, True), (0.95, True), (1.0, True)]
    )
    assert len(table) == 10
    assert [(b.lower, b.upper) for b in table[:2]] == [(0.0, 0.1), (0.1, 0.2)]
    assert table[-1].upper == 1.0
    assert [b.count for b in table] == [2, 1, 0, 2, 0, 0, 0, 1, 0, 2]  # 0% in the first bin, 100% in the last
    first, _, empty, fourth, *_rest, last = table
    assert (first.hits, first.mean_forecast, first.observed) == (0, pytest.approx(0.025), 0.0)
    assert first.high == pytest.approx(2 * Z2 / 4 / (1 + Z2 / 2))  # Wilson for 0 of 2
    assert (empty.mean_forecast, empty.observed, empty.low, empty.high) == (None, None, None, None)
    assert (fourth.hits, fourth.mean_forecast, fourth.observed) == (1, pytest.approx(0.325), 0.5)
    assert (last.hits, last.mean_forecast, last.observed) == (2, pytest.approx(0.975), 1.0)
    assert table[7].count == 1  # 0.7 * 10 is 7.000000000000001 in floating point, still bin 7


def test_other_bin_counts():
    table = calibration_table([(0.3, True), (0.29, False)], bins=5)
    assert [b.count for b in table] == [0, 2, 0, 0, 0]
    with pytest.raises(ValueError, match=r"."):
        calibration_table([], bins=0)
    assert all(b.count == 0 for b in calibration_table([]))
