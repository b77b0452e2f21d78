"""What an operation did: its value, the records it touched, and how to take it back."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal

T = TypeVar("T")


class What(enum.Flag):
    """Which kinds of record a change touched: each view reloads only what it shows."""

    PROPOSITIONS = enum.auto()  # text, tags, notes, archive, resolution
    CONVERSATIONS = enum.auto()  # the timeline: conversations and the credences logged in them
    CREDENCES = enum.auto()  # any credence, check-ins included: current values, trends, histories
    ALL = PROPOSITIONS | CONVERSATIONS | CREDENCES


# A conversation's edits touch the timeline and the credences logged in it, never a proposition's own fields.
CONVERSATION = What.CONVERSATIONS | What.CREDENCES


def _ids(ids: Iterable[str] | None) -> frozenset[str] | None:
    return None if ids is None else frozenset(ids)


@dataclass(frozen=True)
class Changes:
    """The kinds of record changed and, where known, which: None means "any of that kind"."""

    what: What = What.ALL
    propositions: frozenset[str] | None = None
    conversations: frozenset[str] | None = None

    @classmethod
    def of(cls, what: What, *, propositions: Iterable[str] | None = None,
           conversations: Iterable[str] | None = None) -> Changes:
        return cls(what, _ids(propositions), _ids(conversations))


EVERYTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's result. ``label`` names it for Edit > Undo; ``created`` lists the ids of the
    records it created, in order; ``undo`` runs the inverse operation (None: it cannot be undone)."""

    label: str
    value: T
    changes: Changes = EVERYTHING
    undo: Operation[Any] | None = None
    created: tuple[str, ...] = field(default=())


# An operation: a function of the journal, run in one transaction, that says what it did.
Operation = Callable[["Journal"], Done[T]]


def short(text: str, n: int = 40) -> str:
    """A record's text as an undo label shows it."""
    return text if len(text) <= n else text[: n - 1] + "…"
