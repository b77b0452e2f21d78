"""The Journal's credences outside conversations (check-ins), and every proposition's history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from beliefupdate.domain.errors import NotFound
from beliefupdate.domain.rules import check_probability
from beliefupdate.domain.text import clean_notes
from beliefupdate.domain.times import checked_time, now_utc
from beliefupdate.domain.types import Credence, HistoryEntry, JournalData, Phase, Proposition
from beliefupdate.store.journal.core import JournalCore, new_id, retried
from beliefupdate.store.models import CredenceRow, PropositionRow
from beliefupdate.store.queries import TIME_ORDER, chunked, conversations_by_id, credence_rows, tags_of
from beliefupdate.store.records import credence_of, proposition_of


def _entries(s: Session, creds: Sequence[Row[*tuple[Any, ...]]]) -> list[HistoryEntry]:
    """Credence rows (from credence_rows()) as history entries, each with its conversation."""
    convs = conversations_by_id(s, list({c.conversation_id for c in creds if c.conversation_id}))
    return [HistoryEntry(credence_of(c), convs.get(c.conversation_id)) for c in creds]


class CredencesMixin(JournalCore):
    """Check-ins, and credences as histories."""

    @retried
    def check_in(
        self, proposition_id: str, probability: float, note: str = "", at: datetime | None = None
    ) -> Credence:
        probability = check_probability(probability)
        with self._write() as s:
            self._proposition_row(s, proposition_id)
            row = CredenceRow(
                id=new_id(),
                proposition_id=proposition_id,
                conversation_id=None,
                phase=Phase.CHECK_IN.value,
                probability=probability,
                recorded_at=checked_time(at) if at else now_utc(),
                note=clean_notes(note, what="note"),
            )
            s.add(row)
            s.flush()
            return credence_of(row)

    @retried
    def delete_credence(self, credence_id: str) -> JournalData:
        with self._write() as s:
            row = s.get(CredenceRow, credence_id)
            if row is None:
                raise NotFound(f"no credence with id {credence_id}")
            removed = JournalData(credences=(credence_of(row),))
            s.delete(row)
            return removed

    def history(self, proposition_id: str) -> list[HistoryEntry]:
        """A proposition's credences, oldest first, each with its conversation."""
        with self._read() as s:
            self._proposition_row(s, proposition_id)
            # Plain rows: charts ask for thousands of credences at a time.
            creds = s.execute(
                credence_rows().where(CredenceRow.proposition_id == proposition_id).order_by(*TIME_ORDER)
            ).all()
            return _entries(s, creds)

    def histories(self, proposition_ids: Sequence[str]) -> list[tuple[Proposition, list[HistoryEntry]]]:
        """Each proposition with its :meth:`history`, in the order given: a chart of many
        propositions reads them all in one unit of work, with a few queries rather than a few each."""
        wanted = list(proposition_ids)
        ids = list(dict.fromkeys(wanted))
        with self._read() as s:
            rows: dict[str, PropositionRow] = {}
            creds: list[Row[*tuple[Any, ...]]] = []
            for chunk in chunked(ids):
                rows.update((r.id, r) for r in s.scalars(select(PropositionRow).where(PropositionRow.id.in_(chunk))))
                creds += s.execute(
                    credence_rows().where(CredenceRow.proposition_id.in_(chunk)).order_by(*TIME_ORDER)
                ).all()
            for pid in ids:
                if pid not in rows:
                    raise NotFound(f"no proposition with id {pid}")
            tags = tags_of(s, ids)
            by_id: dict[str, list[HistoryEntry]] = {pid: [] for pid in ids}
            for c, entry in zip(creds, _entries(s, creds), strict=True):
                by_id[c.proposition_id].append(entry)
            return [(proposition_of(rows[pid], tags[pid]), by_id[pid]) for pid in wanted]

    def credences(self, proposition_ids: Sequence[str] | None = None) -> list[Credence]:
        """Credences in time order, optionally only for some propositions."""
        with self._read() as s:
            stmt = credence_rows().order_by(*TIME_ORDER)
            if proposition_ids is not None:
                stmt = stmt.where(CredenceRow.proposition_id.in_(list(proposition_ids)))
            return [credence_of(c) for c in s.execute(stmt)]
