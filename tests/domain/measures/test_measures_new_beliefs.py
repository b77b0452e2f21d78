"""Beliefs born in a conversation are counted as formed, never as updates from 50%."""

from __future__ import annotations

from dataclasses import replace

import pytest
from measures_factories import conversation

from beliefupdate.domain.measures import conversation_movement, influence_by_person


def born(summary, *pids):
    """``summary`` with the lone afters of ``pids`` marked as beliefs first thought of in it."""
    return replace(summary, shifts=tuple(replace(s, new=s.proposition_id in pids) for s in summary.shifts))


def test_a_new_belief_adds_no_bits_and_is_counted_as_formed():
    m = conversation_movement(born(conversation(1, [("p1", 0.5, 0.8), ("p2", None, 0.9)]), "p2"))
    assert (m.updates, m.moved, m.new_beliefs) == (1, 1, 1)
    assert m.total_bits == pytest.approx(2.0)  # 50% -> 80% alone: the 90% of p2 is no update from anywhere


def test_a_conversation_of_only_new_beliefs_moved_nothing():
    m = conversation_movement(born(conversation(1, [("p1", None, 0.7), ("p2", None, 0.2)]), "p1", "p2"))
    assert (m.updates, m.total_bits, m.biggest, m.new_beliefs) == (0, 0.0, None, 2)


def test_new_beliefs_are_counted_per_person():
    rows = influence_by_person([
        born(conversation(1, [("p1", 0.5, 0.8), ("p2", None, 0.9)], person="Sam"), "p2"),
        born(conversation(2, [("p3", None, 0.6), ("p4", None, 0.1)], person="Sam"), "p3", "p4"),
        conversation(3, [("p1", 0.8, 0.5), ("p5", None, 0.4)], person="Alex"),  # a lone after, not a first one
    ])
    by_name = {r.label: r for r in rows}
    assert by_name["Sam"].new_beliefs == 3 and by_name["Alex"].new_beliefs == 0
    assert by_name["Sam"].mean_bits == pytest.approx(2.0)  # only conversation 1 measured: the new beliefs add no bits
