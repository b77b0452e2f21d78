"""Coherence of cruxes: a belief that depends on another, held to the law of total probability.

For a link "B depends on A" with P(B | A) and P(B | not A):

    implied P(B) = P(B | A) · P(A) + P(B | not A) · (1 − P(A))

Your stated P(B) is coherent with the link when it is near the implied value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.measures._timeline import in_order
from beliefupdate.domain.types import Credence, CruxCredence, CruxLink, JournalData, Proposition, PropositionSummary

DEFAULT_THRESHOLD = 0.10  # 10 pp: a gap larger than this is worth saying


def implied(on: float, if_true: float, if_false: float) -> float:
    """P(B) by total probability from P(A), P(B | A) and P(B | not A)."""
    return if_true * on + if_false * (1 - on)


@dataclass(frozen=True)
class CruxCheck:
    """One link with the values it joins, as they stood at one time."""

    link_id: str
    proposition: Proposition  # B, which depends on
    on: Proposition  # A
    stated: float | None  # your P(B)
    on_value: float | None  # your P(A)
    if_true: float | None  # P(B | A)
    if_false: float | None  # P(B | not A)

    @property
    def implied(self) -> float | None:
        if self.on_value is None or self.if_true is None or self.if_false is None:
            return None
        return implied(self.on_value, self.if_true, self.if_false)

    @property
    def gap(self) -> float | None:
        """Stated minus implied, in probability; None until both are known."""
        i = self.implied
        return None if i is None or self.stated is None else self.stated - i

    def differs(self, threshold: float = DEFAULT_THRESHOLD) -> bool:
        return self.gap is not None and abs(self.gap) > threshold + 1e-12

    def arithmetic(self) -> str:
        """The one line that shows the check: how the implied value comes out, and where you stand."""
        i = self.implied
        if i is None:
            return "give P(A) and both conditional credences to check this crux"
        assert self.on_value is not None and self.if_true is not None and self.if_false is not None
        line = (f"{format_credence(self.if_true)} × {format_credence(self.on_value)} + "
                f"{format_credence(self.if_false)} × {format_credence(1 - self.on_value)} = {format_credence(i)}")
        if self.stated is None:
            return line
        return f"{line}; you say {format_credence(self.stated)} ({format_change(self.stated - i)})"


def latest_conditionals(
    credences: Iterable[CruxCredence], at: datetime | None = None
) -> dict[str, tuple[float | None, float | None]]:
    """Each link's P(B | A) and P(B | not A) as they stood at ``at`` (the newest when None)."""
    newest: dict[tuple[str, bool], CruxCredence] = {}
    for c in credences:
        if at is not None and c.recorded_at > at:
            continue
        key = (c.link_id, c.given_true)
        if key not in newest or (c.recorded_at, c.id) > (newest[key].recorded_at, newest[key].id):
            newest[key] = c
    out: dict[str, tuple[float | None, float | None]] = {}
    for (link_id, given_true), c in newest.items():
        t, f = out.get(link_id, (None, None))
        out[link_id] = (c.probability, f) if given_true else (t, c.probability)
    return out


def crux_checks(
    links: Iterable[CruxLink],
    credences: Iterable[CruxCredence],
    propositions: Mapping[str, Proposition],
    current: Mapping[str, float | None],
    at: datetime | None = None,
) -> list[CruxCheck]:
    """Every link checked against ``current`` (each proposition's credence), largest gap first;
    links whose values are not all known come last, in the order given."""
    conditionals = latest_conditionals(credences, at)
    checks = [
        CruxCheck(link.id, propositions[link.proposition_id], propositions[link.on_id],
                  current.get(link.proposition_id), current.get(link.on_id),
                  *conditionals.get(link.id, (None, None)))
        for link in links
    ]
    return sorted(checks, key=lambda c: (c.gap is None, -abs(c.gap or 0.0)))


def checks_from(summaries: Iterable[PropositionSummary], cruxes: JournalData) -> list[CruxCheck]:
    """The checks of ``cruxes`` (links and their credences) against where each proposition stands now;
    ``summaries`` must hold every proposition the links join (Journal.summaries(include_archived=True))."""
    summaries = list(summaries)
    return crux_checks(cruxes.crux_links, cruxes.crux_credences, {s.proposition.id: s.proposition for s in summaries},
                       {s.proposition.id: s.current for s in summaries})


def current_values(credences: Iterable[Credence]) -> dict[str, float]:
    """Each proposition's newest credence, in the journal's order of records."""
    return {c.proposition_id: c.probability for c in in_order(credences)}


@dataclass(frozen=True)
class ImpliedStep:
    """From ``at`` on, until the next step, your cruxes imply P(B) = ``value`` from these inputs."""

    at: datetime
    on_value: float
    if_true: float
    if_false: float

    @property
    def value(self) -> float:
        return implied(self.on_value, self.if_true, self.if_false)

    def arithmetic(self) -> str:
        return (f"{format_credence(self.if_true)} × {format_credence(self.on_value)} + "
                f"{format_credence(self.if_false)} × {format_credence(1 - self.on_value)} = "
                f"{format_credence(self.value)}")


def implied_history(
    on_history: Iterable[tuple[datetime, float]], conditionals: Iterable[CruxCredence]
) -> list[ImpliedStep]:
    """The implied P(B) of one link over time: a step wherever P(A), P(B | A) or P(B | not A) changes,
    each computed from the values current then; nothing before all three are known.

    ``on_history`` is A's credences oldest first (as Journal.history gives them); ``conditionals``
    the link's conditional credences, in any order. Inputs at the same moment make one step.
    """
    events: list[tuple[datetime, int, str, float]] = [(at, 0, "on", p) for at, p in on_history]
    ordered = sorted(conditionals, key=lambda c: (c.recorded_at, c.id))
    events += [(c.recorded_at, 1, "true" if c.given_true else "false", c.probability) for c in ordered]
    # A stable sort by time keeps A's own order (its before and after) and the conditionals' order.
    events.sort(key=lambda e: e[0])
    held: dict[str, float] = {}
    steps: list[ImpliedStep] = []
    for i, (at, _src, name, p) in enumerate(events):
        held[name] = p
        if i + 1 < len(events) and events[i + 1][0] == at:
            continue  # the rest of this moment's inputs first
        if len(held) < 3:
            continue
        step = ImpliedStep(at, held["on"], held["true"], held["false"])
        last = steps[-1] if steps else None
        if last is None or (step.on_value, step.if_true, step.if_false) != (last.on_value, last.if_true, last.if_false):
            steps.append(step)
    return steps
