"""What the window reads of a journal before the journal is open, as a protocol.

At start-up the window paints from a snapshot (ui.snapshot.SnapshotJournal) and opens the
journal right after; until then everything it shows is read through this list, which the
stand-in and the Journal both implement. Anything else the window needs (the credences of a
proposition, an edit) waits for the Journal itself: JournalSession.journal raises StillOpening
until it is there. mypy checks both implementations below, so a read added to the window's first
paint that the stand-in cannot answer fails the type check rather than the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from beliefupdate.domain.types import ConversationOverview, PropositionSummary
from beliefupdate.store.reader import JournalReader

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal
    from beliefupdate.ui.snapshot import SnapshotJournal


class WindowReader(JournalReader, Protocol):
    """The charts' reads, and what the first paint shows: the list and the newest conversations."""

    def summaries(self, *, include_archived: bool = False, trend: bool = True,
                  ids: Sequence[str] | None = None) -> list[PropositionSummary]:
        """Each proposition (only those of ``ids``, when given) with where it stands; ``trend=False``
        leaves each one's ``recent`` empty."""
        ...

    def conversation_overviews(self, ids: Sequence[str] | None = None) -> list[ConversationOverview]:
        """Conversations (only those of ``ids``, when given) newest first, with how much each moved."""
        ...

    def close(self) -> None:
        """Let go of what it holds open; the window calls it when it shows another journal."""
        ...


if TYPE_CHECKING:
    # mypy fails here the day either stops offering what the window reads before the journal opens.
    def _the_journal_is_a_window_reader(journal: Journal) -> WindowReader:
        return journal

    def _the_stand_in_is_a_window_reader(stand_in: SnapshotJournal) -> WindowReader:
        return stand_in
