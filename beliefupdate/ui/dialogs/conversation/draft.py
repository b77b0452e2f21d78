"""What the log dialog gives back: the conversation as typed, and what each row adds to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from beliefupdate.domain.types import CredenceEntry, Kind, NewBelief


@dataclass(frozen=True)
class Contribution:
    """What one row adds to the draft: the credences of a proposition the journal has, or a belief
    first thought of in the conversation (created with it)."""

    entries: tuple[CredenceEntry, ...] = ()
    new_beliefs: tuple[NewBelief, ...] = ()


@dataclass(frozen=True)
class ConversationDraft:
    title: str
    person: str
    kind: Kind
    occurred_at: datetime
    notes: str
    entries: tuple[CredenceEntry, ...] = field(default_factory=tuple)
    pre: str = ""
    post: str = ""
    new_beliefs: tuple[NewBelief, ...] = ()  # propositions first thought of in it, created with it
