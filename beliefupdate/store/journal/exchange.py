"""The whole journal at once: exporting it, importing into it (or previewing an import)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from beliefupdate.domain.types import ImportResult, JournalData
from beliefupdate.store.journal.core import JournalCore, retried
from beliefupdate.store.models import PropositionRow


class ExchangeMixin(JournalCore):
    """The journal as a whole."""

    def export_data(self) -> JournalData:
        from beliefupdate.store.export import journal_data

        with self._read() as s:
            return journal_data(s)

    @retried
    def import_data(self, data: JournalData, labels: Sequence[str] = ()) -> ImportResult:
        """Merge records by id in one transaction: records already present are skipped.

        Raises InvalidInput (nothing written) if a record conflicts or refers to an
        unknown id; ``labels`` names each proposition as its file does.
        """
        from beliefupdate.store.merge import merge

        with self._write() as s:
            return merge(s, data, labels)

    @retried
    def preview_import(self, data: JournalData, labels: Sequence[str] = ()) -> ImportResult:
        """What import_data would add and skip, or the InvalidInput it would raise; nothing is written.

        The very merge that import_data runs is run and rolled back, so the counts
        and the refusals cannot drift apart from what importing then does.
        """
        from beliefupdate.store.merge import merge

        # Not _write: nothing is written, so nobody is told of a change.
        with self._db_errors(), Session(self._writer) as s, s.begin():
            result = merge(s, data, labels)
            s.rollback()
        return result

    def is_empty(self) -> bool:
        with self._read() as s:
            return s.scalar(select(func.count()).select_from(PropositionRow)) == 0
