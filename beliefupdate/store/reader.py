"""What the charts read of a journal, as a protocol: the Journal has it, and so may a stand-in
that holds a journal's records without its database (the window's snapshot, a test's fixture).

Written down so that mypy checks every reader against one list instead of each caller guessing
at the Journal's methods; the return types are the Journal's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from beliefupdate.domain.types import HistoryEntry, JournalData, Proposition
from beliefupdate.store.location import Location

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


class JournalReader(Protocol):
    """The reads a history chart makes (charts.series, charts.widget, charts.writeup)."""

    @property
    def location(self) -> Location:
        """Where the journal lives: an export must not overwrite its files."""
        ...

    def proposition(self, proposition_id: str) -> Proposition:
        """One proposition; NotFound when there is none with that id."""
        ...

    def proposition_ids(self) -> list[str]:
        """Every proposition's id, in number order (archived ones included)."""
        ...

    def history(self, proposition_id: str) -> list[HistoryEntry]:
        """A proposition's credences, oldest first, each with its conversation; NotFound when it is gone."""
        ...

    def histories(self, proposition_ids: Sequence[str]) -> list[tuple[Proposition, list[HistoryEntry]]]:
        """Each proposition with its history, in the order given; NotFound when one is gone."""
        ...

    def cruxes(self, proposition_ids: Sequence[str] | None = None) -> JournalData:
        """The crux links touching ``proposition_ids`` (all when None) with their conditional credences."""
        ...


if TYPE_CHECKING:
    def _the_journal_is_a_reader(journal: Journal) -> JournalReader:
        # mypy fails here the day the Journal stops offering what the charts read.
        return journal
