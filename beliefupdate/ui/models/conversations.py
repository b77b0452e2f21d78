"""The conversations timeline (newest first) and the before -> after shifts of one conversation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import KIND_NAMES, ConversationOverview, ConversationSummary, Shift
from beliefupdate.ui.models.base import RIGHT, Column, ColumnsModel
from beliefupdate.ui.models.propositions import FALL, RISE, direction

AWAITING_ROLE = Qt.ItemDataRole.UserRole + 20
AWAITING_TINT = QColor(242, 184, 75, 70)

KIND_LABELS = {kind: name[:1].upper() + name[1:] for kind, name in KIND_NAMES.items()}  # "AI chat", "Reading"


def _when(row: ConversationOverview) -> tuple[datetime, int]:
    """Where a conversation stands in the timeline, as Journal.conversation_overviews orders it (newest first)."""
    return row.conversation.occurred_at, row.conversation.handle


def movement_text(c: ConversationOverview | ConversationSummary) -> str:
    if c.awaiting_after:
        return f"awaiting {c.awaiting} after" + ("s" if c.awaiting != 1 else "")
    if not c.propositions:
        return "no propositions"
    if not c.moved:
        return "nothing moved"
    return f"{c.moved} moved · {c.total_movement * 100:.0f} pp"


def _conversation_tip(row: ConversationOverview) -> str | None:
    if row.awaiting_after:
        return "Afters still to fill in: double-click or press Enter to finish this conversation."
    return row.conversation.notes or None


class ConversationsModel(ColumnsModel[ConversationOverview]):
    WHEN, TITLE, PERSON, KIND, MOVED = range(5)
    TABLE = (
        Column("Date", lambda r: format_local(r.conversation.occurred_at)[:10], lambda r: r.conversation.occurred_at,
               cell_tip=lambda r: format_local(r.conversation.occurred_at),
               spoken=lambda r: format_local(r.conversation.occurred_at)),
        Column("Title", lambda r: r.conversation.title, lambda r: r.conversation.title, cell_tip=_conversation_tip),
        Column("With", lambda r: r.conversation.person_name or "", lambda r: r.conversation.person_name or "",
               cell_tip=_conversation_tip),
        Column("Kind", lambda r: KIND_LABELS[r.conversation.kind], lambda r: r.conversation.kind.value,
               cell_tip=_conversation_tip),
        Column("Moved", movement_text, lambda r: r.total_movement, cell_tip=_conversation_tip),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Each conversation's place in time: a row is found by a binary search on it, and an edit
        # shown in place (place) changes one entry, not a whole index of row numbers.
        self._when_of: dict[str, tuple[datetime, int]] | None = None

    def row_id(self, row: ConversationOverview) -> str:
        return row.conversation.id

    def set_rows(self, rows: Sequence[ConversationOverview]) -> None:
        self._when_of = None
        super().set_rows(rows)

    def row_of(self, record_id: str) -> int:
        if self._when_of is None:
            self._when_of = {row.conversation.id: _when(row) for row in self._rows}
        when = self._when_of.get(record_id)
        if when is None:
            return -1
        i = self._slot(when, skip=-1)
        return i if i < len(self._rows) and self._rows[i].conversation.id == record_id else -1

    def place(self, rows: Iterable[ConversationOverview], gone: Iterable[str] = ()) -> None:
        """Show ``rows`` (read again after an edit) where their time puts them in the timeline, and
        drop the rows of ``gone``; the selection stays on the row it was on, wherever that moves."""
        self.row_of("")  # the places in time, before any changes
        assert self._when_of is not None
        doomed = sorted({i for cid in gone if (i := self.row_of(cid)) >= 0}, reverse=True)
        for i in doomed:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._when_of[self._rows.pop(i).conversation.id]
            self.endRemoveRows()
        for row in rows:
            old = self.row_of(row.conversation.id)
            at = self._slot(_when(row), skip=old)  # where it goes among the other rows
            if old < 0:
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, row)
                self.endInsertRows()
            elif at == old:
                self._rows[old] = row
                self.dataChanged.emit(self.index(old, 0), self.index(old, self.columnCount() - 1))
            else:
                # Qt counts the destination before the row leaves: one further down when moving down.
                self.beginMoveRows(QModelIndex(), old, old, QModelIndex(), at if at < old else at + 1)
                del self._rows[old]
                self._rows.insert(at, row)
                self.endMoveRows()
            self._when_of[row.conversation.id] = _when(row)

    def _slot(self, key: tuple[datetime, int], skip: int) -> int:
        """The place for a row of ``key`` among the rows (newest first), leaving out row ``skip``."""
        rows = self._rows
        lo, hi = 0, len(rows) - (1 if skip >= 0 else 0)
        while lo < hi:
            mid = (lo + hi) // 2
            if _when(rows[mid + 1 if 0 <= skip <= mid else mid]) > key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def extra(self, row: ConversationOverview, column: int, role: int) -> Any:
        if role == AWAITING_ROLE:
            return row.awaiting_after
        if role == Qt.ItemDataRole.BackgroundRole and row.awaiting_after:
            return AWAITING_TINT  # translucent, so it reads on light and dark palettes alike
        if role == Qt.ItemDataRole.FontRole and row.awaiting_after:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _shift_text(row: Shift) -> str:
    if row.change is None:
        return ""
    return f"{direction(row.change)} {format_change(row.change)}".strip()


class ShiftsModel(ColumnsModel[Shift]):
    """Each proposition's before -> after in the selected conversation."""

    TEXT, BEFORE, AFTER, SHIFT, REASON = range(5)
    TABLE = (
        Column("Proposition", lambda r: f"#{r.proposition_handle} {r.proposition_text}",
               lambda r: r.proposition_handle, cell_tip=lambda r: r.proposition_text),
        Column("Before", lambda r: format_credence(r.before) if r.before is not None else "—", lambda r: r.before,
               align=RIGHT),
        Column("After", lambda r: format_credence(r.after) if r.after is not None else "awaiting", lambda r: r.after,
               align=RIGHT),
        Column("Shift", _shift_text, lambda r: r.change, align=RIGHT),
        Column("Reason", lambda r: r.note, lambda r: r.note, cell_tip=lambda r: r.note or None),
    )

    def row_id(self, row: Shift) -> str:
        return row.proposition_id

    def extra(self, row: Shift, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SHIFT and row.change:
            return RISE if row.change > 0 else FALL
        return None
