"""Over- or under-reaction: belief movement against uncertainty reduction.

Augenblick & Rabin, "Belief Movement, Uncertainty Reduction, and Rational Updating",
Quarterly Journal of Economics 136(2), 2021. For a belief path p0..pT, movement
m = sum (p_t - p_{t-1})^2 and uncertainty reduction r = p0(1-p0) - pT(1-pT) are equal
in expectation for a Bayesian, so excess movement X = m - r averages to zero.
"""

from __future__ import annotations

import enum
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from beliefupdate.domain.measures._timeline import by_proposition, held_by_resolution, outcome
from beliefupdate.domain.measures.distributions import t_critical
from beliefupdate.domain.numbers import counted, fixed, noun, plus_or_minus, with_sign
from beliefupdate.domain.types import Credence, Proposition

# Below these, a verdict would be noise: say so instead.
MIN_PROPOSITIONS = 10
MIN_MOVES = 30
# Two-sided 5% level, against Student's t with N - 1 degrees of freedom.
LEVEL = 0.95


@dataclass(frozen=True)
class ReactionPath:
    proposition_id: str | None
    points: int  # credences in the path, the resolution included
    moves: int  # steps that changed the credence
    start: float
    end: float
    resolved: bool  # the path ends at the resolution, 0 or 1
    movement: float  # m
    uncertainty_reduction: float  # r
    excess: float  # m - r
    leaves_certainty: bool = False  # a step away from 0% or 100%, which no Bayesian takes


class Reading(str, enum.Enum):
    TOO_FEW = "too few to tell"
    OVER = "over-reaction"
    UNDER = "under-reaction"
    CONSISTENT = "no clear sign"


@dataclass(frozen=True)
class ReactionSummary:
    propositions: int  # paths with at least one step that do not leave certainty: the ones tested
    resolved: int  # of those, paths ending at a resolution
    moves: int
    movement: float  # sum of m
    uncertainty_reduction: float  # sum of r
    excess: float  # sum of X
    mean_excess: float | None
    normalized: float | None  # sum m / sum r, when sum r > 0: 1 is what a Bayesian expects
    t: float | None  # mean X over its standard error; None below two paths or with no spread
    critical: float | None  # the two-sided 5% cut-off of Student's t with propositions - 1 degrees of freedom
    reading: Reading
    explanation: str
    out_of_certainty: tuple[str | None, ...] = ()  # paths left out of the test: they leave 0% or 100%
    heaviest: str | None = None  # the tested path with the largest |X|
    t_without_heaviest: float | None = None  # leave-one-out: t without it
    reading_without_heaviest: Reading | None = None


def reaction_path(
    probabilities: Sequence[float], *, resolved: bool = False, proposition_id: str | None = None
) -> ReactionPath:
    """m, r and X for one belief path (oldest first); a single credence has all three zero."""
    if not probabilities:
        raise ValueError("a belief path needs at least one credence")
    steps = [b - a for a, b in pairwise(probabilities)]
    leaves = any(a in (0.0, 1.0) and b != a for a, b in pairwise(probabilities))
    m = math.fsum(d * d for d in steps)
    p0, pt = probabilities[0], probabilities[-1]
    r = p0 * (1 - p0) - pt * (1 - pt)
    return ReactionPath(
        proposition_id=proposition_id,
        points=len(probabilities),
        moves=sum(1 for d in steps if d != 0),
        start=p0,
        end=pt,
        resolved=resolved,
        movement=m,
        uncertainty_reduction=r,
        excess=m - r,
        leaves_certainty=leaves,
    )


def belief_paths(propositions: Iterable[Proposition], credences: Iterable[Credence]) -> list[ReactionPath]:
    """One path per proposition with credences; a true or false resolution ends it at 1 or 0."""
    timelines = by_proposition(credences)
    out = []
    for prop in propositions:
        held = [c.probability for c in held_by_resolution(prop, timelines.get(prop.id, ()))]
        if not held:
            continue
        truth = outcome(prop)
        if truth is not None:
            held.append(truth)
        out.append(reaction_path(held, resolved=truth is not None, proposition_id=prop.id))
    return out


def summarize_reaction(paths: Iterable[ReactionPath]) -> ReactionSummary:
    stepped = [p for p in paths if p.points > 1]
    # Leaving certainty breaks the martingale the test rests on: such a path is reported, not tested.
    paths = [p for p in stepped if not p.leaves_certainty]
    n = len(paths)
    m = math.fsum(p.movement for p in paths)
    r = math.fsum(p.uncertainty_reduction for p in paths)
    xs = [p.excess for p in paths]
    mean = math.fsum(xs) / n if n else None
    t = _t(xs)
    moves = sum(p.moves for p in paths)
    resolved = sum(p.resolved for p in paths)
    normalized = m / r if r > 0 else None
    critical = t_critical(n - 1, LEVEL) if n >= 2 else None
    reading = _reading(n, moves, t, critical)
    heaviest = t_rest = reading_rest = None
    if n >= 3:
        # Leave-one-out on the path that weighs most; the size thresholds already passed with it in.
        i = max(range(n), key=lambda k: abs(xs[k]))
        heaviest = paths[i].proposition_id
        t_rest = _t(xs[:i] + xs[i + 1 :])
        reading_rest = _verdict(t_rest, t_critical(n - 2, LEVEL))
    out = tuple(p.proposition_id for p in stepped if p.leaves_certainty)
    return ReactionSummary(
        propositions=n,
        resolved=resolved,
        moves=moves,
        movement=m,
        uncertainty_reduction=r,
        excess=m - r,
        mean_excess=mean,
        normalized=normalized,
        t=t,
        critical=critical,
        reading=reading,
        explanation=_explain(reading, n, moves, resolved, normalized, t, critical, len(out), reading_rest, t_rest),
        out_of_certainty=out,
        heaviest=heaviest,
        t_without_heaviest=t_rest,
        reading_without_heaviest=reading_rest,
    )


def _t(xs: list[float]) -> float | None:
    """mean / (sd / sqrt(n)), the one-sample t statistic; None below two values or with no spread."""
    if len(xs) < 2:
        return None
    sd = statistics.stdev(xs)
    return math.fsum(xs) / len(xs) / (sd / math.sqrt(len(xs))) if sd > 0 else None


def _reading(n: int, moves: int, t: float | None, critical: float | None) -> Reading:
    if n < MIN_PROPOSITIONS or moves < MIN_MOVES:
        return Reading.TOO_FEW
    return _verdict(t, critical)


def _verdict(t: float | None, critical: float | None) -> Reading:
    if t is None or critical is None:
        return Reading.TOO_FEW
    if t >= critical:
        return Reading.OVER
    if t <= -critical:
        return Reading.UNDER
    return Reading.CONSISTENT


def _explain(
    reading: Reading, n: int, moves: int, resolved: int, normalized: float | None, t: float | None,
    critical: float | None, out: int, reading_rest: Reading | None, t_rest: float | None,
) -> str:
    ratio = f"movement is {fixed(normalized, 2)} times the uncertainty it resolved" if normalized is not None else ""
    left_out = (
        f" {counted(out, 'path')} leaving 0% or 100% {noun(out, 'is', 'are')} left out of the test:"
        " no evidence moves a Bayesian off certainty." if out else ""
    )
    if reading is Reading.TOO_FEW:
        so_far = f" So far {ratio}, which says little yet." if ratio else ""
        return (
            f"Too few to tell: {counted(n, 'proposition')} with {counted(moves, 'belief change')}; "
            f"a reading needs at least {MIN_PROPOSITIONS} propositions and {MIN_MOVES} changes.{so_far}{left_out}"
        )
    assert t is not None and critical is not None
    evidence = (
        f"{ratio or 'uncertainty did not shrink overall'} (t = {with_sign(t)} over {counted(n, 'proposition')}, "
        f"beyond {plus_or_minus(critical)} is a 5% result)"
    )
    if reading is Reading.OVER:
        text = (
            f"Your beliefs moved more than the uncertainty they resolved: {evidence}. "
            "That is the pattern of over-reaction, swinging further than the news warranted."
        )
    elif reading is Reading.UNDER:
        text = (
            f"Your beliefs moved less than the uncertainty they resolved: {evidence}. "
            "That is the pattern of under-reaction, growing certain in small, predictable steps."
        )
    else:
        text = (
            f"Your beliefs moved about as much as the uncertainty they resolved, as a Bayesian's would: {evidence}. "
            "No clear sign of over- or under-reaction."
        )
    if reading_rest is not None and reading_rest is not reading and reading_rest is not Reading.TOO_FEW:
        rest = f"t = {with_sign(t_rest)}" if t_rest is not None else "no spread left"
        text += f" The reading rests on one path: without the heaviest, {rest}, which reads as {reading_rest.value}."
    if resolved * 2 < n:
        text += " Most of these propositions are still open, so this covers only the stretch you have logged."
    return text + left_out
