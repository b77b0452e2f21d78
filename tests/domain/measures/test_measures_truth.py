"""Toward the truth: did conversations move you towards what happened (docs/measures.md, worked example)?"""

from __future__ import annotations

import math

import pytest
from measures_factories import conversation, proposition

from beliefupdate.domain.measures.truth import truth_by_conversation, truth_grouped, truth_score
from beliefupdate.domain.types import Resolution


def test_the_worked_example():
    props = {"p1": proposition("p1", Resolution.FALSE, 20), "p2": proposition("p2")}
    coffee = conversation(1, [("p1", 0.6, 0.8), ("p2", 0.5, 0.5)], person="Sam", at=1)
    call = conversation(2, [("p1", 0.75, 0.5)], person="Sam", at=10)
    by_conv = truth_by_conversation([coffee, call], props)
    assert by_conv["c1"].log_gain == pytest.approx(-1.0)  # log2 0.2 − log2 0.4
    assert by_conv["c1"].brier_gain == pytest.approx(0.36 - 0.64)
    assert (by_conv["c1"].scored, by_conv["c1"].moved, by_conv["c1"].right) == (1, 1, 0)  # p2 is open
    assert by_conv["c2"].log_gain == pytest.approx(1.0)  # log2 0.5 − log2 0.25
    sam = truth_grouped([coffee, call], props, lambda c: c.conversation.person_id)["sam"]
    assert sam.log_gain == pytest.approx(0.0) and sam.brier_gain == pytest.approx(0.0325)
    assert (sam.right, sam.moved, sam.right_share) == (1, 2, 0.5)


def test_updates_after_the_resolution_and_unmoved_ones():
    props = {"p1": proposition("p1", Resolution.TRUE, 5)}
    late = conversation(1, [("p1", 0.5, 0.9)], at=6)
    still = conversation(2, [("p1", 0.5, 0.5)], at=1)
    by_conv = truth_by_conversation([late, still], props)
    assert by_conv["c1"].scored == 0 and by_conv["c1"].mean_log_gain is None
    assert (by_conv["c2"].scored, by_conv["c2"].moved, by_conv["c2"].right_share) == (1, 0, None)


def test_a_certain_miss_is_counted_apart_from_the_bits():
    score = truth_score([(0.5, 0.0, True), (0.5, 0.75, True)])
    assert score.log_gain_infinite == 1
    assert score.log_gain == pytest.approx(math.log2(0.75) + 1)
    assert score.right == 1 and score.brier_gain == pytest.approx((0.25 - 1) + (0.25 - 0.0625))
