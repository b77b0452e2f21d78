"""A quick check-in: where you stand on one proposition now, without a conversation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.types import PropositionSummary
from beliefupdate.ui.credence_field import CredenceField
from beliefupdate.ui.dialogs.base import CommitDialog, to_utc, when_edit


@dataclass(frozen=True)
class CheckInDraft:
    probability: float
    note: str
    at: datetime


class CheckInDialog(CommitDialog[CheckInDraft]):
    def __init__(self, summary: PropositionSummary, commit: Callable[[CheckInDraft], None], parent: QWidget | None = None):
        super().__init__("Check in", "Record", parent)
        self.commit = commit
        p = summary.proposition
        heading = QLabel(f"<b>#{p.handle}</b> {_escape(p.text)}")
        heading.setWordWrap(True)
        now = f"Last recorded: {format_credence(summary.current)}" if summary.current is not None else "No credence yet."
        self.credence = CredenceField("Now", allow_empty=False)
        self.credence.set_value(summary.current)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("what changed your mind (optional)")
        self.when = when_edit("Date and time")
        form = QFormLayout()
        form.addRow(heading)
        form.addRow("", QLabel(now))
        form.addRow("&Credence", self.credence)
        form.addRow("&Note", self.note)
        form.addRow("&When", self.when)
        for w in (self.credence, self.note, self.when):
            label = form.labelForField(w)
            if isinstance(label, QLabel):  # addRow made a QLabel of each name
                label.setBuddy(w.focusProxy() or w)  # a mnemonic focuses only a focusable widget
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(520, 240)
        self.credence.changed.connect(self.revalidate)
        self.revalidate()
        self.credence.edit.selectAll()
        self.credence.setFocus()

    def problems(self) -> list[str]:
        return [] if self.credence.is_valid() else [f"Credence: {self.credence.error()}"]

    def draft(self) -> CheckInDraft:
        value = self.credence.value()
        assert value is not None
        return CheckInDraft(value, self.note.text().strip(), to_utc(self.when.dateTime()))


def _escape(text: str) -> str:
    import html

    return html.escape(text)
