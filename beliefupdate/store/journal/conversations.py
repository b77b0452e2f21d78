"""The Journal's conversations: logging, finishing, editing and deleting them with their credences."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from beliefupdate.domain.errors import InvalidInput, NotFound
from beliefupdate.domain.rules import check_expected_after, check_probability
from beliefupdate.domain.text import clean_name, clean_notes, clean_tags, clean_text, text_key
from beliefupdate.domain.times import checked_time, now_utc
from beliefupdate.domain.types import (
    Conversation,
    ConversationOverview,
    ConversationSummary,
    CredenceEntry,
    JournalData,
    Kind,
    NewBelief,
    Person,
    Phase,
)
from beliefupdate.store.handles import insert_or_keep, next_handle
from beliefupdate.store.journal.core import JournalCore, new_id, retried
from beliefupdate.store.models import ConversationRow, CredenceRow, PersonRow, PropositionRow
from beliefupdate.store.queries import IN_CHUNK, chunked, conversation_overviews, conversation_summaries
from beliefupdate.store.records import conversation_of, credence_of, person_of
from beliefupdate.store.references import find


def _count_edit(conv: ConversationRow) -> None:
    """Count an edit of the credences logged in a conversation as an edit of it: its row is
    written (and its version moves on) even when none of its own columns changed."""
    flag_modified(conv, "title")


def _note_for(entry: CredenceEntry, phase: Phase) -> str | None:
    """The reason given with an entry belongs to its after, the side that moved; a before gets it only
    when there is no after (a conversation started before talking). None: a before keeps its own note."""
    if phase is Phase.BEFORE and entry.after is not None:
        return None
    return entry.note


def _checked_beliefs(beliefs: Sequence[NewBelief]) -> list[NewBelief]:
    """Beliefs born in a conversation, cleaned and checked before anything is written."""
    out, seen = [], set()
    for b in beliefs:
        text = clean_text(b.text)
        if text_key(text) in seen:
            raise InvalidInput(f"the new proposition {text!r} is given twice")
        seen.add(text_key(text))
        out.append(NewBelief(text, check_probability(b.after), b.note, clean_tags(b.tags), b.id))
    return out


class ConversationsMixin(JournalCore):
    """Conversations with their credences, and the people they were with."""

    @retried
    def log_conversation(
        self,
        title: str,
        entries: Sequence[CredenceEntry],
        *,
        person: str | None = None,
        kind: Kind = Kind.CONVERSATION,
        occurred_at: datetime | None = None,
        notes: str = "",
        pre: str = "",
        post: str = "",
        new_beliefs: Sequence[NewBelief] = (),
    ) -> Conversation:
        """Write a conversation and all its credences in one transaction.

        Either side of an entry may be None: a conversation can be started with
        its befores and finished later with :meth:`finish_conversation`. An
        entry's expected after is stored with its before, which it needs.
        ``new_beliefs`` are propositions first thought of in it, created in the
        same transaction with only their afters.
        """
        title = clean_text(title, what="conversation title")
        kind = Kind(kind)
        occurred_at = checked_time(occurred_at) if occurred_at else now_utc()
        self._check_entries(entries, expectations_need_before=True)
        new_beliefs = _checked_beliefs(new_beliefs)
        with self._write() as s:
            person_row = self._person(s, person)
            conv = ConversationRow(
                id=new_id(),
                handle=next_handle(s, ConversationRow),
                title=title,
                person_id=person_row.id if person_row else None,
                kind=kind.value,
                occurred_at=occurred_at,
                notes=clean_notes(notes),
                pre=clean_notes(pre, what="Pre"),
                post=clean_notes(post, what="Post"),
            )
            s.add(conv)
            s.flush()
            self._check_propositions(s, [entry.proposition_id for entry in entries])
            # A new conversation has no credences to look up or replace: its rows go in as one insert.
            for entry in entries:
                before = self._new_side(conv, entry, Phase.BEFORE, occurred_at)
                if before is not None:
                    before.expected_after = check_expected_after(entry.expected_after, has_before=True)
                s.add_all(r for r in (before, self._new_side(conv, entry, Phase.AFTER, occurred_at)) if r is not None)
            self._add_beliefs(s, conv, new_beliefs, occurred_at)
            s.flush()
            return conversation_of(conv, person_row.name if person_row else None)

    @retried
    def finish_conversation(
        self, conversation_id: str, entries: Sequence[CredenceEntry], at: datetime | None = None,
        *, post: str | None = None, expected_version: int | None = None, new_beliefs: Sequence[NewBelief] = (),
    ) -> Conversation:
        """Record afters (and any befores given) for a conversation that was started earlier,
        with its Post if given (None leaves the stored one), and any beliefs born in it.

        An entry's expected after goes with the before it gives or the one already
        stored; an entry without one leaves a stored expectation as it is.
        """
        self._check_entries(entries)
        new_beliefs = _checked_beliefs(new_beliefs)
        with self._write() as s:
            conv = self._conversation_row(s, conversation_id, expected_version)
            when = max(checked_time(at) if at else now_utc(), conv.occurred_at)
            for entry in entries:
                self._proposition_row(s, entry.proposition_id)
                self._set_side(s, conv, entry, Phase.BEFORE, conv.occurred_at)
                self._set_side(s, conv, entry, Phase.AFTER, when)
                if entry.expected_after is not None:
                    self._expect(s, conv, entry.proposition_id, entry.expected_after)
            self._add_beliefs(s, conv, new_beliefs, when)
            _count_edit(conv)
            if post is not None:
                conv.post = clean_notes(post, what="Post")
            s.flush()
            return conversation_of(conv, self._person_name(s, conv.person_id))

    @retried
    def edit_conversation(
        self,
        conversation_id: str,
        *,
        title: str | None = None,
        person: str | None = None,
        kind: Kind | None = None,
        occurred_at: datetime | None = None,
        notes: str | None = None,
        entries: Sequence[CredenceEntry] | None = None,
        expected_version: int | None = None,
        pre: str | None = None,
        post: str | None = None,
    ) -> Conversation:
        """Change a conversation; ``person=""`` clears it.

        ``entries`` replaces its credences whole, expected afters included: an
        entry without one clears the one stored.
        """
        if entries is not None:
            self._check_entries(entries, expectations_need_before=True)
        with self._write() as s:
            conv = self._conversation_row(s, conversation_id, expected_version)
            if title is not None:
                conv.title = clean_text(title, what="conversation title")
            if person is not None:
                row = self._person(s, person)
                conv.person_id = row.id if row else None
            if kind is not None:
                conv.kind = Kind(kind).value
            if occurred_at is not None:
                self._move_conversation(s, conv, checked_time(occurred_at))
            if notes is not None:
                conv.notes = clean_notes(notes)
            if pre is not None:
                conv.pre = clean_notes(pre, what="Pre")
            if post is not None:
                conv.post = clean_notes(post, what="Post")
            if entries is not None:
                self._replace_entries(s, conv, entries)
            _count_edit(conv)
            s.flush()
            return conversation_of(conv, self._person_name(s, conv.person_id))

    @staticmethod
    def _move_conversation(s: Session, conv: ConversationRow, new_time: datetime) -> None:
        # Credences written at the conversation's time move with it; an after
        # written later stays put unless it would now precede the conversation.
        for c in s.scalars(select(CredenceRow).where(CredenceRow.conversation_id == conv.id)):
            if c.phase == Phase.BEFORE.value or c.recorded_at <= conv.occurred_at or c.recorded_at < new_time:
                c.recorded_at = new_time
        conv.occurred_at = new_time

    def _replace_entries(self, s: Session, conv: ConversationRow, entries: Sequence[CredenceEntry]) -> None:
        existing = {
            (c.proposition_id, c.phase): c
            for c in s.scalars(select(CredenceRow).where(CredenceRow.conversation_id == conv.id))
        }
        wanted = {e.proposition_id for e in entries}
        for (pid, _phase), c in existing.items():
            if pid not in wanted:
                s.delete(c)
        s.flush()
        for entry in entries:
            self._proposition_row(s, entry.proposition_id)
            for phase, value in ((Phase.BEFORE, entry.before), (Phase.AFTER, entry.after)):
                old = existing.get((entry.proposition_id, phase.value))
                if value is None:
                    if old is not None:
                        s.delete(old)
                elif old is not None:
                    old.probability = check_probability(value)
                    if (note := _note_for(entry, phase)) is not None:
                        old.note = clean_notes(note, what="note")
                else:
                    self._set_side(s, conv, entry, phase, conv.occurred_at)
            if entry.before is not None:
                self._expect(s, conv, entry.proposition_id, entry.expected_after)

    @retried
    def delete_conversation(self, conversation_id: str, *, expected_version: int | None = None) -> JournalData:
        """Delete a conversation with its credences; returns what was deleted, for undo."""
        with self._write() as s:
            conv = self._conversation_row(s, conversation_id, expected_version)
            person = s.get(PersonRow, conv.person_id) if conv.person_id else None
            removed = JournalData(
                people=(person_of(person),) if person else (),
                conversations=(conversation_of(conv, person.name if person else None),),
                credences=tuple(
                    credence_of(c)
                    for c in s.scalars(select(CredenceRow).where(CredenceRow.conversation_id == conv.id))
                ),
            )
            s.delete(conv)
            return removed

    def conversation(self, conversation_id: str) -> ConversationSummary:
        with self._read() as s:
            conv = self._conversation_row(s, conversation_id)
            return conversation_summaries(s, [conv])[0]

    def find_conversation(self, ref: str) -> Conversation:
        """A conversation by handle, id, exact title, or unambiguous title prefix of 4+ characters."""
        with self._read() as s:
            row = find(s, ConversationRow, ref.strip(), "conversation")
            return conversation_of(row, self._person_name(s, row.person_id))

    def conversations(self, *, since: datetime | None = None) -> list[ConversationSummary]:
        """Conversations newest first, each with its before -> after shifts."""
        with self._read() as s:
            stmt = select(ConversationRow).order_by(ConversationRow.occurred_at.desc(), ConversationRow.handle.desc())
            if since is not None:
                stmt = stmt.where(ConversationRow.occurred_at >= checked_time(since))
            return conversation_summaries(s, s.scalars(stmt).all())

    def conversation_overviews(self, ids: Sequence[str] | None = None) -> list[ConversationOverview]:
        """Conversations (or only those of ``ids``) newest first with how much each moved you; for
        shifts ask conversation(id)."""
        ids = sorted(ids) if ids is not None else None
        if ids is not None and len(ids) > IN_CHUNK:
            batches = [self.conversation_overviews(chunk) for chunk in chunked(ids)]
            return sorted((o for b in batches for o in b),
                          key=lambda o: (o.conversation.occurred_at, o.conversation.handle), reverse=True)
        with self._read() as s:
            return conversation_overviews(s, ids)

    def people(self) -> list[Person]:
        with self._read() as s:
            return [person_of(p) for p in s.scalars(select(PersonRow).order_by(PersonRow.name_key))]

    @staticmethod
    def _check_entries(entries: Sequence[CredenceEntry], *, expectations_need_before: bool = False) -> None:
        seen = set()
        for e in entries:
            if e.proposition_id in seen:
                raise InvalidInput("the same proposition appears twice in one conversation")
            seen.add(e.proposition_id)
            if e.before is None and e.after is None:
                raise InvalidInput("each proposition in a conversation needs a before or an after credence")
            for v in (e.before, e.after):
                if v is not None:
                    check_probability(v)
            # Finishing may put an expectation on the before stored earlier: _expect checks that one.
            check_expected_after(e.expected_after, has_before=e.before is not None or not expectations_need_before)

    @staticmethod
    def _expect(s: Session, conv: ConversationRow, proposition_id: str, expected: float | None) -> None:
        """Put ``expected`` on the conversation's before for the proposition (None clears it)."""
        before = s.scalar(
            select(CredenceRow).where(
                CredenceRow.conversation_id == conv.id,
                CredenceRow.proposition_id == proposition_id,
                CredenceRow.phase == Phase.BEFORE.value,
            )
        )
        expected = check_expected_after(expected, has_before=before is not None)
        if before is not None:
            before.expected_after = expected

    def _add_beliefs(self, s: Session, conv: ConversationRow, beliefs: Sequence[NewBelief], when: datetime) -> None:
        for b in beliefs:
            row = self._insert_proposition(s, b.text, b.tags, "", conv.occurred_at, b.id)
            self._set_side(s, conv, CredenceEntry(row.id, None, b.after, b.note), Phase.AFTER, when)

    def _set_side(self, s: Session, conv: ConversationRow, entry: CredenceEntry, phase: Phase, when: datetime) -> None:
        proposition_id = entry.proposition_id
        value = entry.before if phase is Phase.BEFORE else entry.after
        if value is None:
            return
        note = _note_for(entry, phase) or ""
        existing = s.scalar(
            select(CredenceRow).where(
                CredenceRow.conversation_id == conv.id,
                CredenceRow.proposition_id == proposition_id,
                CredenceRow.phase == phase.value,
            )
        )
        if existing is not None:
            existing.probability = check_probability(value)
            existing.recorded_at = when
            if note.strip():
                existing.note = clean_notes(note, what="note")
            return
        s.add(self._new_side(conv, entry, phase, when))

    @staticmethod
    def _new_side(conv: ConversationRow, entry: CredenceEntry, phase: Phase, when: datetime) -> CredenceRow | None:
        """The row of ``entry``'s credence on the ``phase`` side, or None if it has none there."""
        value = entry.before if phase is Phase.BEFORE else entry.after
        if value is None:
            return None
        return CredenceRow(
            id=new_id(),
            proposition_id=entry.proposition_id,
            conversation_id=conv.id,
            phase=phase.value,
            probability=check_probability(value),
            recorded_at=when,
            note=clean_notes(_note_for(entry, phase) or "", what="note"),
        )

    @staticmethod
    def _person(s: Session, name: str | None) -> PersonRow | None:
        if name is None:
            return None
        name = clean_name(name)
        if not name:
            return None
        key = name.casefold()
        row = s.scalar(select(PersonRow).where(PersonRow.name_key == key))
        if row is None:
            # Another device may add the same person at the same moment: the insert then
            # does nothing (waiting for that device's commit) and its row is read back.
            s.execute(insert_or_keep(s, PersonRow, ["name_key"]).values(id=new_id(), name=name, name_key=key))
            row = s.scalar(select(PersonRow).where(PersonRow.name_key == key))
            assert row is not None  # inserted now or by the device that got there first
        return row

    @staticmethod
    def _check_propositions(s: Session, proposition_ids: Sequence[str]) -> None:
        """Raise NotFound for the first of ``proposition_ids`` the journal does not hold (one query for all)."""
        if not proposition_ids:
            return
        found = set(s.scalars(select(PropositionRow.id).where(PropositionRow.id.in_(proposition_ids))))
        for pid in proposition_ids:
            if pid not in found:
                raise NotFound(f"no proposition with id {pid}")
