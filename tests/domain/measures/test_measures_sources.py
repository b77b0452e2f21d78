"""Who moves me most, per person and per kind of source, and whether they push one way."""

from __future__ import annotations

import pytest
from measures_factories import conversation

from beliefupdate.domain.measures import direction_consistency, influence_by_kind, influence_by_person
from beliefupdate.domain.measures.sources import NO_ONE
from beliefupdate.domain.types import Kind

# Updates chosen so their bits are whole numbers: 50->80% is +2, 50->20% is -2,
# 20->50% is +2, 50->66.7% is +1 (odds 1 -> 2).
TWO_THIRDS = 2 / 3


def journal():
    return [
        conversation(1, [("p1", 0.5, 0.8), ("p2", 0.5, 0.2)], person="Sam"),  # 4 bits
        conversation(2, [("p1", 0.5, TWO_THIRDS), ("p2", 0.2, 0.5)], person="Sam"),  # 3 bits
        conversation(3, [("p1", 0.2, 0.5)], person="Sam"),  # 2 bits
        conversation(4, [("p1", 0.5, 0.8), ("p3", 0.3, 1.0)], person="Alex", kind=Kind.AI),  # 2 bits + certain
        conversation(5, [("p1", 0.5, TWO_THIRDS)], kind=Kind.READING),  # 1 bit, no one named
        conversation(6, [("p2", 0.4, None)], person="Alex"),  # not finished
        conversation(7, [("p2", 0.0, 0.5)], person="Alex"),  # only a certain update
    ]


def test_who_moves_me_most_ranks_by_average_movement_per_conversation():
    rows = influence_by_person(journal())
    assert [(r.rank, r.label) for r in rows] == [(1, "Sam"), (2, "Alex"), (3, NO_ONE)]
    sam, alex, nobody = rows
    assert (sam.conversations, sam.measured, sam.updates, sam.moved, sam.infinite) == (3, 3, 5, 5, 0)
    assert sam.total_bits == pytest.approx(9.0)
    assert sam.mean_bits == pytest.approx(3.0)  # 9 bits over 3 conversations
    # Alex: three conversations, but only #4 has a finite update; the two certain ones are counted apart.
    assert (alex.key, alex.conversations, alex.measured, alex.infinite) == ("alex", 3, 1, 2)
    assert alex.mean_bits == pytest.approx(2.0)
    assert (nobody.key, nobody.mean_bits) == (None, pytest.approx(1.0))


def test_direction_consistency_of_a_person():
    sam = influence_by_person(journal())[0]
    # p1: up, up, up (3 of 3 the same way); p2: down then up (1 of 2): (3 + 1) / (3 + 2)
    assert sam.consistency == pytest.approx(0.8)
    assert sam.consistency_pairs == 2
    alex = influence_by_person(journal())[1]
    # p1 once, p3 once, p2 once: no proposition with two moves
    assert (alex.consistency, alex.consistency_pairs) == (None, 0)


def test_by_kind_of_source():
    rows = influence_by_kind(journal())
    assert [(r.label, r.conversations) for r in rows] == [("conversation", 5), ("ai", 1), ("reading", 1)]
    talk = rows[0]
    assert talk.mean_bits == pytest.approx(3.0)  # 9 bits over conversations 1-3; 6 and 7 add no finite bits
    assert talk.infinite == 1


@pytest.mark.parametrize(
    "directions, share, pairs",
    [
        ([("a", 1), ("a", 1), ("a", -1), ("b", 1), ("c", -1), ("c", -1)], 0.8, 2),  # (2 + 2) / (3 + 2)
        ([("a", 1), ("a", -1)], 0.5, 1),  # no pattern at all
        ([("a", 1)], None, 0),  # a single update says nothing about consistency
        ([], None, 0),
    ],
)
def test_direction_consistency_by_hand(directions, share, pairs):
    result = direction_consistency(directions)
    assert result.pairs == pairs
    assert result.share == (pytest.approx(share) if share is not None else None)


def test_no_conversations_no_rows():
    assert influence_by_person([]) == []
