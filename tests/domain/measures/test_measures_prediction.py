"""Predicted updates: the gap between the after you expected and the one you reached."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from beliefupdate.domain.measures import check_prediction, prediction_checks, summarize_predictions
from beliefupdate.domain.types import Shift


def test_an_expected_move_is_flagged_and_the_gap_measured():
    check = check_prediction(0.6, 0.7, 0.8)
    assert check.flagged
    assert check.expected_move == pytest.approx(0.1)
    assert check.gap == pytest.approx(0.1)
    # odds 7/3 -> 4: log2(12/7)
    assert check.surprise_bits == pytest.approx(math.log2(12 / 7))
    assert check.advice == (
        "You expected to move up from 60% to 70%: an expected move is a move you could make now."
    )


def test_expecting_to_stay_put_is_what_coherence_asks():
    check = check_prediction(0.6, 0.6, 0.5)
    assert not check.flagged
    assert check.gap == pytest.approx(-0.1)
    assert check.advice == "You expected to stay at 60%, as a coherent forecaster should."


def test_before_the_after_is_logged_only_the_flag_is_known():
    check = check_prediction(0.3, 0.2)
    assert check.flagged and "down from 30% to 20%" in check.advice
    assert (check.gap, check.surprise_bits) == (None, None)


def test_landing_at_certainty_you_did_not_expect_is_infinite_surprise():
    assert check_prediction(0.9, 0.9, 1.0).surprise_bits == math.inf


def test_summary_over_predictions():
    summary = summarize_predictions(
        [check_prediction(0.6, 0.7, 0.8), check_prediction(0.6, 0.6, 0.5), check_prediction(0.3, 0.2)]
    )
    assert (summary.predictions, summary.flagged, summary.finished) == (3, 2, 2)
    assert summary.mean_abs_gap == pytest.approx(0.1)  # (|+10| + |-10|) / 2 points
    assert summary.mean_gap == pytest.approx(0.0)
    assert summary.mean_abs_expected_move == pytest.approx(0.2 / 3)  # (10 + 0 + 10) / 3 points


def test_no_predictions():
    summary = summarize_predictions([])
    assert (summary.predictions, summary.mean_abs_gap, summary.mean_gap, summary.mean_abs_expected_move) == (
        0,
        None,
        None,
        None,
    )


@dataclass(frozen=True)
class Expecting:
    before: float | None
    expected_after: float | None
    after: float | None


def test_checks_come_from_anything_with_an_expected_after():
    items = [
        Expecting(0.6, 0.7, 0.8),
        Expecting(0.6, None, 0.8),  # no prediction made
        Expecting(None, 0.7, 0.8),  # no before to compare with
        Shift("p1", 1, "text", 0.5, 0.6),  # a record without the field at all
    ]
    assert [(c.before, c.expected, c.after) for c in prediction_checks(items)] == [(0.6, 0.7, 0.8)]
