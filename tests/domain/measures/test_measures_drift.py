"""Drift between conversations, and how much of each update stuck."""

from __future__ import annotations

import math

import pytest
from measures_factories import credence

from beliefupdate.domain.measures import (
    drift_by_conversation,
    drift_by_proposition,
    drift_segments,
    retained_fraction,
    summarize_drift,
)
from beliefupdate.domain.types import Phase

B, A, C = Phase.BEFORE, Phase.AFTER, Phase.CHECK_IN


def two_conversations():
    return [
        credence("p1", B, 0.5, 0, "c1"),
        credence("p1", A, 0.8, 1, "c1"),  # c1 moved 50 -> 80
        credence("p1", C, 0.75, 2),  # reflection
        credence("p1", B, 0.7, 3, "c2"),
        credence("p1", A, 0.6, 4, "c2"),  # c2 moved 70 -> 60
        credence("p1", C, 0.65, 5),  # no conversation since
    ]


def test_drift_runs_from_an_after_to_the_next_before_through_check_ins():
    first, _second = drift_segments(two_conversations())
    assert (first.conversation_id, first.next_conversation_id, first.closed) == ("c1", "c2", True)
    assert (first.after, first.end, first.check_ins) == (0.8, 0.7, 1)
    assert first.drift == pytest.approx(-0.1)
    assert first.drift_bits == pytest.approx(math.log2(7 / 3) - 2)  # odds 4 -> 7/3
    assert first.retained == pytest.approx(2 / 3)  # (70 - 50) / (80 - 50)


def test_without_a_next_conversation_the_drift_ends_at_the_last_check_in():
    second = drift_segments(two_conversations())[1]
    assert (second.conversation_id, second.next_conversation_id, second.closed) == ("c2", None, False)
    assert second.drift == pytest.approx(0.05)
    assert second.retained == pytest.approx(0.5)  # (65 - 70) / (60 - 70)


def test_how_much_stuck_weights_updates_by_their_size():
    summary = summarize_drift(drift_segments(two_conversations()))
    assert summary.segments == 2
    assert summary.total_abs_drift == pytest.approx(0.15)
    assert summary.mean_abs_drift == pytest.approx(0.075)
    # (2/3 * 30 pp + 1/2 * 10 pp) / (30 + 10) pp
    assert summary.retained == pytest.approx(0.625)
    assert summary.retained_updates == 2


def test_summaries_per_conversation_and_per_proposition():
    segments = drift_segments(two_conversations())
    per_conv = drift_by_conversation(segments)
    assert per_conv["c1"].retained == pytest.approx(2 / 3)
    assert per_conv["c2"].retained == pytest.approx(0.5)
    assert drift_by_proposition(segments)["p1"].segments == 2


def test_input_order_does_not_matter():
    assert drift_segments(reversed(two_conversations())) == drift_segments(two_conversations())


@pytest.mark.parametrize(
    "before, after, later, expected",
    [
        (0.5, 0.8, 0.8, 1.0),  # all of it stuck
        (0.5, 0.8, 0.5, 0.0),  # back where it started
        (0.5, 0.8, 0.9, 4 / 3),  # kept going
        (0.5, 0.8, 0.4, -1 / 3),  # swung back past the start
        (0.5, 0.5, 0.7, None),  # nothing moved, nothing to keep
        (None, 0.8, 0.7, None),  # no before recorded
        (0.6, 1.0, 0.9, 0.75),  # points, so certainty is no special case
    ],
)
def test_retained_fraction_by_hand(before, after, later, expected):
    result = retained_fraction(before, after, later)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_an_after_with_nothing_after_it_has_no_drift():
    assert drift_segments([credence("p1", B, 0.5, 0, "c1"), credence("p1", A, 0.8, 1, "c1")]) == []
    assert drift_segments([credence("p1", C, 0.5, 0)]) == []
    assert summarize_drift([]).mean_abs_drift is None


def test_a_next_conversation_without_a_before_ends_nothing():
    segments = drift_segments(
        [credence("p1", A, 0.8, 1, "c1"), credence("p1", A, 0.6, 2, "c2"), credence("p1", C, 0.7, 3)]
    )
    assert [(s.conversation_id, s.next_conversation_id, s.end) for s in segments] == [("c2", None, 0.7)]


def test_drift_away_from_certainty_is_infinite_evidence_but_finite_points():
    (segment,) = drift_segments(
        [credence("p1", B, 0.6, 0, "c1"), credence("p1", A, 1.0, 1, "c1"), credence("p1", B, 0.9, 2, "c2")]
    )
    assert segment.drift_bits == -math.inf
    assert segment.drift == pytest.approx(-0.1)
    assert segment.retained == pytest.approx(0.75)


def test_propositions_are_kept_apart():
    segments = drift_segments(
        [
            credence("p1", A, 0.8, 1, "c1"),
            credence("p2", A, 0.3, 1, "c1"),
            credence("p2", B, 0.4, 2, "c2"),
            credence("p1", B, 0.7, 3, "c3"),
        ]
    )
    assert sorted((s.proposition_id, s.next_conversation_id) for s in segments) == [("p1", "c3"), ("p2", "c2")]


def test_a_next_conversation_without_a_before_closes_the_drift_at_the_check_in_before_it():
    segments = drift_segments(
        [credence("p1", B, 0.5, 0, "c1"), credence("p1", A, 0.8, 1, "c1"), credence("p1", C, 0.7, 2),
         credence("p1", A, 0.6, 3, "c2")]
    )
    assert [(s.conversation_id, s.next_conversation_id, s.end, s.closed) for s in segments] == [
        ("c1", "c2", 0.7, True)]
