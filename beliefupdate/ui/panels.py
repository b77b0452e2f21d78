"""The read-only panes beside the lists: one proposition's details, one conversation's shifts."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.measures.coherence import CruxCheck
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import ConversationSummary, HistoryEntry, PropositionSummary, Resolution
from beliefupdate.ui.crux_pane import CruxSummary
from beliefupdate.ui.models.conversations import KIND_LABELS, ShiftsModel, movement_text
from beliefupdate.ui.models.history import HistoryModel


def table(name: str, model: QAbstractItemModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    # Tab moves between panes; the arrow keys move inside a table.
    view.setTabKeyNavigation(False)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setAccessibleName(f"{name} columns")
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


RESOLUTION_TEXT = {
    Resolution.TRUE: "Resolved: turned out true",
    Resolution.FALSE: "Resolved: turned out false",
    Resolution.AMBIGUOUS: "Resolved: ambiguous",
}


class PropositionDetails(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Proposition details")
        self.title = heading()
        self.meta = heading()
        self.meta.setEnabled(False)
        self.notes = heading()
        self.cruxes = CruxSummary()
        self.model = HistoryModel(self)
        self.history = table("Proposition history", self.model, HistoryModel.NOTE)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        h = self.history.horizontalHeader()
        for col, width in ((HistoryModel.WHEN, 112), (HistoryModel.CREDENCE, 64), (HistoryModel.PHASE, 64),
                           (HistoryModel.SOURCE, 140)):
            h.resizeSection(col, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.notes)
        layout.addWidget(self.cruxes)
        layout.addWidget(self.history, 1)
        self.show_proposition(None, [])

    def show_proposition(self, s: PropositionSummary | None, history: list[HistoryEntry], selected: int = 1,
                         cruxes: list[CruxCheck] | None = None) -> None:
        self.cruxes.show_checks(s.proposition if s else None, cruxes or [])
        if s is None:
            self.title.setText("<b>No proposition selected</b>")
            self.meta.setText("Select a proposition to see its notes and full history.")
            self.notes.setText("")
            self.notes.setVisible(False)
            self.model.set_rows([])
            return
        p = s.proposition
        more = f" <small>(and {selected - 1} more selected)</small>" if selected > 1 else ""
        self.title.setText(f"<b>#{p.handle} {html.escape(p.text)}</b>{more}")
        parts = [f"now {format_credence(s.current)}" if s.current is not None else "no credence yet"]
        if p.tags:
            parts.append("tags: " + ", ".join(p.tags))
        parts.append(RESOLUTION_TEXT.get(p.resolution, "open"))
        if p.resolved_at:
            parts[-1] += f" on {format_local(p.resolved_at)[:10]}"
        if p.archived:
            parts.append("archived")
        parts.append(f"{len(history)} credence{'s' if len(history) != 1 else ''}")
        self.meta.setText(html.escape(" · ".join(parts)))
        self.notes.setText(html.escape(p.notes).replace("\n", "<br>"))
        self.notes.setVisible(bool(p.notes))
        self.model.set_rows(list(reversed(history)))  # newest first, like the timeline


class ConversationDetails(QWidget):
    finish_requested = Signal()
    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Conversation details")
        self.title = heading()
        self.notes = heading()
        self.model = ShiftsModel(self)
        self.shifts = table("Before and after", self.model, ShiftsModel.REASON)
        self.shifts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        h = self.shifts.horizontalHeader()
        for col, width in ((ShiftsModel.TEXT, 180), (ShiftsModel.BEFORE, 56), (ShiftsModel.AFTER, 66),
                           (ShiftsModel.SHIFT, 76)):
            h.resizeSection(col, width)
        self.finish_button = QPushButton("&Finish: fill in afters…")
        self.finish_button.setAccessibleName("Finish conversation")
        self.finish_button.clicked.connect(self.finish_requested)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit conversation")
        self.edit_button.clicked.connect(self.edit_requested)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.notes)
        layout.addWidget(self.shifts, 1)
        self.show_conversation(None)

    def show_conversation(self, c: ConversationSummary | None) -> None:
        self.edit_button.setVisible(c is not None)
        self.finish_button.setVisible(c is not None and c.awaiting_after)
        if c is None:
            self.title.setText("<b>No conversation selected</b><br>Select one to see what it moved.")
            self.notes.setVisible(False)
            self.model.set_rows([])
            return
        conv = c.conversation
        who = f" with {html.escape(conv.person_name)}" if conv.person_name else ""
        self.title.setText(
            f"<b>{html.escape(conv.title)}</b><br>{KIND_LABELS[conv.kind]}{who} · {format_local(conv.occurred_at)}"
            f" · {html.escape(movement_text(c))}"
        )
        self.notes.setText(html.escape(conv.notes).replace("\n", "<br>"))
        self.notes.setVisible(bool(conv.notes))
        self.model.set_rows(c.shifts)
