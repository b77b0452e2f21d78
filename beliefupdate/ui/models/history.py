"""One proposition's full history: every credence, with the conversation that framed it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import HistoryEntry
from beliefupdate.ui.models.base import SORT_ROLE, RowsModel



class HistoryModel(RowsModel):
    WHEN, CREDENCE, PHASE, SOURCE, NOTE = range(5)
    COLUMNS = ("When", "Credence", "Phase", "Conversation", "Note")

    def row_id(self, row: HistoryEntry) -> str:
        return row.credence.id

    def cell(self, row: HistoryEntry, column: int, role: int) -> Any:
        c = row.credence
        conv = row.conversation
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            source = ""
            if conv is not None:
                source = conv.title + (f" (with {conv.person_name})" if conv.person_name else "")
            return (format_local(c.recorded_at), format_credence(c.probability), c.phase.value, source, c.note)[
                column
            ]
        if role == SORT_ROLE:
            return (c.recorded_at, c.probability, c.phase.value, conv.title if conv else "", c.note)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.CREDENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.SOURCE, self.NOTE):
            return (conv.title if conv else None) if column == self.SOURCE else (c.note or None)
        return None
