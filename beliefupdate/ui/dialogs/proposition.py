"""New and edit proposition: its text, tags and notes (and, when new, where you stand now)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.text import clean_tags
from beliefupdate.domain.types import MAX_TEXT, Proposition
from beliefupdate.ui.credence_field import CredenceField
from beliefupdate.ui.dialogs.base import CommitDialog, mark_invalid, prose_problem

TEXT_MISSING = "Write the proposition."


@dataclass(frozen=True)
class PropositionDraft:
    text: str
    tags: tuple[str, ...]
    notes: str
    credence: float | None = None


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.replace(";", ",").split(",") if t.strip())


class PropositionDialog(CommitDialog[PropositionDraft]):
    pending = frozenset({TEXT_MISSING})

    def __init__(
        self,
        commit: Callable[[PropositionDraft], None],
        *,
        existing: Proposition | None = None,
        known_tags: Sequence[str] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(
            "Edit proposition" if existing else "New proposition",
            "Save" if existing else "Add proposition",
            parent,
        )
        self.commit = commit
        self.text = QLineEdit()
        self.text.setAccessibleName("Proposition")
        self.text.setPlaceholderText("A statement you can be more or less sure of, e.g. I should work at a large lab")
        self.text.setMaxLength(MAX_TEXT)
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("comma-separated, e.g. career, labs")
        if known_tags:
            self.tags.setToolTip("Tags in this journal: " + ", ".join(known_tags))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("Why it matters, what would change your mind (optional)")
        self.credence = CredenceField("Current")

        form = QFormLayout()
        form.addRow("&Proposition", self.text)
        form.addRow("&Tags", self.tags)
        form.addRow("&Notes", self.notes)
        if existing is None:
            form.addRow("&Credence now", self.credence)
            explain = QLabel("Optional: how likely you think it is today. Recorded as a check-in.")
            explain.setEnabled(False)
            form.addRow("", explain)
        else:
            self.credence.hide()
            self.text.setText(existing.text)
            self.tags.setText(", ".join(existing.tags))
            self.notes.setPlainText(existing.notes)
        for label_target in (self.text, self.tags, self.notes, self.credence):
            label = form.labelForField(label_target)
            if isinstance(label, QLabel):  # addRow made a QLabel of each name
                label.setBuddy(label_target.focusProxy() or label_target)  # a mnemonic focuses only a focusable widget
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 320)
        self.text.textChanged.connect(self.revalidate)
        self.text.textEdited.connect(self.touch)
        self.credence.changed.connect(self.revalidate)
        self.tags.textChanged.connect(self.revalidate)
        self.notes.textChanged.connect(self.revalidate)
        self.revalidate()
        self.text.setFocus()

    def problems(self) -> list[str]:
        out = []
        if not self.text.text().strip():
            out.append(TEXT_MISSING)
        mark_invalid(self.text, out[0] if out and self.touched else "")
        try:
            clean_tags(split_tags(self.tags.text()))
            tags = ""
        except InvalidInput as e:
            tags = f"Tags: {e}"  # in the status line: the field's tooltip lists the journal's tags
        notes = prose_problem(self.notes, "Notes")
        mark_invalid(self.notes, notes)
        out += [p for p in (tags, notes) if p]
        if not self.credence.is_valid():
            out.append(f"Credence now: {self.credence.error()}")
        return out

    def draft(self) -> PropositionDraft:
        return PropositionDraft(
            text=self.text.text().strip(),
            tags=split_tags(self.tags.text()),
            notes=self.notes.toPlainText().strip(),
            credence=self.credence.value() if self.credence.isVisibleTo(self) else None,
        )
