"""The propositions table: where each proposition stands now, and which way it last moved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.times import format_ago, format_local
from beliefupdate.domain.types import TREND_LENGTH, PropositionSummary, Resolution
from beliefupdate.ui.models.base import SORT_ROLE, RowsModel, SortProxy

TREND_ROLE = Qt.ItemDataRole.UserRole + 10

RISE = QColor(46, 139, 87)
FALL = QColor(200, 70, 60)


@dataclass(frozen=True)
class PropositionRow:
    summary: PropositionSummary
    trend: tuple[float, ...] = ()  # the last few credences, oldest first

    @property
    def id(self) -> str:
        return self.summary.proposition.id


def build_rows(summaries) -> list[PropositionRow]:
    """Rows from Journal.summaries(): each carries its recent credences for the trend."""
    return [PropositionRow(s, s.recent[-TREND_LENGTH:]) for s in summaries]


def direction(change: float | None) -> str:
    if not change:
        return ""
    return "▲" if change > 0 else "▼"


class PropositionsModel(RowsModel):
    HANDLE, TEXT, TAGS, CREDENCE, CHANGE, WHEN, TREND = range(7)
    COLUMNS = ("#", "Proposition", "Tags", "Credence", "Last change", "When", "Trend")

    def row_id(self, row: PropositionRow) -> str:
        return row.id

    def cell(self, row: PropositionRow, column: int, role: int) -> Any:
        s = row.summary
        p = s.proposition
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return (
                p.handle,
                p.text,
                ", ".join(p.tags),
                s.current,
                s.last_change,
                s.changed_at,
                s.last_change,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, column)
        if role == TREND_ROLE and column == self.TREND:
            return row.trend
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.HANDLE, self.CREDENCE, self.CHANGE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CHANGE and s.last_change:
            return RISE if s.last_change > 0 else FALL
        if role == Qt.ItemDataRole.FontRole and p.archived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column) or (f"trend over {len(row.trend)} credences" if row.trend else "no trend")
        return None

    def _display(self, row: PropositionRow, column: int) -> str | None:
        s = row.summary
        p = s.proposition
        if column == self.HANDLE:
            return str(p.handle)
        if column == self.TEXT:
            marks = []
            if p.archived:
                marks.append("archived")
            if p.resolution is not Resolution.OPEN:
                marks.append(f"resolved {p.resolution.value}")
            return p.text + (f"  ({', '.join(marks)})" if marks else "")
        if column == self.TAGS:
            return ", ".join(p.tags)
        if column == self.CREDENCE:
            return format_credence(s.current) if s.current is not None else "—"
        if column == self.CHANGE:
            if s.last_change is None:
                return ""
            return f"{direction(s.last_change)} {format_change(s.last_change)}".strip()
        if column == self.WHEN:
            return format_ago(s.changed_at) if s.changed_at else ""
        return None

    def _tooltip(self, s: PropositionSummary, column: int) -> str | None:
        if column == self.TEXT:
            return s.proposition.text + (f"\n\n{s.proposition.notes}" if s.proposition.notes else "")
        if column == self.WHEN and s.changed_at:
            return format_local(s.changed_at)
        if column in (self.CHANGE, self.TREND) and s.moved_from is not None and s.current is not None:
            return f"{format_credence(s.moved_from)} → {format_credence(s.current)}"
        return None

    def tags(self) -> list[str]:
        return sorted({t for row in self._rows for t in row.summary.proposition.tags})


class PropositionFilter(SortProxy):
    """Filters by search text (text, tags, notes), by one tag, and hides archived ones unless asked."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""
        self._tag = ""
        self._show_archived = False

    @property
    def show_archived(self) -> bool:
        return self._show_archived

    @property
    def tag(self) -> str:
        return self._tag

    def set_search(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle != self._needle:
            self.refilter(lambda: setattr(self, "_needle", needle))

    def set_tag(self, tag: str) -> None:
        if tag != self._tag:
            self.refilter(lambda: setattr(self, "_tag", tag))

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self.refilter(lambda: setattr(self, "_show_archived", bool(show)))

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if source_parent.isValid() or not isinstance(model, PropositionsModel):
            return True
        p = model.row(source_row).summary.proposition
        if p.archived and not self._show_archived:
            return False
        if self._tag and self._tag not in p.tags:
            return False
        if self._needle:
            hay = " ".join((p.text, " ".join(p.tags), p.notes, f"#{p.handle}")).casefold()
            return all(word in hay for word in self._needle.split())
        return True
