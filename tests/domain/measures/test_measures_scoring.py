"""Brier and log scores of resolved propositions, at the last credence and over their life."""

from __future__ import annotations

import math

import pytest
from measures_factories import credence, day, proposition

from beliefupdate.domain.measures import (
    brier,
    log_score,
    resolved_forecasts,
    score_proposition,
    summarize_scores,
    time_weighted,
)
from beliefupdate.domain.types import Phase, Resolution

C = Phase.CHECK_IN
LOG2_08 = math.log2(0.8)  # -0.3219...


@pytest.mark.parametrize(
    "p, happened, expected_brier, expected_log",
    [
        (0.8, True, 0.04, LOG2_08),
        (0.8, False, 0.64, math.log2(0.2)),
        (0.5, True, 0.25, -1.0),  # a coin flip costs one bit
        (1.0, True, 0.0, 0.0),
        (0.0, False, 0.0, 0.0),
        (1.0, False, 1.0, -math.inf),  # certain and wrong
    ],
)
def test_scores_by_hand(p, happened, expected_brier, expected_log):
    assert brier(p, happened) == pytest.approx(expected_brier)
    assert log_score(p, happened) == pytest.approx(expected_log)


def test_last_credence_before_resolution_and_time_weighted_over_its_life():
    prop = proposition("p1", Resolution.TRUE, resolved_at=10)
    forecast = score_proposition(
        prop,
        [credence("p1", C, 0.5, 0), credence("p1", C, 0.8, 4), credence("p1", C, 0.9, 12)],  # day 12 is too late
    )
    assert (forecast.probability, forecast.outcome, forecast.recorded_at) == (0.8, True, day(4))
    assert forecast.brier == pytest.approx(0.04)
    assert forecast.log_score == pytest.approx(LOG2_08)
    # 50% held for days 0-4, 80% for days 4-10
    assert forecast.time_weighted_brier == pytest.approx((4 * 0.25 + 6 * 0.04) / 10)  # 0.124
    assert forecast.time_weighted_log == pytest.approx((4 * -1 + 6 * LOG2_08) / 10)


def test_a_single_credence_scores_the_same_both_ways():
    forecast = score_proposition(proposition("p1", Resolution.FALSE, resolved_at=5), [credence("p1", C, 0.7, 0)])
    assert forecast.brier == pytest.approx(0.49)
    assert forecast.log_score == pytest.approx(math.log2(0.3))
    assert forecast.time_weighted_brier == pytest.approx(0.49)
    assert forecast.time_weighted_log == pytest.approx(math.log2(0.3))


def test_a_credence_recorded_at_the_resolution_counts_but_spans_no_time():
    forecast = score_proposition(proposition("p1", Resolution.TRUE, resolved_at=3), [credence("p1", C, 0.9, 3)])
    assert forecast.brier == pytest.approx(0.01)
    assert (forecast.time_weighted_brier, forecast.time_weighted_log) == (None, None)


def test_without_a_resolution_time_there_is_no_time_weighting():
    forecast = score_proposition(proposition("p1", Resolution.TRUE), [credence("p1", C, 0.9, 3)])
    assert forecast.brier == pytest.approx(0.01)
    assert forecast.time_weighted_brier is None


def test_certainty_held_for_no_time_does_not_poison_the_time_weighted_log_score():
    forecast = score_proposition(
        proposition("p1", Resolution.TRUE, resolved_at=10),
        [credence("p1", Phase.BEFORE, 0.0, 0, "c1"), credence("p1", Phase.AFTER, 0.6, 0, "c1")],
    )
    assert forecast.time_weighted_log == pytest.approx(math.log2(0.6))


def test_certain_and_wrong_for_a_while_is_infinitely_bad():
    timeline = [(day(0), 1.0), (day(5), 0.5)]
    assert time_weighted(timeline, day(10), lambda p: log_score(p, False)) == -math.inf
    assert time_weighted(timeline, day(10), lambda p: brier(p, False)) == pytest.approx((5 * 1 + 5 * 0.25) / 10)
    assert time_weighted([], day(10), lambda p: p) is None


@pytest.mark.parametrize("resolution", [Resolution.OPEN, Resolution.AMBIGUOUS])
def test_open_and_ambiguous_propositions_are_not_scored(resolution):
    assert score_proposition(proposition("p1", resolution, 3), [credence("p1", C, 0.9, 1)]) is None


def test_a_resolution_before_any_credence_has_nothing_to_score():
    assert score_proposition(proposition("p1", Resolution.TRUE, 1), [credence("p1", C, 0.9, 2)]) is None


def test_summary_averages_finite_scores_and_counts_the_infinite():
    props = [
        proposition("p1", Resolution.TRUE, 10),
        proposition("p2", Resolution.FALSE, 10),
        proposition("p3", Resolution.AMBIGUOUS, 10),
        proposition("p4"),
    ]
    credences = [
        credence("p1", C, 0.8, 0),
        credence("p2", C, 1.0, 0),
        credence("p3", C, 0.5, 0),
        credence("p4", C, 0.5, 0),
    ]
    forecasts = resolved_forecasts(props, credences)
    assert [f.proposition_id for f in forecasts] == ["p1", "p2"]
    summary = summarize_scores(forecasts)
    assert summary.forecasts == 2
    assert summary.mean_brier == pytest.approx((0.04 + 1.0) / 2)
    assert summary.mean_log == pytest.approx(LOG2_08)  # the certain-and-wrong one is counted, not averaged
    assert summary.log_infinite == 1
    assert summary.time_weighted == 2
    assert summary.mean_time_weighted_brier == pytest.approx(0.52)
    assert summary.time_weighted_log_infinite == 1


def test_no_forecasts():
    summary = summarize_scores([])
    assert (summary.forecasts, summary.mean_brier, summary.mean_log, summary.log_infinite) == (0, None, None, 0)
