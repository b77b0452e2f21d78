"""What the log dialog gives back: the conversation as typed, and what each row adds to it."""

from __future__ import annotations

from dataclasses import dataclass

from beliefupdate.domain.types import CredenceEntry, NewBelief

# The draft is what the operations take: the dialog fills it in, the operation writes it.
from beliefupdate.operations.conversations import ConversationDraft

__all__ = ["Contribution", "ConversationDraft"]


@dataclass(frozen=True)
class Contribution:
    """What one row adds to the draft: the credences of a proposition the journal has, or a belief
    first thought of in the conversation (created with it)."""

    entries: tuple[CredenceEntry, ...] = ()
    new_beliefs: tuple[NewBelief, ...] = ()
