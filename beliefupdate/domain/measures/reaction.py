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
from itertools import pairwise
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from beliefupdate.domain.measures._timeline import by_proposition, held_by_resolution, outcome
from beliefupdate.domain.types import Credence, Proposition

# Below these, a verdict would be noise: say so instead.
MIN_PROPOSITIONS = 10
MIN_MOVES = 30
# Two-sided 5% level for the z-statistic of mean excess movement.
Z_CRITICAL = 1.96


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


class Reading(str, enum.Enum):
    TOO_FEW = "too few to tell"
    OVER = "over-reaction"
    UNDER = "under-reaction"
    CONSISTENT = "no clear sign"


@dataclass(frozen=True)
class ReactionSummary:
    propositions: int  # paths with at least one step
    resolved: int  # of those, paths ending at a resolution
    moves: int
    movement: float  # sum of m
    uncertainty_reduction: float  # sum of r
    excess: float  # sum of X
    mean_excess: float | None
    normalized: float | None  # sum m / sum r, when sum r > 0: 1 is what a Bayesian expects
    z: float | None  # mean X over its standard error; None below two paths or with no spread
    reading: Reading
    explanation: str


def reaction_path(
    probabilities: Sequence[float], *, resolved: bool = False, proposition_id: str | None = None
) -> ReactionPath:
    """m, r and X for one belief path (oldest first); a single credence has all three zero."""
    if not probabilities:
        raise ValueError("a belief path needs at least one credence")
    steps = [b - a for a, b in pairwise(probabilities)]
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
    paths = [p for p in paths if p.points > 1]
    n = len(paths)
    m = math.fsum(p.movement for p in paths)
    r = math.fsum(p.uncertainty_reduction for p in paths)
    xs = [p.excess for p in paths]
    mean = math.fsum(xs) / n if n else None
    z = None
    if n >= 2 and mean is not None:
        sd = statistics.stdev(xs)
        if sd > 0:
            z = mean / (sd / math.sqrt(n))
    moves = sum(p.moves for p in paths)
    resolved = sum(p.resolved for p in paths)
    normalized = m / r if r > 0 else None
    reading = _reading(n, moves, z)
    return ReactionSummary(
        propositions=n,
        resolved=resolved,
        moves=moves,
        movement=m,
        uncertainty_reduction=r,
        excess=m - r,
        mean_excess=mean,
        normalized=normalized,
        z=z,
        reading=reading,
        explanation=_explain(reading, n, moves, resolved, normalized, z),
    )


def _reading(n: int, moves: int, z: float | None) -> Reading:
    if n < MIN_PROPOSITIONS or moves < MIN_MOVES or z is None:
        return Reading.TOO_FEW
    if z >= Z_CRITICAL:
        return Reading.OVER
    if z <= -Z_CRITICAL:
        return Reading.UNDER
    return Reading.CONSISTENT


def _explain(reading: Reading, n: int, moves: int, resolved: int, normalized: float | None, z: float | None) -> str:
    ratio = f"movement is {normalized:.2f} times the uncertainty it resolved" if normalized is not None else ""
    if reading is Reading.TOO_FEW:
        so_far = f" So far {ratio}, which says little yet." if ratio else ""
        return (
            f"Too few to tell: {n} proposition{'s' * (n != 1)} with {moves} belief change{'s' * (moves != 1)}; "
            f"a reading needs at least {MIN_PROPOSITIONS} propositions and {MIN_MOVES} changes.{so_far}"
        )
    z_text = f"{z:+.1f}".replace("-", "−")
    evidence = f"{ratio or 'uncertainty did not shrink overall'} (z = {z_text} over {n} propositions)"
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
    if resolved * 2 < n:
        text += " Most of these propositions are still open, so this covers only the stretch you have logged."
    return text
