"""The propositions table: where each proposition stands now, and which way it last moved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.times import format_ago, format_local
from beliefupdate.domain.types import TREND_LENGTH, PropositionSummary, Resolution
from beliefupdate.ui.models.base import RIGHT, Column, ColumnsModel
from beliefupdate.ui.models.sort_proxy import SortProxy

TREND_ROLE = Qt.ItemDataRole.UserRole + 10

RISE = QColor(46, 139, 87)
FALL = QColor(200, 70, 60)


@dataclass(frozen=True)
class PropositionItem:
    """A row of the propositions table (not the store's PropositionRow, a row of the database)."""

    summary: PropositionSummary
    trend: tuple[float, ...] = ()  # the last few credences, oldest first

    @property
    def id(self) -> str:
        return self.summary.proposition.id


def build_rows(summaries: Iterable[PropositionSummary]) -> list[PropositionItem]:
    """Rows from Journal.summaries(): each carries its recent credences for the trend."""
    return [PropositionItem(s, s.recent[-TREND_LENGTH:]) for s in summaries]


def direction(change: float | None) -> str:
    if not change:
        return ""
    return "▲" if change > 0 else "▼"


def _text(row: PropositionItem) -> str:
    p = row.summary.proposition
    marks = []
    if p.archived:
        marks.append("archived")
    if p.resolution is not Resolution.OPEN:
        marks.append(f"resolved {p.resolution.value}")
    return p.text + (f"  ({', '.join(marks)})" if marks else "")


def _text_tip(row: PropositionItem) -> str:
    p = row.summary.proposition
    return p.text + (f"\n\n{p.notes}" if p.notes else "")


def _change(row: PropositionItem) -> str:
    change = row.summary.last_change
    if change is None:
        return ""
    return f"{direction(change)} {format_change(change)}".strip()


def _move_tip(row: PropositionItem) -> str | None:
    s = row.summary
    if s.moved_from is None or s.current is None:
        return None
    return f"{format_credence(s.moved_from)} → {format_credence(s.current)}"


def _trend_spoken(row: PropositionItem) -> str:
    return f"trend over {len(row.trend)} credences" if row.trend else "no trend"


class PropositionsModel(ColumnsModel[PropositionItem]):
    HANDLE, TEXT, TAGS, CREDENCE, CHANGE, WHEN, TREND = range(7)
    TABLE = (
        Column("#", lambda r: str(r.summary.proposition.handle), lambda r: r.summary.proposition.handle, align=RIGHT),
        Column("Proposition", _text, lambda r: r.summary.proposition.text, cell_tip=_text_tip),
        Column("Tags", lambda r: ", ".join(r.summary.proposition.tags), lambda r: ", ".join(r.summary.proposition.tags)),
        Column("Credence", lambda r: format_credence(r.summary.current) if r.summary.current is not None else "—",
               lambda r: r.summary.current, align=RIGHT),
        Column("Last change", _change, lambda r: r.summary.last_change, cell_tip=_move_tip, align=RIGHT),
        Column("When", lambda r: format_ago(r.summary.changed_at) if r.summary.changed_at else "",
               lambda r: r.summary.changed_at,
               cell_tip=lambda r: format_local(r.summary.changed_at) if r.summary.changed_at else None),
        # Drawn by the SparklineDelegate from TREND_ROLE; a screen reader says how long the trend is.
        Column("Trend", lambda r: None, lambda r: r.summary.last_change, cell_tip=_move_tip, spoken=_trend_spoken),
    )

    def row_id(self, row: PropositionItem) -> str:
        return row.id

    def extra(self, row: PropositionItem, column: int, role: int) -> Any:
        s = row.summary
        if role == TREND_ROLE and column == self.TREND:
            return row.trend
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CHANGE and s.last_change:
            return RISE if s.last_change > 0 else FALL
        if role == Qt.ItemDataRole.FontRole and s.proposition.archived:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def tags(self) -> list[str]:
        return sorted({t for row in self._rows for t in row.summary.proposition.tags})


class PropositionFilter(SortProxy):
    """Filters by search text (text, tags, notes), by one tag, and hides archived ones unless asked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._tag = ""
        self._show_archived = False
        self._haystacks: list[str] | None = None  # per source row, made on the first search after a change

    @property
    def show_archived(self) -> bool:
        return self._show_archived

    @property
    def tag(self) -> str:
        return self._tag

    def set_search(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle != self._needle:
            # Every row a longer search finds, the shorter one found too: only those are looked at again.
            narrower = needle.startswith(self._needle)
            self.refilter(lambda: setattr(self, "_needle", needle), narrower=narrower)

    def set_tag(self, tag: str) -> None:
        if tag != self._tag:
            self.refilter(lambda: setattr(self, "_tag", tag))

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self.refilter(lambda: setattr(self, "_show_archived", bool(show)))

    def _rebuild(self) -> None:
        self._haystacks = None
        super()._rebuild()

    def _source_data_changed(self, *args: object) -> None:
        self._haystacks = None  # an edited text or tag is searched for as it is now
        super()._source_data_changed(*args)

    def filtered(self, rows: list[int]) -> list[int]:
        model = self.sourceModel()
        if not isinstance(model, PropositionsModel):
            return rows
        props = [r.summary.proposition for r in model.rows()] if rows else []
        if not self._show_archived:
            rows = [r for r in rows if not props[r].archived]
        if self._tag:
            tag = self._tag
            rows = [r for r in rows if tag in props[r].tags]
        if self._needle:
            if self._haystacks is None:
                self._haystacks = [" ".join((p.text, " ".join(p.tags), p.notes, f"#{p.handle}")).casefold()
                                   for p in props]
            hay = self._haystacks
            for word in self._needle.split():
                rows = [r for r in rows if word in hay[r]]
        return rows
