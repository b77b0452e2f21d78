"""The Journal's crux links: one proposition depending on another, with its conditional credences."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from beliefupdate.domain.errors import NotFound
from beliefupdate.domain.times import checked_time, now_utc
from beliefupdate.domain.types import CruxLink, JournalData
from beliefupdate.store.cruxes import links_of, set_crux
from beliefupdate.store.journal.core import JournalCore, retried
from beliefupdate.store.models import CruxCredenceRow, CruxLinkRow
from beliefupdate.store.records import crux_credence_of


class CruxesMixin(JournalCore):
    """Crux links and their conditional credences."""

    @retried
    def set_crux(
        self, proposition_id: str, on_id: str, if_true: float, if_false: float, at: datetime | None = None
    ) -> CruxLink:
        """"``proposition_id`` depends on ``on_id``": link them (refusing a cycle) and record
        P(B | A) = ``if_true`` and P(B | not A) = ``if_false`` at ``at``; again later, to update them."""
        when = checked_time(at) if at else now_utc()
        with self._write() as s:
            self._proposition_row(s, proposition_id)
            self._proposition_row(s, on_id)
            return set_crux(s, proposition_id, on_id, if_true, if_false, when)

    @retried
    def delete_crux(self, link_id: str) -> JournalData:
        """Delete a link with its conditional credences; returns them, for undo."""
        with self._write() as s:
            row = s.get(CruxLinkRow, link_id)
            if row is None:
                raise NotFound(f"no crux link with id {link_id}")
            links, conditionals = links_of(s, [row.proposition_id])
            removed = JournalData(crux_links=tuple(k for k in links if k.id == link_id),
                                  crux_credences=tuple(c for c in conditionals if c.link_id == link_id))
            s.delete(row)
            return removed

    @retried
    def delete_crux_credences(self, credence_ids: Sequence[str]) -> JournalData:
        """Delete conditional credences (an update of a link, undone); returns them, for undo."""
        with self._write() as s:
            rows = [row for cid in credence_ids if (row := s.get(CruxCredenceRow, cid)) is not None]
            if len(rows) != len(credence_ids):
                raise NotFound("a conditional credence of that crux link is no longer there")
            removed = JournalData(crux_credences=tuple(crux_credence_of(r) for r in rows))
            for row in rows:
                s.delete(row)
            return removed

    def cruxes(self, proposition_ids: Sequence[str] | None = None) -> JournalData:
        """The crux links touching ``proposition_ids`` (all when None) with their conditional credences."""
        with self._read() as s:
            links, conditionals = links_of(s, proposition_ids)
            return JournalData(crux_links=links, crux_credences=conditionals)
