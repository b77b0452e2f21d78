"""Crux links inside a unit of work: adding one (refusing cycles), reading them, what a deletion takes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from beliefupdate.domain.crux_graph import LinkGraph
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.rules import check_probability
from beliefupdate.domain.types import CruxCredence, CruxLink
from beliefupdate.store.models import CruxCredenceRow, CruxLinkRow, PropositionRow
from beliefupdate.store.records import crux_credence_of, crux_link_of
from beliefupdate.store.turns import take_turn


def _name(s: Session, proposition_id: str) -> str:
    return f"#{s.scalar(select(PropositionRow.handle).where(PropositionRow.id == proposition_id))}"


def chain(s: Session, loop: Sequence[str]) -> str:
    """``loop`` (proposition ids) as the person knows it: #3 → #2 → #1 → #3."""
    return " → ".join(_name(s, p) for p in loop)


def hold_links(s: Session) -> LinkGraph:
    """Every link of the journal, read once this transaction holds the right to add links.

    Another device may be adding a link at the same moment; each alone would close no loop,
    both together would (A→B here, B→A there). So deciding whether a link may be added and
    adding it take turns across devices (store/turns.py), and the links are read after.
    """
    take_turn(s, "crux links")
    return LinkGraph((b, a) for b, a in s.execute(select(CruxLinkRow.proposition_id, CruxLinkRow.on_id)))


def check_no_cycle(s: Session, graph: LinkGraph, proposition_id: str, on_id: str) -> None:
    """Refuse "B depends on A" when A already depends on B, directly or through other links."""
    if proposition_id == on_id:
        raise InvalidInput(f"{_name(s, on_id)} cannot depend on itself")
    loop = graph.loop_closed_by(proposition_id, on_id)
    if loop is not None:
        raise InvalidInput(f"that would be a cycle: {chain(s, loop)} (a belief cannot depend on itself)")


def set_crux(
    s: Session, proposition_id: str, on_id: str, if_true: float, if_false: float, when: datetime
) -> CruxLink:
    """Link B to A (or find the link) and record P(B | A) and P(B | not A) at ``when``."""
    if_true, if_false = check_probability(if_true), check_probability(if_false)
    # Before looking for the link: a device adding the same link a moment earlier is then seen here.
    graph = hold_links(s)
    row = s.scalar(select(CruxLinkRow).where(CruxLinkRow.proposition_id == proposition_id, CruxLinkRow.on_id == on_id))
    if row is None:
        check_no_cycle(s, graph, proposition_id, on_id)
        row = CruxLinkRow(id=str(uuid.uuid4()), proposition_id=proposition_id, on_id=on_id, created_at=when)
        s.add(row)
        s.flush()
    for given_true, p in ((True, if_true), (False, if_false)):
        s.add(CruxCredenceRow(id=str(uuid.uuid4()), link_id=row.id, given_true=given_true, probability=p,
                              recorded_at=when))
    s.flush()
    return crux_link_of(row)


def links_of(s: Session, proposition_ids: Sequence[str] | None = None) -> tuple[tuple[CruxLink, ...],
                                                                                 tuple[CruxCredence, ...]]:
    """The links touching ``proposition_ids`` (all when None), oldest first, with their credences."""
    stmt = select(CruxLinkRow).order_by(CruxLinkRow.created_at, CruxLinkRow.id)
    if proposition_ids is not None:
        ids = list(proposition_ids)
        stmt = stmt.where(or_(CruxLinkRow.proposition_id.in_(ids), CruxLinkRow.on_id.in_(ids)))
    links = tuple(crux_link_of(r) for r in s.scalars(stmt))
    credences = tuple(
        crux_credence_of(r)
        for r in s.scalars(
            select(CruxCredenceRow)
            .where(CruxCredenceRow.link_id.in_([link.id for link in links]))
            .order_by(CruxCredenceRow.recorded_at, CruxCredenceRow.given_true.desc(), CruxCredenceRow.id)
        )
    ) if links else ()
    return links, credences
