"""Merging records into a journal by id: import and undo both come through here.

Set-based: existing ids are looked up in chunks and new rows inserted in bulk,
so importing years of a journal takes seconds, not minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.rules import check_expected_after, check_probability
from beliefupdate.domain.text import clean_text, clean_tags, text_key
from beliefupdate.domain.types import ImportResult, JournalData, Phase
from beliefupdate.store.handles import Handles
from beliefupdate.store.models import ConversationRow, CredenceRow, PersonRow, PropositionRow, TagRow

CHUNK = 500


def _existing(s: Session, column, ids: Iterable[str]) -> set[str]:
    ids = list(dict.fromkeys(ids))
    found: set[str] = set()
    for i in range(0, len(ids), CHUNK):
        found.update(s.scalars(select(column).where(column.in_(ids[i : i + CHUNK]))))
    return found


def _check_text(text: str, where: str, field: str) -> None:
    try:
        clean_text(text, what=field)
    except InvalidInput as e:
        raise InvalidInput(f"{where}: {e}") from None


def merge(s: Session, data: JournalData, labels: Sequence[str] = ()) -> ImportResult:
    """Add the records of ``data`` that the journal lacks; raise InvalidInput on any conflict.

    ``labels`` names the propositions as the user knows them in the file read
    (such as a CSV row); by default a problem names the record and its id.
    The caller's transaction makes it all-or-nothing.
    """
    added = {"propositions": 0, "people": 0, "conversations": 0, "credences": 0}
    skipped = dict.fromkeys(added, 0)

    # -- propositions
    have = _existing(s, PropositionRow.id, (p.id for p in data.propositions))
    live_keys = dict(
        s.execute(select(PropositionRow.text_key, PropositionRow.handle).where(PropositionRow.archived.is_(False))).all()
    )
    handles = Handles(s, PropositionRow)
    prop_rows, tag_rows = [], []
    for i, p in enumerate(data.propositions):
        if p.id in have:
            skipped["propositions"] += 1
            continue
        where = labels[i] if i < len(labels) else f"propositions[{i}] (id {p.id})"
        _check_text(p.text, where, "proposition")
        key = text_key(p.text)
        handle = handles.take(p.handle)
        if not p.archived:
            if key in live_keys:
                raise InvalidInput(f"{where}: text {p.text!r} duplicates proposition #{live_keys[key]}")
            live_keys[key] = handle
        prop_rows.append(
            dict(id=p.id, handle=handle, text=p.text, text_key=key, notes=p.notes, created_at=p.created_at,
                 archived=p.archived, resolution=p.resolution.value, resolved_at=p.resolved_at)
        )
        tag_rows.extend(
            dict(proposition_id=p.id, tag=t, position=j) for j, t in enumerate(clean_tags(p.tags))
        )
    if prop_rows:
        s.execute(insert(PropositionRow), prop_rows)
    if tag_rows:
        s.execute(insert(TagRow), tag_rows)
    added["propositions"] = len(prop_rows)

    # -- people: an id we have is skipped; a name we have is merged into that person
    have = _existing(s, PersonRow.id, (p.id for p in data.people))
    by_name = dict(s.execute(select(PersonRow.name_key, PersonRow.id)).all())
    person_map: dict[str, str] = {}
    people_rows = []
    for person in data.people:
        if person.id in have:
            skipped["people"] += 1
            continue
        name_key = person.name.casefold()
        if name_key in by_name:
            person_map[person.id] = by_name[name_key]
            skipped["people"] += 1
            continue
        by_name[name_key] = person.id
        people_rows.append(dict(id=person.id, name=person.name, name_key=name_key))
    if people_rows:
        s.execute(insert(PersonRow), people_rows)
    added["people"] = len(people_rows)
    known_people = set(by_name.values())

    # -- conversations
    have = _existing(s, ConversationRow.id, (c.id for c in data.conversations))
    handles = Handles(s, ConversationRow)
    conv_rows = []
    # In the order given: an export lists them by number, so a round trip keeps the numbers.
    for i, c in enumerate(data.conversations):
        if c.id in have:
            skipped["conversations"] += 1
            continue
        _check_text(c.title, f"conversations[{i}] (id {c.id})", "conversation title")
        person_id = person_map.get(c.person_id, c.person_id) if c.person_id else None
        if person_id is not None and person_id not in known_people:
            raise InvalidInput(f"conversation {c.id}: person_id {c.person_id} is not among the people")
        conv_rows.append(
            dict(id=c.id, handle=handles.take(c.handle), title=c.title, person_id=person_id, kind=c.kind.value,
                 occurred_at=c.occurred_at, notes=c.notes)
        )
    if conv_rows:
        s.execute(insert(ConversationRow), conv_rows)
    added["conversations"] = len(conv_rows)

    # -- credences
    have = _existing(s, CredenceRow.id, (c.id for c in data.credences))
    known_props = _existing(s, PropositionRow.id, (c.proposition_id for c in data.credences))
    known_convs = _existing(s, ConversationRow.id, (c.conversation_id for c in data.credences if c.conversation_id))
    taken: set[tuple[str, str, str]] = set()
    conv_ids = sorted(known_convs)
    for i in range(0, len(conv_ids), CHUNK):
        rows = s.execute(
            select(CredenceRow.conversation_id, CredenceRow.proposition_id, CredenceRow.phase).where(
                CredenceRow.conversation_id.in_(conv_ids[i : i + CHUNK])
            )
        )
        taken.update(tuple(r) for r in rows)
    cred_rows = []
    for i, c in enumerate(data.credences):
        if c.id in have:
            skipped["credences"] += 1
            continue
        where = f"credences[{i}] (id {c.id})"
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
        if c.conversation_id is not None:
            slot = (c.conversation_id, c.proposition_id, c.phase.value)
            if slot in taken:
                raise InvalidInput(
                    f"{where}: the conversation already has a {c.phase.value} credence for that proposition"
                )
            taken.add(slot)
        cred_rows.append(
            dict(id=c.id, proposition_id=c.proposition_id, conversation_id=c.conversation_id, phase=c.phase.value,
                 probability=c.probability, recorded_at=c.recorded_at, note=c.note, expected_after=c.expected_after)
        )
    for i in range(0, len(cred_rows), 5000):
        s.execute(insert(CredenceRow), cred_rows[i : i + 5000])
    added["credences"] = len(cred_rows)
    return ImportResult(added=added, skipped=skipped)
