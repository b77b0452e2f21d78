"""Merging records into a journal by id: import and undo both come through here.

Set-based: existing ids are looked up in chunks and new rows inserted in bulk,
so importing years of a journal takes seconds, not minutes. Each kind of record
is merged by its own function, in the order their references need: people and
propositions before the conversations and credences that point at them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from beliefupdate.domain.crux_graph import LinkGraph, links_in_loops, loops
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.rules import check_expected_after, check_probability
from beliefupdate.domain.text import check_prose, clean_tags, clean_text, text_key
from beliefupdate.domain.types import (
    Conversation,
    Credence,
    CruxCredence,
    CruxLink,
    ImportResult,
    JournalData,
    Person,
    Phase,
    Proposition,
)
from beliefupdate.store.cruxes import chain, check_no_cycle, hold_links
from beliefupdate.store.handles import Handles
from beliefupdate.store.models import (
    ConversationRow,
    CredenceRow,
    CruxCredenceRow,
    CruxLinkRow,
    PersonRow,
    PropositionRow,
    TagRow,
)
from beliefupdate.store.queries import chunked
from beliefupdate.store.records import CONVERSATIONS, CREDENCES, CRUX_CREDENCES, CRUX_LINKS, PEOPLE, PROPOSITIONS
from beliefupdate.store.turns import take_turn

CHUNK = 500
INSERT_CHUNK = 5000

_In = TypeVar("_In")
_Out = TypeVar("_Out")


@dataclass
class _Count:
    added: int = 0
    skipped: int = 0
    ids: list[str] = field(default_factory=list)


@dataclass
class _People:
    """Who the merged people are in the journal: a name it has already stands for its person."""

    same_as: dict[str, str] = field(default_factory=dict)  # id given -> id of the person with that name
    known: set[str] = field(default_factory=set)


def merge(s: Session, data: JournalData, labels: Sequence[str] = ()) -> ImportResult:
    """Add the records of ``data`` that the journal lacks; raise InvalidInput on any conflict.

    ``labels`` names the propositions as the user knows them in the file read
    (such as a CSV row); by default a problem names the record and its id.
    The caller's transaction makes it all-or-nothing.
    """
    # Before reading which ids the journal has: two devices importing the same file (or undoing
    # the same deletion) would each find them missing and add them, and the second fail on its key.
    take_turn(s, "merge")
    counts = {"propositions": _merge_propositions(s, data.propositions, labels)}
    people = _People()
    counts["people"] = _merge_people(s, data.people, people)
    counts["conversations"] = _merge_conversations(s, data.conversations, people)
    counts["credences"] = _merge_credences(s, data.credences)
    note = None
    if data.crux_links or data.crux_credences:
        counts["crux_links"] = _merge_crux_links(s, data.crux_links)
        counts["crux_credences"] = _merge_crux_credences(s, data.crux_credences)
        note = _loops_note(s, data.crux_links)
    return ImportResult(
        added={kind: c.added for kind, c in counts.items()}, skipped={kind: c.skipped for kind, c in counts.items()},
        added_ids={kind: tuple(c.ids) for kind, c in counts.items()},
        notes=(note,) if note else (),
    )


def _merge_propositions(s: Session, propositions: Sequence[Proposition], labels: Sequence[str]) -> _Count:
    count = _Count()
    have = _existing(s, PropositionRow.id, (p.id for p in propositions))
    live_keys = dict(
        s.execute(select(PropositionRow.text_key, PropositionRow.handle).where(PropositionRow.archived.is_(False))).all()
    )
    handles = Handles(s, PropositionRow)
    rows: list[dict[str, Any]] = []
    tag_rows: list[dict[str, Any]] = []
    for i, p in enumerate(propositions):
        if p.id in have:
            count.skipped += 1
            continue
        where = labels[i] if i < len(labels) else f"propositions[{i}] (id {p.id})"
        _check_text(p.text, where, "proposition")
        tags = _checked(where, clean_tags, p.tags)
        _check_prose(where, notes=p.notes)
        key = text_key(p.text)
        handle = handles.take(p.handle)
        if not p.archived:
            if key in live_keys:
                raise InvalidInput(f"{where}: text {p.text!r} duplicates proposition #{live_keys[key]}")
            live_keys[key] = handle
        rows.append(PROPOSITIONS.row(p, handle=handle, text_key=key))
        tag_rows.extend(dict(proposition_id=p.id, tag=t, position=j) for j, t in enumerate(tags))
    _insert(s, PropositionRow, rows)
    _insert(s, TagRow, tag_rows)
    count.added = len(rows)
    count.ids = [r["id"] for r in rows]
    return count


def _merge_people(s: Session, people: Sequence[Person], found: _People) -> _Count:
    """An id the journal has is skipped; a name it has is merged into that person."""
    count = _Count()
    have = _existing(s, PersonRow.id, (p.id for p in people))
    by_name = dict(s.execute(select(PersonRow.name_key, PersonRow.id)).all())
    rows = []
    for person in people:
        if person.id in have:
            count.skipped += 1
            continue
        name_key = person.name.casefold()
        if name_key in by_name:
            found.same_as[person.id] = by_name[name_key]
            count.skipped += 1
            continue
        by_name[name_key] = person.id
        rows.append(PEOPLE.row(person, name_key=name_key))
    _insert(s, PersonRow, rows)
    count.added = len(rows)
    count.ids = [r["id"] for r in rows]
    found.known = set(by_name.values())
    return count


def _merge_conversations(s: Session, conversations: Sequence[Conversation], people: _People) -> _Count:
    count = _Count()
    have = _existing(s, ConversationRow.id, (c.id for c in conversations))
    handles = Handles(s, ConversationRow)
    rows = []
    # In the order given: an export lists them by number, so a round trip keeps the numbers.
    for i, c in enumerate(conversations):
        if c.id in have:
            count.skipped += 1
            continue
        where = f"conversations[{i}] (id {c.id})"
        _check_text(c.title, where, "conversation title")
        _check_prose(where, notes=c.notes, Pre=c.pre, Post=c.post)
        person_id = people.same_as.get(c.person_id, c.person_id) if c.person_id else None
        if person_id is not None and person_id not in people.known:
            raise InvalidInput(f"conversation {c.id}: person_id {c.person_id} is not among the people")
        rows.append(CONVERSATIONS.row(c, handle=handles.take(c.handle), person_id=person_id))
    _insert(s, ConversationRow, rows)
    count.added = len(rows)
    count.ids = [r["id"] for r in rows]
    return count


def _merge_credences(s: Session, credences: Sequence[Credence]) -> _Count:
    count = _Count()
    have = _existing(s, CredenceRow.id, (c.id for c in credences))
    known_props = _existing(s, PropositionRow.id, (c.proposition_id for c in credences))
    known_convs = _existing(s, ConversationRow.id, (c.conversation_id for c in credences if c.conversation_id))
    taken = _taken_slots(s, known_convs)
    rows = []
    for i, c in enumerate(credences):
        if c.id in have:
            count.skipped += 1
            continue
        where = f"credences[{i}] (id {c.id})"
        _check_credence(c, where, known_props, known_convs)
        _check_prose(where, note=c.note)
        if c.conversation_id is not None:
            slot = (c.conversation_id, c.proposition_id, c.phase.value)
            if slot in taken:
                raise InvalidInput(
                    f"{where}: the conversation already has a {c.phase.value} credence for that proposition"
                )
            taken.add(slot)
        rows.append(CREDENCES.row(c))
    _insert(s, CredenceRow, rows)
    count.added = len(rows)
    count.ids = [r["id"] for r in rows]
    return count


def _check_credence(c: Credence, where: str, known_props: set[str], known_convs: set[str]) -> None:
    if c.proposition_id not in known_props:
        raise InvalidInput(f"{where}: proposition_id {c.proposition_id} is unknown")
    if c.conversation_id is not None and c.conversation_id not in known_convs:
        raise InvalidInput(f"{where}: conversation_id {c.conversation_id} is unknown")
    if (c.phase is Phase.CHECK_IN) != (c.conversation_id is None):
        raise InvalidInput(
            f"{where}: phase {c.phase.value!r} "
            + ("needs a conversation_id" if c.conversation_id is None else "cannot have a conversation_id")
        )
    try:
        check_probability(c.probability)
        check_expected_after(c.expected_after, has_before=c.phase is Phase.BEFORE)
    except InvalidInput as e:
        raise InvalidInput(f"{where}: phase {c.phase.value!r}: {e}") from None


def _merge_crux_links(s: Session, links: Sequence[CruxLink]) -> _Count:
    """Refuse a link that would close a loop with the journal's links; a loop the file's own links
    make is kept as it is (an export of a journal that holds one must still move), and reported."""
    count = _Count()
    have = _existing(s, CruxLinkRow.id, (k.id for k in links))
    known = _existing(s, PropositionRow.id, (p for k in links for p in (k.proposition_id, k.on_id)))
    graph = hold_links(s)
    own = LinkGraph((k.proposition_id, k.on_id) for k in links)
    adding: dict[tuple[str, str], str] = {}
    rows = []
    for i, k in enumerate(links):
        if k.id in have:
            count.skipped += 1
            continue
        where = f"crux_links[{i}] (id {k.id})"
        for field_name in ("proposition_id", "on_id"):
            if getattr(k, field_name) not in known:
                raise InvalidInput(f"{where}: {field_name} {getattr(k, field_name)} is unknown")
        if k.on_id in graph.on.get(k.proposition_id, ()):
            twin = adding.get((k.proposition_id, k.on_id)) or s.scalar(
                select(CruxLinkRow.id).where(CruxLinkRow.proposition_id == k.proposition_id,
                                             CruxLinkRow.on_id == k.on_id))
            raise InvalidInput(f"{where}: the journal already links these propositions (link {twin})")
        if own.loop_closed_by(k.proposition_id, k.on_id) is None:
            try:
                check_no_cycle(s, graph, k.proposition_id, k.on_id)
            except InvalidInput as e:
                raise InvalidInput(f"{where}: {e}") from None
        graph.add(k.proposition_id, k.on_id)  # the next link's check sees this one
        adding[(k.proposition_id, k.on_id)] = k.id
        rows.append(CRUX_LINKS.row(k))
    _insert(s, CruxLinkRow, rows)
    count.added = len(rows)
    count.ids = [r["id"] for r in rows]
    return count


def _loops_note(s: Session, links: Sequence[CruxLink]) -> str | None:
    """One line naming the loops the merged links make, which were kept as they are."""
    ends = [(k.proposition_id, k.on_id) for k in links]
    looped = sorted({p for pair in links_in_loops(ends) for p in pair})
    if not looped:
        return None
    handles: dict[str, int] = {}
    for part in chunked(looped):
        handles.update((i, h) for i, h in s.execute(
            select(PropositionRow.id, PropositionRow.handle).where(PropositionRow.id.in_(part))))
    found = loops(ends, order=lambda p: handles.get(p, 0))
    named = [chain(s, loop) for loop in found[:3]] + ([f"{len(found) - 3} more"] if len(found) > 3 else [])
    if len(found) == 1:
        return f"the crux links {named[0]} form a cycle; kept as they are"
    return f"the crux links {', '.join(named[:-1])} and {named[-1]} form cycles; kept as they are"


def _merge_crux_credences(s: Session, credences: Sequence[CruxCredence]) -> _Count:
    count = _Count()
    have = _existing(s, CruxCredenceRow.id, (c.id for c in credences))
    known = _existing(s, CruxLinkRow.id, (c.link_id for c in credences))
    rows = []
    for i, c in enumerate(credences):
        if c.id in have:
            count.skipped += 1
            continue
        where = f"crux_credences[{i}] (id {c.id})"
        if c.link_id not in known:
            raise InvalidInput(f"{where}: link_id {c.link_id} is unknown")
        try:
            check_probability(c.probability)
        except InvalidInput as e:
            raise InvalidInput(f"{where}: {e}") from None
        rows.append(CRUX_CREDENCES.row(c))
    _insert(s, CruxCredenceRow, rows)
    count.added = len(rows)
    count.ids = [r["id"] for r in rows]
    return count


def _taken_slots(s: Session, conversation_ids: set[str]) -> set[tuple[str, str, str]]:
    """The (conversation, proposition, phase) places these conversations' credences already fill."""
    taken: set[tuple[str, str, str]] = set()
    ids = sorted(conversation_ids)
    for i in range(0, len(ids), CHUNK):
        rows = s.execute(
            select(CredenceRow.conversation_id, CredenceRow.proposition_id, CredenceRow.phase).where(
                CredenceRow.conversation_id.in_(ids[i : i + CHUNK])
            )
        )
        taken.update((conv, prop, phase) for conv, prop, phase in rows if conv is not None)
    return taken


def _existing(s: Session, column: InstrumentedAttribute[str], ids: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(ids))
    found: set[str] = set()
    for i in range(0, len(wanted), CHUNK):
        found.update(s.scalars(select(column).where(column.in_(wanted[i : i + CHUNK]))))
    return found


def _insert(s: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), INSERT_CHUNK):
        s.execute(insert(model), rows[i : i + INSERT_CHUNK])


def _check_text(text: str, where: str, what: str) -> None:
    _checked(where, lambda t: clean_text(t, what=what), text)


def _check_prose(where: str, **fields: str) -> None:
    """Files and other journals are held to the limits typing is (domain/types.py)."""
    try:
        for what, value in fields.items():
            check_prose(value, what)
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None


def _checked(where: str, check: Callable[[_In], _Out], value: _In) -> _Out:
    try:
        return check(value)
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None
