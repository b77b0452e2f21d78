"""How much each conversation moved you."""

from __future__ import annotations

import pytest
from measures_factories import conversation

from beliefupdate.domain.measures import conversation_movement, conversation_movements, restrict_to

LOG2_3 = 1.584962500721156


def test_total_movement_sums_finite_bits_and_counts_the_certain_ones():
    summary = conversation(
        1,
        [
            ("p1", 0.6, 0.8),  # +(3 - log2 3) bits
            ("p2", 0.5, 0.25),  # -log2 3 bits
            ("p3", 0.3, 0.3),  # no move
            ("p4", 0.9, 1.0),  # to certainty: infinite, left out of the sum
            ("p5", 0.4, None),  # not finished: not an update yet
        ],
        person="Sam",
    )
    m = conversation_movement(summary)
    assert m.total_bits == pytest.approx(3.0)  # (3 - log2 3) + log2 3
    assert (m.updates, m.moved, m.infinite) == (4, 3, 1)
    assert m.biggest.proposition_id == "p4"
    assert (m.person_name, m.title, m.handle) == ("Sam", "Conversation 1", 1)


def test_biggest_mover_is_the_largest_evidence_not_the_largest_change_in_points():
    # 50% -> 25% is 25 points and 1.58 bits; 90% -> 97% is 7 points but log2(97/3 / 9) = 1.85 bits
    m = conversation_movement(conversation(2, [("p1", 0.5, 0.25), ("p2", 0.9, 0.97)]))
    assert m.biggest.proposition_id == "p2"
    assert m.biggest.size.bits == pytest.approx(1.845, abs=1e-3)


def test_a_conversation_with_only_befores_has_moved_nothing_yet():
    m = conversation_movement(conversation(3, [("p1", 0.4, None)]))
    assert (m.updates, m.moved, m.infinite, m.total_bits, m.biggest) == (0, 0, 0, 0.0, None)


def test_a_single_update_that_did_not_move():
    m = conversation_movement(conversation(4, [("p1", 0.7, 0.7)]))
    assert (m.updates, m.moved, m.total_bits, m.biggest) == (1, 0, 0.0, None)


def test_one_row_per_conversation_in_the_order_given():
    rows = conversation_movements([conversation(2, [("p1", 0.5, 0.8)]), conversation(1, [("p1", 0.2, 0.5)])])
    assert [r.handle for r in rows] == [2, 1]
    assert [r.total_bits for r in rows] == pytest.approx([2.0, 2.0])


def test_restricting_to_some_propositions_drops_the_rest_and_the_conversations_left_empty():
    summaries = [
        conversation(1, [("p1", 0.5, 0.8), ("p2", 0.5, 0.2)]),
        conversation(2, [("p2", 0.2, 0.5)]),
    ]
    (only,) = restrict_to(summaries, {"p1"})
    assert [s.proposition_id for s in only.shifts] == ["p1"]
    assert conversation_movement(only).total_bits == pytest.approx(2.0)
