"""The conversations timeline (newest first) and the before -> after shifts of one conversation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import ConversationOverview, ConversationSummary, KIND_NAMES, Shift
from beliefupdate.ui.models.base import SORT_ROLE, RowsModel
from beliefupdate.ui.models.propositions import FALL, RISE, direction

AWAITING_ROLE = Qt.ItemDataRole.UserRole + 20
AWAITING_TINT = QColor(242, 184, 75, 70)

KIND_LABELS = {kind: name[:1].upper() + name[1:] for kind, name in KIND_NAMES.items()}  # "AI chat", "Reading"


def movement_text(c: ConversationOverview | ConversationSummary) -> str:
    if c.awaiting_after:
        return f"awaiting {c.awaiting} after" + ("s" if c.awaiting != 1 else "")
    if not c.propositions:
        return "no propositions"
    if not c.moved:
        return "nothing moved"
    return f"{c.moved} moved · {c.total_movement * 100:.0f} pp"


class ConversationsModel(RowsModel):
    WHEN, TITLE, PERSON, KIND, MOVED = range(5)
    COLUMNS = ("Date", "Title", "With", "Kind", "Moved")

    def row_id(self, row: ConversationOverview) -> str:
        return row.conversation.id

    def cell(self, row: ConversationOverview, column: int, role: int) -> Any:
        c = row.conversation
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                format_local(c.occurred_at)[:10] if role == Qt.ItemDataRole.DisplayRole else format_local(c.occurred_at),
                c.title,
                c.person_name or "",
                KIND_LABELS[c.kind],
                movement_text(row),
            )[column]
        if role == SORT_ROLE:
            return (c.occurred_at, c.title, c.person_name or "", c.kind.value, row.total_movement)[column]
        if role == AWAITING_ROLE:
            return row.awaiting_after
        if role == Qt.ItemDataRole.BackgroundRole and row.awaiting_after:
            return AWAITING_TINT  # translucent, so it reads on light and dark palettes alike
        if role == Qt.ItemDataRole.FontRole and row.awaiting_after:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.WHEN:
                return format_local(c.occurred_at)
            if row.awaiting_after:
                return "Afters still to fill in: double-click or press Enter to finish this conversation."
            return c.notes or None
        return None


class ShiftsModel(RowsModel):
    """Each proposition's before -> after in the selected conversation."""

    TEXT, BEFORE, AFTER, SHIFT, REASON = range(5)
    COLUMNS = ("Proposition", "Before", "After", "Shift", "Reason")

    def row_id(self, row: Shift) -> str:
        return row.proposition_id

    def cell(self, row: Shift, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                f"#{row.proposition_handle} {row.proposition_text}",
                format_credence(row.before) if row.before is not None else "—",
                format_credence(row.after) if row.after is not None else "awaiting",
                f"{direction(row.change)} {format_change(row.change)}".strip() if row.change is not None else "",
                row.note,
            )[column]
        if role == SORT_ROLE:
            return (row.proposition_handle, row.before, row.after, row.change, row.note)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TEXT, self.REASON):
            return row.proposition_text if column == self.TEXT else (row.note or None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.BEFORE, self.AFTER, self.SHIFT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SHIFT and row.change:
            return RISE if row.change > 0 else FALL
        return None
