"""Operations on conversations: log, finish, edit, delete, each with the beliefs born in it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from beliefupdate.domain.times import now_utc
from beliefupdate.domain.types import (
    Conversation,
    ConversationSummary,
    CredenceEntry,
    JournalData,
    Kind,
    NewBelief,
)
from beliefupdate.operations.changes import CONVERSATION, Changes, Done, Operation, What, short
from beliefupdate.operations.propositions import merged
from beliefupdate.operations.steps import Remover, created, removing, stepping

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


@dataclass(frozen=True)
class ConversationDraft:
    """A conversation as the person wrote it down (the log dialog's result, or the command line's)."""

    title: str
    entries: Sequence[CredenceEntry]
    person: str = ""
    kind: Kind = Kind.CONVERSATION
    occurred_at: datetime | None = None
    notes: str = ""
    pre: str = ""
    post: str = ""
    new_beliefs: Sequence[NewBelief] = field(default=())


def entries_of(c: ConversationSummary) -> list[CredenceEntry]:
    """The credences logged in ``c``, as entries that write them again."""
    return [s.entry() for s in c.shifts if s.before is not None or s.after is not None]


def with_ids(beliefs: Sequence[NewBelief]) -> list[NewBelief]:
    """The beliefs with the ids their propositions will have: the operation knows what it creates
    (and its redo creates the same records again) without reading them back."""
    # Here, not at the top: the window imports the operations before its first paint, which
    # loads no database code.
    from beliefupdate.store.journal import new_id

    return [b if b.id else replace(b, id=new_id()) for b in beliefs]


def _born(beliefs: Sequence[NewBelief]) -> list[str]:
    return [b.id for b in beliefs if b.id]


def delete_with_born(conversation_id: str, born: Sequence[str]) -> Remover:
    """A remover: the conversation and the propositions first thought of in it, in one transaction."""

    def remove(j: Journal) -> JournalData:
        removed = j.delete_conversation(conversation_id)
        props = merged(j.delete_proposition(pid) for pid in born)
        return merged([removed, props])

    return remove


def log_conversation(draft: ConversationDraft) -> Operation[Conversation]:
    beliefs = with_ids(draft.new_beliefs)
    born = _born(beliefs)

    def run(j: Journal) -> Done[Conversation]:
        conv = j.log_conversation(draft.title, draft.entries, person=draft.person or None, kind=draft.kind,
                                  occurred_at=draft.occurred_at, notes=draft.notes, pre=draft.pre, post=draft.post,
                                  new_beliefs=beliefs)
        what = CONVERSATION | (What.PROPOSITIONS if born else What(0))
        changes = Changes.of(what, propositions=[e.proposition_id for e in draft.entries] + born,
                             conversations=[conv.id])
        return created(f"log “{short(conv.title)}”", conv, changes, delete_with_born(conv.id, born),
                       (conv.id, *born))

    return run


def _restore(old: ConversationSummary) -> Callable[[Journal, int | None], Conversation]:
    c, entries = old.conversation, entries_of(old)

    def write(j: Journal, version: int | None) -> Conversation:
        return j.edit_conversation(c.id, title=c.title, person=c.person_name or "", kind=c.kind,
                                   occurred_at=c.occurred_at, notes=c.notes, entries=entries, pre=c.pre, post=c.post,
                                   expected_version=version)

    return write


def _touched(old: ConversationSummary, entries: Sequence[CredenceEntry], born: Sequence[str]) -> set[str]:
    """Its propositions before and after the change, and those first thought of in it."""
    return {e.proposition_id for e in entries_of(old)} | {e.proposition_id for e in entries} | set(born)


def finish_conversation(old: ConversationSummary, entries: Sequence[CredenceEntry], *, post: str | None,
                        new_beliefs: Sequence[NewBelief] = (), expected_version: int | None = None,
                        at: datetime | None = None) -> Operation[Conversation]:
    """Record the afters of a conversation logged earlier, with its Post and the beliefs born in it.

    Undo gives the conversation back as it was and deletes those beliefs; redo writes the same
    afters at the same time and creates the same beliefs again: redo restores, it does not re-record."""
    cid = old.conversation.id
    entries = [e for e in entries if e.before is not None or e.after is not None]
    beliefs = with_ids(new_beliefs)
    born = _born(beliefs)
    when = at or now_utc()
    restore = _restore(old)

    def there(j: Journal, version: int | None) -> tuple[Conversation, int]:
        done = j.finish_conversation(cid, entries, when, post=post, new_beliefs=beliefs, expected_version=version)
        return done, done.version

    def back(j: Journal, version: int | None) -> tuple[Conversation, int]:
        done = restore(j, version)
        for pid in born:
            j.delete_proposition(pid)
        return done, done.version

    what = CONVERSATION | (What.PROPOSITIONS if born else What(0))
    changes = Changes.of(what, propositions=_touched(old, entries, born), conversations=[cid])
    return stepping(f"finish “{short(old.conversation.title)}”", changes, there, back, expected_version)


def edit_conversation(old: ConversationSummary, draft: ConversationDraft,
                      expected_version: int | None = None) -> Operation[Conversation]:
    cid = old.conversation.id
    entries = [e for e in draft.entries if e.before is not None or e.after is not None]
    restore = _restore(old)

    def there(j: Journal, version: int | None) -> tuple[Conversation, int]:
        done = j.edit_conversation(cid, title=draft.title, person=draft.person, kind=draft.kind,
                                   occurred_at=draft.occurred_at, notes=draft.notes, entries=entries,
                                   pre=draft.pre, post=draft.post, expected_version=version)
        return done, done.version

    def back(j: Journal, version: int | None) -> tuple[Conversation, int]:
        done = restore(j, version)
        return done, done.version

    changes = Changes.of(CONVERSATION, propositions=_touched(old, entries, ()), conversations=[cid])
    return stepping(f"edit “{short(draft.title)}”", changes, there, back, expected_version)


def delete_conversation(c: Conversation) -> Operation[JournalData]:
    """Delete a conversation with the credences logged in it; the propositions stay."""

    def touches(removed: JournalData) -> Changes:
        return Changes.of(CONVERSATION, propositions={k.proposition_id for k in removed.credences},
                          conversations=[c.id])

    return removing(f"delete “{short(c.title)}”", touches, lambda j: j.delete_conversation(c.id))
