"""Coherence of cruxes by the law of total probability, worked by hand."""

from __future__ import annotations

import pytest
from measures_factories import day, proposition

from beliefupdate.domain.measures.coherence import crux_checks, implied, latest_conditionals
from beliefupdate.domain.types import CruxCredence, CruxLink


def conditionals(link: str, at: float, if_true: float, if_false: float) -> list[CruxCredence]:
    return [CruxCredence(f"{link}-t-{at}", link, True, if_true, day(at)),
            CruxCredence(f"{link}-f-{at}", link, False, if_false, day(at))]


def test_the_issue_example():
    # P(A) = 60%, P(B|A) = 80%, P(B|¬A) = 30%: 0.8·0.6 + 0.3·0.4 = 0.48 + 0.12 = 60%.
    assert implied(0.6, 0.8, 0.3) == pytest.approx(0.6)
    assert implied(1.0, 0.8, 0.3) == 0.8 and implied(0.0, 0.8, 0.3) == 0.3


def test_the_newest_conditionals_count_and_can_be_read_as_they_stood():
    creds = conditionals("l", 0, 0.8, 0.3) + conditionals("l", 5, 0.9, 0.1)
    assert latest_conditionals(creds) == {"l": (0.9, 0.1)}
    assert latest_conditionals(creds, at=day(2)) == {"l": (0.8, 0.3)}
    assert latest_conditionals(creds, at=day(-1)) == {}


def test_checks_are_sorted_by_gap_and_say_their_arithmetic():
    props = {p: proposition(p) for p in ("p1", "p2", "p3", "p4")}
    links = [CruxLink("near", "p2", "p1", day(0)), CruxLink("far", "p3", "p1", day(0)),
             CruxLink("unknown", "p4", "p1", day(0))]
    creds = conditionals("near", 0, 0.8, 0.3) + conditionals("far", 0, 0.8, 0.3)
    checks = crux_checks(links, creds, props, {"p1": 0.6, "p2": 0.62, "p3": 0.2, "p4": 0.5})
    assert [c.link_id for c in checks] == ["far", "near", "unknown"]
    far, near, unknown = checks
    assert far.gap == pytest.approx(-0.4) and far.differs() and not near.differs()
    assert far.arithmetic() == "80% × 60% + 30% × 40% = 60%; you say 20% (−40 pp)"
    assert near.differs(threshold=0.01)
    assert unknown.implied is None and unknown.gap is None and not unknown.differs()
    assert unknown.arithmetic() == "give P(A) and both conditional credences to check this crux"


def test_the_implied_history_steps_with_each_input_as_worked_by_hand():
    from beliefupdate.domain.measures.coherence import implied_history

    # Day 1: P(A) = 60%; day 2: P(B|A) = 80%, P(B|¬A) = 30%, so 0.8·0.6 + 0.3·0.4 = 60% from day 2.
    # Day 4: A moves to 20%: 0.8·0.2 + 0.3·0.8 = 0.16 + 0.24 = 40%.
    # Day 6: P(B|¬A) becomes 50%: 0.8·0.2 + 0.5·0.8 = 56%.
    a = [(day(1), 0.6), (day(4), 0.2)]
    creds = [*conditionals("l", 2, 0.8, 0.3), CruxCredence("l-f-6", "l", False, 0.5, day(6))]
    steps = implied_history(a, creds)
    assert [(s.at, round(s.value, 6)) for s in steps] == [(day(2), 0.6), (day(4), 0.4), (day(6), 0.56)]
    assert steps[1].arithmetic() == "80% × 20% + 30% × 80% = 40%"


def test_no_implied_value_until_all_three_are_known_and_one_step_per_moment():
    from beliefupdate.domain.measures.coherence import implied_history

    assert implied_history([(day(1), 0.6)], [CruxCredence("t", "l", True, 0.8, day(1))]) == []
    # A before and an after at the same moment, with the conditionals: one step, from the after.
    steps = implied_history([(day(3), 0.5), (day(3), 0.6)], conditionals("l", 3, 0.8, 0.3))
    assert [(s.at, round(s.value, 6)) for s in steps] == [(day(3), 0.6)]
    assert implied_history([], conditionals("l", 3, 0.8, 0.3)) == []
