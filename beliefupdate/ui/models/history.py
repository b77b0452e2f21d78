"""One proposition's full history: every credence, with the conversation that framed it."""

from __future__ import annotations

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import HistoryEntry
from beliefupdate.ui.models.base import RIGHT, Column, ColumnsModel


def _source(row: HistoryEntry) -> str:
    conv = row.conversation
    if conv is None:
        return ""
    return conv.title + (f" (with {conv.person_name})" if conv.person_name else "")


class HistoryModel(ColumnsModel[HistoryEntry]):
    WHEN, CREDENCE, PHASE, SOURCE, NOTE = range(5)
    TABLE = (
        Column("When", lambda r: format_local(r.credence.recorded_at), lambda r: r.credence.recorded_at),
        Column("Credence", lambda r: format_credence(r.credence.probability), lambda r: r.credence.probability,
               align=RIGHT),
        Column("Phase", lambda r: r.credence.phase.value, lambda r: r.credence.phase.value),
        Column("Conversation", _source, lambda r: r.conversation.title if r.conversation else "",
               cell_tip=lambda r: r.conversation.title if r.conversation else None),
        Column("Note", lambda r: r.credence.note, lambda r: r.credence.note, cell_tip=lambda r: r.credence.note or None),
    )

    def row_id(self, row: HistoryEntry) -> str:
        return row.credence.id
