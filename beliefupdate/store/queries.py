"""Read queries shared by the Journal's operations: tags, where each proposition stands, conversation shifts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import chain, pairwise
from typing import Any, cast

from sqlalchemy import Case, ColumnElement, Select, String, case, func, select, tuple_, type_coerce
from sqlalchemy.engine import Row
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from beliefupdate.domain.types import (
    PHASE_RANK,
    TREND_LENGTH,
    Conversation,
    ConversationOverview,
    ConversationSummary,
    Phase,
    Shift,
)
from beliefupdate.store.models import ConversationRow, CredenceRow, PersonRow, PropositionRow, TagRow
from beliefupdate.store.records import conversation_of

# Ids per IN (...) list: well under SQLite's oldest limit of 999 bound values. A longer list is
# read in chunks of this many, or (where most rows are wanted anyway) not narrowed at all.
IN_CHUNK = 500


def chunked(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), IN_CHUNK):
        yield ids[i : i + IN_CHUNK]


def phase_rank(table: type[CredenceRow]) -> Case[Any]:
    """domain.types.PHASE_RANK, computed by the database."""
    return case({phase.value: rank for phase, rank in PHASE_RANK.items()}, value=table.phase)


def time_order(
    table: type[CredenceRow],
) -> tuple[InstrumentedAttribute[datetime], Case[Any], InstrumentedAttribute[str]]:
    """Credences in the order they count: by time, a before before a check-in before an
    after at the same instant, then by id, so that every view (history, the current
    value in lists, charts, export) settles an exact tie the same way."""
    return (table.recorded_at, phase_rank(table), table.id)


TIME_ORDER = time_order(CredenceRow)


def credence_rows() -> Select[*tuple[Any, ...]]:
    """Credences as plain rows (records.credence_of reads them): no ORM objects for 100k of them."""
    return select(*CredenceRow.__table__.columns)


def tags_of(s: Session, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {i: [] for i in ids}
    if not ids:
        return {}
    stmt = select(TagRow.proposition_id, TagRow.tag).order_by(TagRow.proposition_id, TagRow.position)
    if len(ids) < IN_CHUNK:
        stmt = stmt.where(TagRow.proposition_id.in_(list(ids)))
    for pid, tag in s.execute(stmt):
        if pid in out:
            out[pid].append(tag)
    return {k: tuple(v) for k, v in out.items()}


def recent_credences(
    s: Session, limit: int, ids: Sequence[str] | None = None
) -> dict[str, list[tuple[float, str]]]:
    """Each proposition's last ``limit`` credences as (probability, recorded_at as stored), newest first;
    only those of ``ids`` when given.

    The times stay as the database holds them (stored_times reads one): converting a dozen per
    proposition costs more than the whole query, and only the newest and the time of each last
    change are needed.

    One statement: for each proposition, the time of its ``limit``-th newest credence is read
    from the index on (proposition_id, recorded_at), and its credences from that time on are
    read through the same index, so the cost follows the number of propositions, not the size
    of the whole journal. Ordering by the proposition's own id, rather than the credence's, keeps
    SQLite's planner walking propositions and searching credences (tests/store/test_query_plans.py).
    ``ids`` (at most a few hundred) reads only those propositions'.
    """
    c = aliased(CredenceRow)
    nth_newest = (
        select(c.recorded_at)
        .where(c.proposition_id == PropositionRow.id)
        .order_by(c.recorded_at.desc())
        .limit(1)
        .offset(limit - 1)
        .correlate(PropositionRow)
        .scalar_subquery()
    )
    first = aliased(CredenceRow)
    oldest = (
        select(func.min(first.recorded_at))
        .where(first.proposition_id == PropositionRow.id)
        .correlate(PropositionRow)
        .scalar_subquery()
    )
    stmt = (
        select(CredenceRow.proposition_id, CredenceRow.probability, type_coerce(CredenceRow.recorded_at, String))
        .join_from(PropositionRow, CredenceRow, CredenceRow.proposition_id == PropositionRow.id)
        .where(CredenceRow.recorded_at >= func.coalesce(nth_newest, oldest))
        .order_by(PropositionRow.id, *(col.desc() for col in TIME_ORDER))
    )
    conn = s.connection()  # plain rows, without the ORM's handling of each
    rows: Iterable[Row[str, float, str]]
    if ids is None:
        rows = conn.execute(stmt)
    else:
        ids = list(ids)
        rows = chain.from_iterable(
            conn.execute(stmt.where(PropositionRow.id.in_(chunk))) for chunk in chunked(ids)
        )
    out: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for pid, p, at in rows:
        records = out[pid]
        if len(records) < limit:  # credences that tie with the limit-th newest's time come too
            records.append((p, at))
    return out


def stored_times(s: Session) -> Callable[[str], datetime]:
    """Reads a time as recent_credences keeps it into the aware datetime the column gives."""
    dialect = s.get_bind().dialect
    # The column's own conversion, as the database's rows would get it.
    read = CredenceRow.__table__.c.recorded_at.type.dialect_impl(dialect).result_processor(dialect, None)
    assert read is not None  # UTCDateTime puts the zone back on every time read
    return cast(Callable[[str], datetime], read)


def credence_counts(s: Session, ids: Sequence[str] | None = None) -> dict[str, int]:
    """Each proposition's number of credences, or only those of ``ids`` (counted over the whole index
    for a whole list: the one part of it that grows with the number of credences rather than of propositions)."""
    stmt = select(CredenceRow.proposition_id, func.count()).group_by(CredenceRow.proposition_id)
    if ids is not None:
        stmt = stmt.where(CredenceRow.proposition_id.in_(list(ids)))
    return {pid: n for pid, n in s.connection().execute(stmt)}


def last_moves(s: Session, recent: dict[str, list[tuple[float, str]]], counts: dict[str, int]) -> dict[str, tuple[float, datetime]]:
    """For each proposition whose credence ever changed: the value before its last change, and
    when the change was recorded.

    ``recent`` (recent_credences) almost always holds the last change. Where its records all
    repeat one value and there are older ones, the last TREND_LENGTH are read (``recent`` may
    hold only two); a proposition whose last TREND_LENGTH repeat one value is asked of the
    database one by one.
    """
    stored_time = stored_times(s)
    out: dict[str, tuple[float, datetime]] = {}
    unsettled = [pid for pid, records in recent.items()
                 if len(records) < TREND_LENGTH and _last_move(records) is None and counts.get(pid, 0) > len(records)]
    if unsettled:
        recent = {**recent, **recent_credences(s, TREND_LENGTH, unsettled)}
    for pid, records in recent.items():
        move = _last_move(records)
        if move is not None:
            out[pid] = (move[0], stored_time(move[1]))
        elif counts.get(pid, 0) > len(records):
            older = _older_move(s, pid, records[0][0])
            if older is not None:
                out[pid] = older
    return out


def _last_move(records: list[tuple[float, str]]) -> tuple[float, str] | None:
    """In records newest first: the first older value that differs, and when the newer one came."""
    for newer, older in pairwise(records):
        if older[0] != newer[0]:
            return older[0], newer[1]
    return None


def _older_move(s: Session, pid: str, current: float) -> tuple[float, datetime] | None:
    c = aliased(CredenceRow)
    differs = s.execute(
        select(c.probability, *time_order(c))
        .where(c.proposition_id == pid, c.probability != current)
        .order_by(*(col.desc() for col in time_order(c)))
        .limit(1)
    ).first()
    if differs is None:
        return None
    value, *position = differs
    came = s.scalar(
        select(c.recorded_at)
        .where(c.proposition_id == pid, tuple_(*time_order(c)) > tuple_(*position))
        .order_by(*time_order(c))
        .limit(1)
    )
    if came is None:  # cannot be: the newer credence ``current`` came from is later than ``differs``
        return None
    return value, came


def conversation_summaries(s: Session, convs: Sequence[ConversationRow]) -> list[ConversationSummary]:
    if not convs:
        return []
    ids = [c.id for c in convs]
    names = {p.id: p.name for p in s.scalars(select(PersonRow))}
    # Plain columns, not ORM entities: a journal of years has 100k credences here.
    stmt = (
        select(
            CredenceRow.conversation_id,
            CredenceRow.proposition_id,
            CredenceRow.phase,
            CredenceRow.probability,
            CredenceRow.note,
            CredenceRow.expected_after,
            CredenceRow.id,
            PropositionRow.handle,
            PropositionRow.text,
        )
        .join(PropositionRow, CredenceRow.proposition_id == PropositionRow.id)
        .where(CredenceRow.conversation_id.is_not(None))
        .order_by(PropositionRow.handle)
    )
    if len(ids) < IN_CHUNK:
        stmt = stmt.where(CredenceRow.conversation_id.in_(ids))
    sides: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    lone_afters: dict[str, str] = {}  # an after's id -> its proposition, where the conversation has no before
    for conv_id, prop_id, phase, probability, note, expected, credence_id, handle, text in s.execute(stmt):
        if conv_id is None:  # a check-in, when every credence is read
            continue
        slot = sides[conv_id].setdefault(
            prop_id, {"handle": handle, "text": text, "before": None, "after": None, "notes": {}, "expected": None}
        )
        slot[phase] = probability
        if phase == Phase.AFTER.value:
            slot["after_id"] = credence_id
        slot["notes"][phase] = note
        if expected is not None:
            slot["expected"] = expected
    for slots in sides.values():
        for pid, v in slots.items():
            if v["before"] is None and v["after"] is not None:
                lone_afters[v["after_id"]] = pid
    born = first_credences(s, set(lone_afters.values())).values() if lone_afters else ()
    born_ids = set(born) & lone_afters.keys()
    out = []
    for conv in convs:
        # A shift's reason is its after's note; until there is an after, the before's.
        shifts = tuple(
            Shift(pid, v["handle"], v["text"], v["before"], v["after"],
                  v["notes"].get(Phase.AFTER.value, v["notes"].get(Phase.BEFORE.value, "")) or "", v["expected"],
                  new=v.get("after_id") in born_ids)
            for pid, v in sides.get(conv.id, {}).items()
        )
        name = names.get(conv.person_id) if conv.person_id else None
        out.append(ConversationSummary(conversation_of(conv, name), shifts))
    return out


def first_credences(s: Session, proposition_ids: set[str]) -> dict[str, str]:
    """The id of each proposition's first credence in time order: a lone after that comes first
    is a belief formed in its conversation (Shift.new)."""
    c = aliased(CredenceRow)
    first = (
        select(c.id).where(c.proposition_id == PropositionRow.id).order_by(*time_order(c)).limit(1)
        .correlate(PropositionRow).scalar_subquery()
    )
    out: dict[str, str] = {}
    ids = sorted(proposition_ids)
    for chunk in chunked(ids):
        rows = s.execute(select(PropositionRow.id, first).where(PropositionRow.id.in_(chunk)))
        out.update((pid, cid) for pid, cid in rows)
    return out


def conversations_by_id(s: Session, ids: Sequence[str]) -> dict[str, Conversation]:
    """The conversations with these ids, with their people's names, in as few queries as the list allows."""
    out: dict[str, Conversation] = {}
    for chunk in chunked(ids):
        rows = s.execute(
            select(*ConversationRow.__table__.columns, PersonRow.name.label("person_name"))
            .outerjoin(PersonRow, ConversationRow.person_id == PersonRow.id)
            .where(ConversationRow.id.in_(chunk))
        )
        for row in rows:
            out[row.id] = conversation_of(row, row.person_name)
    return out


def conversation_overviews(s: Session, ids: Sequence[str] | None = None) -> list[ConversationOverview]:
    """Every conversation (or those of ``ids``, at most a few hundred), newest first, with its
    movement added up by the database."""
    before = func.max(case((CredenceRow.phase == Phase.BEFORE.value, CredenceRow.probability)))
    after = func.max(case((CredenceRow.phase == Phase.AFTER.value, CredenceRow.probability)))
    credences = select(CredenceRow.conversation_id.label("cid"), before.label("b"), after.label("a")).where(
        CredenceRow.conversation_id.is_not(None)
    )
    if ids is not None:
        credences = credences.where(CredenceRow.conversation_id.in_(list(ids)))
    pairs = credences.group_by(CredenceRow.conversation_id, CredenceRow.proposition_id).subquery()

    def one(cond: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.sum(case((cond, 1), else_=0))

    totals = (
        select(
            pairs.c.cid,
            func.count().label("n"),
            one(pairs.c.a != pairs.c.b).label("moved"),
            func.coalesce(func.sum(func.abs(pairs.c.a - pairs.c.b)), 0.0).label("total"),
            one(pairs.c.b.is_not(None) & pairs.c.a.is_(None)).label("awaiting"),
        )
        .group_by(pairs.c.cid)
        .subquery()
    )
    stmt = (
        select(
            *ConversationRow.__table__.columns,
            PersonRow.name.label("person_name"),
            totals.c.n, totals.c.moved, totals.c.total, totals.c.awaiting,
        )
        .outerjoin(PersonRow, ConversationRow.person_id == PersonRow.id)
        .outerjoin(totals, totals.c.cid == ConversationRow.id)
        .order_by(ConversationRow.occurred_at.desc(), ConversationRow.handle.desc())
    )
    if ids is not None:
        stmt = stmt.where(ConversationRow.id.in_(list(ids)))
    rows = s.execute(stmt)
    return [
        ConversationOverview(conversation_of(r, r.person_name), r.n or 0, r.moved or 0, r.total or 0.0, r.awaiting or 0)
        for r in rows
    ]
