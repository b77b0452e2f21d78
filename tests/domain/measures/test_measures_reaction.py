"""Over- or under-reaction: movement against uncertainty reduction (Augenblick & Rabin 2021)."""

from __future__ import annotations

import pytest
from measures_factories import credence, proposition

from beliefupdate.domain.measures import Reading, belief_paths, reaction_path, summarize_reaction
from beliefupdate.domain.measures.distributions import t_critical
from beliefupdate.domain.measures.reaction import MIN_MOVES, MIN_PROPOSITIONS
from beliefupdate.domain.types import Phase, Resolution

C = Phase.CHECK_IN


def test_a_single_credence_has_neither_movement_nor_reduction():
    path = reaction_path([0.7])
    assert (path.points, path.moves, path.movement, path.uncertainty_reduction, path.excess) == (1, 0, 0, 0, 0)


def test_one_step_by_hand():
    path = reaction_path([0.6, 0.8])
    assert path.movement == pytest.approx(0.04)  # 0.2^2
    assert path.uncertainty_reduction == pytest.approx(0.08)  # 0.6*0.4 - 0.8*0.2 = 0.24 - 0.16
    assert path.excess == pytest.approx(-0.04)


def test_bouncing_back_is_movement_without_reduction():
    path = reaction_path([0.5, 0.8, 0.5])
    assert path.movement == pytest.approx(0.18)  # 0.09 + 0.09
    assert path.uncertainty_reduction == pytest.approx(0.0)
    assert path.excess == pytest.approx(0.18)
    assert path.moves == 2


def test_a_path_needs_a_credence():
    with pytest.raises(ValueError, match=r"."):
        reaction_path([])


def test_resolved_paths_end_at_the_truth_and_ignore_later_credences():
    props = [proposition("p1", Resolution.TRUE, resolved_at=10), proposition("p2", Resolution.AMBIGUOUS, 10)]
    credences = [
        credence("p1", C, 0.8, 4),
        credence("p1", C, 0.6, 0),  # given out of order on purpose
        credence("p1", C, 0.95, 12),  # after the resolution: not a forecast
        credence("p2", C, 0.3, 0),
        credence("p2", C, 0.4, 1),
    ]
    p1, p2 = belief_paths(props, credences)
    assert (p1.points, p1.resolved, p1.start, p1.end) == (3, True, 0.6, 1.0)  # 0.6, 0.8, then true
    assert p1.movement == pytest.approx(0.08)  # 0.2^2 + 0.2^2
    assert p1.uncertainty_reduction == pytest.approx(0.24)  # 0.6*0.4 - 0
    assert p1.excess == pytest.approx(-0.16)
    # ambiguous: the path stops where the credences stop
    assert (p2.points, p2.resolved, p2.end) == (2, False, 0.4)


def test_propositions_without_credences_have_no_path():
    assert belief_paths([proposition("p1")], []) == []


def over(n):
    # X = 4 * 0.09 = 0.36 and X = 4 * 0.04 = 0.16, both with no uncertainty reduction
    return [[0.5, 0.8, 0.5, 0.8, 0.5] if i % 2 else [0.5, 0.7, 0.5, 0.7, 0.5] for i in range(n)]


def test_few_data_say_too_few_to_tell_even_when_the_numbers_lean():
    summary = summarize_reaction(reaction_path(p) for p in over(2))
    assert summary.reading is Reading.TOO_FEW
    assert summary.explanation.startswith("Too few to tell: 2 propositions with 8 belief changes")
    assert summary.excess == pytest.approx(0.52)
    assert summary.mean_excess == pytest.approx(0.26)


def test_many_propositions_with_few_moves_are_still_too_few():
    summary = summarize_reaction(reaction_path([0.5, 0.9 if i % 2 else 0.7]) for i in range(12))
    assert summary.propositions >= MIN_PROPOSITIONS and summary.moves < MIN_MOVES
    assert summary.reading is Reading.TOO_FEW


def test_steady_bouncing_reads_as_over_reaction():
    summary = summarize_reaction(reaction_path(p) for p in over(10))
    # five paths at 0.36 and five at 0.16: mean 0.26, sample sd sqrt(10 * 0.1^2 / 9), se = sd / sqrt(10) = 1/30
    assert summary.mean_excess == pytest.approx(0.26)
    assert summary.t == pytest.approx(7.8)
    assert (summary.propositions, summary.moves) == (10, 40)
    assert summary.normalized is None  # no uncertainty was reduced overall
    assert summary.reading is Reading.OVER
    assert "over-reaction" in summary.explanation and "still open" in summary.explanation


def test_creeping_towards_certainty_reads_as_under_reaction():
    creep = [[0.5, 0.6, 0.7, 0.8, 0.9] if i % 2 else [0.5, 0.6, 0.7, 0.8] for i in range(10)]
    summary = summarize_reaction(reaction_path(p) for p in creep)
    # X = 0.04 - (0.25 - 0.09) = -0.12 and X = 0.03 - (0.25 - 0.16) = -0.06; mean -0.09, se 0.01
    assert summary.t == pytest.approx(-9.0)
    assert summary.normalized == pytest.approx(0.35 / 1.25)  # sum m / sum r
    assert summary.reading is Reading.UNDER


def test_balanced_paths_show_no_clear_sign():
    mixed = [[0.5, 0.8, 0.5, 0.8] if i % 2 else [0.5, 0.6, 0.7, 0.8, 0.9] for i in range(10)]
    summary = summarize_reaction(reaction_path(p) for p in mixed)
    # X = 0.27 - 0.09 = 0.18 and -0.12; mean 0.03, sd sqrt(10 * 0.15^2 / 9), se 0.05
    assert summary.t == pytest.approx(0.6)
    assert summary.reading is Reading.CONSISTENT


def test_single_points_do_not_count_as_data():
    summary = summarize_reaction([reaction_path([0.5]), reaction_path([0.6, 0.8])])
    assert (summary.propositions, summary.moves, summary.t) == (1, 1, None)
    assert summary.explanation.startswith("Too few to tell: 1 proposition with 1 belief change;")


def test_nothing_at_all():
    summary = summarize_reaction([])
    assert (summary.propositions, summary.mean_excess, summary.normalized, summary.reading) == (
        0,
        None,
        None,
        Reading.TOO_FEW,
    )


@pytest.mark.parametrize("df, cut", [(1, 12.7062), (2, 4.3027), (9, 2.2622), (30, 2.0423), (1000, 1.9623)])
def test_student_t_cut_offs_match_the_tables(df, cut):
    assert t_critical(df) == pytest.approx(cut, abs=5e-5)


def bounce(d):
    return [0.5, 0.5 + d, 0.5, 0.5 + d, 0.5]


CREEP = [0.5, 0.6, 0.7, 0.8, 0.9]


def test_ten_propositions_are_judged_against_t_with_nine_degrees_of_freedom_not_the_normal():
    summary = summarize_reaction(reaction_path(p) for p in [bounce(0.3)] * 6 + [CREEP] * 4)
    # X = 4 · 0.09 = 0.36 six times, X = 0.04 − 0.16 = −0.12 four times: mean 0.168,
    # sd = sqrt((6 · 0.192² + 4 · 0.288²) / 9) = 0.2479, t = 0.168 / (0.2479 / √10) = 2.14:
    # beyond the normal's 1.96 but short of t's 2.26 with 9 degrees of freedom
    assert summary.t == pytest.approx(2.1433, abs=1e-4)
    assert summary.critical == pytest.approx(2.2622, abs=1e-4)
    assert summary.reading is Reading.CONSISTENT
    assert "t = +2.14 over 10 propositions, beyond ±2.26 is a 5% result" in summary.explanation


def test_paths_that_leave_certainty_are_reported_and_left_out_of_the_test():
    paths = [reaction_path(p, proposition_id=f"p{i}") for i, p in enumerate([bounce(0.3)] * 6 + [CREEP] * 4)]
    paths += [reaction_path([0.0, 0.5, 0.0, 0.5, 0.0], proposition_id="sure"),
              reaction_path([0.9, 1.0, 0.6], proposition_id="wobbly")]
    assert [p.leaves_certainty for p in paths[-2:]] == [True, True]
    summary = summarize_reaction(paths)
    assert summary.out_of_certainty == ("sure", "wobbly")
    assert summary.propositions == 10 and summary.t == pytest.approx(2.1433, abs=1e-4)
    assert summary.reading is Reading.CONSISTENT
    assert "2 paths leaving 0% or 100% are left out of the test" in summary.explanation


def test_a_reading_that_rests_on_one_path_says_so():
    paths = [bounce(0.45)] + [bounce(0.1)] * 3 + [CREEP] * 6
    summary = summarize_reaction(reaction_path(p, proposition_id=f"p{i}") for i, p in enumerate(paths))
    # X = 4 · 0.2025 = 0.81 for the first path outweighs all the others
    assert summary.heaviest == "p0"
    assert summary.reading is Reading.CONSISTENT and summary.t == pytest.approx(0.2311, abs=1e-4)
    # without it: 0.04 three times and −0.12 six times, mean −0.0667, t = −2.50 beyond t(8) = 2.31
    assert summary.t_without_heaviest == pytest.approx(-2.5)
    assert summary.reading_without_heaviest is Reading.UNDER
    assert "rests on one path: without the heaviest, t = −2.50, which reads as under-reaction" in summary.explanation
