"""Merging records into a journal by id: import and undo both come through here."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.text import clean_tags, text_key
from beliefupdate.domain.types import ImportResult, JournalData, Phase
from beliefupdate.store.models import ConversationRow, CredenceRow, PersonRow, PropositionRow, TagRow


def merge(s: Session, data: JournalData, journal) -> ImportResult:
    """Add the records of ``data`` that the journal lacks; raise InvalidInput on any conflict.

    The caller's transaction makes it all-or-nothing.
    """
    added = {"propositions": 0, "people": 0, "conversations": 0, "credences": 0}
    skipped = dict.fromkeys(added, 0)

    live_keys = {
        k: h
        for k, h in s.execute(
            select(PropositionRow.text_key, PropositionRow.handle).where(PropositionRow.archived.is_(False))
        )
    }
    next_prop = (s.scalar(select(func.max(PropositionRow.handle))) or 0) + 1
    for i, p in enumerate(data.propositions):
        if s.get(PropositionRow, p.id) is not None:
            skipped["propositions"] += 1
            continue
        key = text_key(p.text)
        if not p.archived:
            if key in live_keys:
                raise InvalidInput(
                    f"propositions[{i}] (id {p.id}): text {p.text!r} duplicates proposition #{live_keys[key]}"
                )
            live_keys[key] = next_prop
        s.add(
            PropositionRow(
                id=p.id, handle=next_prop, text=p.text, text_key=key, notes=p.notes, created_at=p.created_at,
                archived=p.archived, resolution=p.resolution.value, resolved_at=p.resolved_at,
            )
        )
        s.add_all(TagRow(proposition_id=p.id, tag=t, position=j) for j, t in enumerate(clean_tags(p.tags)))
        next_prop += 1
        added["propositions"] += 1

    person_map: dict[str, str] = {}
    for person in data.people:
        if s.get(PersonRow, person.id) is not None:
            skipped["people"] += 1
            continue
        same_name = s.scalar(select(PersonRow).where(PersonRow.name_key == person.name.casefold()))
        if same_name is not None:
            person_map[person.id] = same_name.id
            skipped["people"] += 1
            continue
        s.add(PersonRow(id=person.id, name=person.name, name_key=person.name.casefold()))
        s.flush()
        added["people"] += 1

    next_conv = (s.scalar(select(func.max(ConversationRow.handle))) or 0) + 1
    for i, c in enumerate(sorted(data.conversations, key=lambda c: (c.occurred_at, c.id))):
        if s.get(ConversationRow, c.id) is not None:
            skipped["conversations"] += 1
            continue
        person_id = person_map.get(c.person_id, c.person_id) if c.person_id else None
        if person_id is not None and s.get(PersonRow, person_id) is None:
            raise InvalidInput(f"conversation {c.id}: person_id {c.person_id} is not among the people")
        s.add(
            ConversationRow(
                id=c.id, handle=next_conv, title=c.title, person_id=person_id, kind=c.kind.value,
                occurred_at=c.occurred_at, notes=c.notes,
            )
        )
        next_conv += 1
        added["conversations"] += 1
    s.flush()

    for i, c in enumerate(data.credences):
        if s.get(CredenceRow, c.id) is not None:
            skipped["credences"] += 1
            continue
        if s.get(PropositionRow, c.proposition_id) is None:
            raise InvalidInput(f"credences[{i}] (id {c.id}): proposition_id {c.proposition_id} is unknown")
        if c.conversation_id is not None and s.get(ConversationRow, c.conversation_id) is None:
            raise InvalidInput(f"credences[{i}] (id {c.id}): conversation_id {c.conversation_id} is unknown")
        if (c.phase is Phase.CHECK_IN) != (c.conversation_id is None):
            raise InvalidInput(
                f"credences[{i}] (id {c.id}): phase {c.phase.value!r} "
                + ("needs a conversation_id" if c.conversation_id is None else "cannot have a conversation_id")
            )
        if c.conversation_id is not None:
            clash = s.scalar(
                select(CredenceRow.id).where(
                    CredenceRow.conversation_id == c.conversation_id,
                    CredenceRow.proposition_id == c.proposition_id,
                    CredenceRow.phase == c.phase.value,
                )
            )
            if clash is not None:
                raise InvalidInput(
                    f"credences[{i}] (id {c.id}): the conversation already has a {c.phase.value} credence for that proposition"
                )
        s.add(
            CredenceRow(
                id=c.id, proposition_id=c.proposition_id, conversation_id=c.conversation_id, phase=c.phase.value,
                probability=c.probability, recorded_at=c.recorded_at, note=c.note,
            )
        )
        s.flush()
        added["credences"] += 1
    return ImportResult(added=added, skipped=skipped)
