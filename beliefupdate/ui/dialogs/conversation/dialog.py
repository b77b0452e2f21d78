"""Logging a conversation: befores, afters and reasons for each proposition it touched.

One dialog, opened in one of three modes (mode.Mode): to log a conversation (possibly with afters
left empty), to finish one started earlier by filling in its afters, or to edit one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.domain.types import ConversationSummary, JournalData, Kind, Proposition, PropositionSummary
from beliefupdate.ui.dialogs.base import CommitDialog, mark_invalid, prose_problem, to_utc, when_edit
from beliefupdate.ui.dialogs.conversation.cruxes import CruxSuggestions
from beliefupdate.ui.dialogs.conversation.draft import ConversationDraft
from beliefupdate.ui.dialogs.conversation.entry_row import EXPECTED_TIP, EntryRow
from beliefupdate.ui.dialogs.conversation.mode import Mode
from beliefupdate.ui.dialogs.conversation.new_belief_row import NewBeliefRow
from beliefupdate.ui.dialogs.conversation.picker import PropositionPicker
from beliefupdate.ui.dialogs.conversation.row import EXPECTED_WIDTH, FIELD_WIDTH, LABEL_WIDTH, SHIFT_WIDTH, Row
from beliefupdate.ui.markdown_field import MarkdownField
from beliefupdate.ui.models.conversations import KIND_LABELS

TITLE_MISSING = "Give the conversation a title."


class LogConversationDialog(CommitDialog[ConversationDraft]):
    pending = frozenset({TITLE_MISSING})

    def __init__(
        self,
        candidates: Sequence[PropositionSummary],
        people: Sequence[str],
        commit: Callable[[ConversationDraft], None],
        *,
        include: Sequence[str] = (),
        existing: ConversationSummary | None = None,
        mode: Mode = Mode.LOG,
        cruxes: JournalData | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(mode.heading, mode.ok_text, parent)
        self.mode = mode
        self.commit = commit
        self.existing = existing
        self._by_id = {s.proposition.id: s for s in candidates}
        self.rows: list[Row] = []
        self._cruxes = CruxSuggestions(cruxes or JournalData(), self._by_id)

        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("e.g. Coffee with Sam about safety roles")
        self.person = QLineEdit()
        self.person.setAccessibleName("With")
        self.person.setPlaceholderText("a person (optional)")
        completer = QCompleter(list(people), self.person)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person.setCompleter(completer)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for kind, text in KIND_LABELS.items():
            self.kind.addItem(text, kind.value)
        self.when = when_edit("Date and time")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("What was said, what you read (optional)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        # The write-up: prose in Markdown, the Pre with the befores and the Post with the afters.
        self.pre = MarkdownField("Pre", "Pre: what you think now, and why (Markdown, optional)", 4)
        self.post = MarkdownField("Post", "Post: what changed, and why (Markdown, optional)", 4)
        self.preview = QCheckBox("Pre&view")
        self.preview.setAccessibleName("Preview the Pre and the Post")
        self.preview.setToolTip("Show the Pre and the Post as the write-up sets them down")
        self.preview.toggled.connect(self._show_preview)

        self.picker = PropositionPicker(self, available=self._available, rows=lambda: self.rows,
                                        add=self._add_and_focus, add_new=self._add_new_belief, births=mode.births)
        self.add_field = self.picker.field
        self.add_problem = self.picker.problem
        self.add_new = self.picker.new_button
        self._completer = self.picker.completer

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        for text, width in (("Proposition", LABEL_WIDTH), ("Before", FIELD_WIDTH), ("Expect", EXPECTED_WIDTH),
                            ("After", FIELD_WIDTH), ("Shift", SHIFT_WIDTH)):
            lab = QLabel(f"<b>{text}</b>")
            lab.setFixedWidth(width)
            if text == "Shift":
                lab.setAlignment(Qt.AlignmentFlag.AlignRight)
            if text == "Expect":
                lab.setToolTip(EXPECTED_TIP)
            header.addWidget(lab)
        header.addSpacing(8)
        header.addWidget(QLabel("<b>Reason</b>"), 1)
        header.addSpacing(28)
        self.rows_box = QVBoxLayout()
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.setSpacing(2)
        self.empty_rows = QLabel("No propositions yet: add the ones this conversation might move.")
        self.empty_rows.setEnabled(False)
        self.rows_box.addWidget(self.empty_rows)
        rows_host = QWidget()
        host_layout = QVBoxLayout(rows_host)
        host_layout.setContentsMargins(6, 4, 6, 4)
        host_layout.addLayout(header)
        host_layout.addLayout(self.rows_box)
        host_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(rows_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rows_view = scroll  # not self.scroll, which is QWidget's own method
        self._lay_out()

        self.title.textEdited.connect(self.touch)
        self.title.textChanged.connect(self.revalidate)
        for edit in (self.notes, self.pre.edit, self.post.edit):
            # Only the status: what the text says leaves the rows and their crux suggestions as they are.
            edit.textChanged.connect(lambda: CommitDialog.revalidate(self))
        if existing is not None:
            self._load(existing)
        for pid in include:
            if pid in self._by_id:
                self.add_proposition(pid)
        if mode.afters_only:
            # The Pre was written before the talk: finishing shows it and writes the Post.
            for w in (self.title, self.person, self.kind, self.when, self.notes, self.pre):
                w.setEnabled(False)
        self._refresh_choices()
        self.revalidate()
        self._focus_first()
        self._opened_as = self._typed_state()
        self.discard_question: QMessageBox | None = None

    @property
    def _suggestion_buttons(self) -> list[QPushButton]:
        return self.picker.suggestion_buttons

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Title", self.title)
        meta = QHBoxLayout()
        meta.addWidget(self.person, 2)
        kind_label = QLabel("&Kind")
        kind_label.setBuddy(self.kind)
        meta.addWidget(kind_label)
        meta.addWidget(self.kind, 1)
        when_label = QLabel("&Date")
        when_label.setBuddy(self.when)
        meta.addWidget(when_label)
        meta.addWidget(self.when, 1)
        form.addRow("&With", meta)
        self._buddy(form, meta, self.person)
        form.addRow("&Notes", self.notes)
        prose = QHBoxLayout()
        prose.addWidget(self.pre, 1)
        post_label = QLabel("P&ost")
        post_label.setBuddy(self.post.edit)
        prose.addWidget(post_label)
        prose.addWidget(self.post, 1)
        prose.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("P&re", prose)
        self._buddy(form, prose, self.pre.edit)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_field, 1)
        add_line.addWidget(self.add_problem)
        add_line.addWidget(self.add_new)
        form.addRow("&Add", add_line)
        self._buddy(form, add_line, self.add_field)
        self.suggest_label = QLabel("Recent:")
        form.addRow(self.suggest_label, self.picker.suggest_row)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rows_view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(1100, 700)

    @staticmethod
    def _buddy(form: QFormLayout, field: QHBoxLayout, buddy: QWidget) -> None:
        label = form.labelForField(field)
        if isinstance(label, QLabel):
            label.setBuddy(buddy)

    # -- rows ---------------------------------------------------------------

    def add_proposition(self, proposition_id: str, before: float | None = None, after: float | None = None,
                        note: str = "", *, prefill: bool = True, removable: bool = True,
                        expected: float | None = None) -> EntryRow | None:
        if any(r.key == proposition_id for r in self.rows):
            return None
        summary = self._by_id[proposition_id]
        row = EntryRow(summary, self.revalidate, self._remove_row, removable, finishing=self.mode.afters_only)
        if before is None and prefill:
            before = summary.current
        row.before.set_value(before)
        row.expected.set_value(expected)
        row.after.set_value(after)
        row.reason.setText(note)
        row.reason.setCursorPosition(0)
        self._append(row)
        return row

    def _add_new_belief(self, text: str) -> NewBeliefRow:
        row = NewBeliefRow(text, self.revalidate, self._remove_row)
        self._append(row)
        row.after.edit.setFocus()
        return row

    def _append(self, row: Row) -> None:
        self.rows.append(row)
        self.rows_box.addWidget(row.widget())
        row.widget().show()  # a layout only shows a new child of a visible parent later, from the event loop
        self.empty_rows.setVisible(False)
        self._refresh_choices()
        self.revalidate()

    def _remove_row(self, widget: QWidget) -> None:
        index = next(i for i, r in enumerate(self.rows) if r.widget() is widget)
        self.rows.pop(index)
        self.rows_box.removeWidget(widget)
        widget.hide()
        widget.deleteLater()
        self.empty_rows.setVisible(not self.rows)
        self._refresh_choices()
        self.revalidate()
        target = self.rows[min(index, len(self.rows) - 1)].landing() if self.rows else self.add_field
        target.setFocus()

    def _load(self, c: ConversationSummary) -> None:
        conv = c.conversation
        self.title.setText(conv.title)
        self.person.setText(conv.person_name or "")
        self.kind.setCurrentIndex(self.kind.findData(conv.kind.value))
        self.when.setDateTime(when_edit("", conv.occurred_at).dateTime())
        self.notes.setPlainText(conv.notes)
        self.pre.set_text(conv.pre)
        self.post.set_text(conv.post)
        for s in c.shifts:
            if s.proposition_id not in self._by_id:
                # An archived proposition is not a candidate but still belongs to this conversation.
                self._by_id[s.proposition_id] = PropositionSummary(
                    Proposition(s.proposition_id, s.proposition_handle, s.proposition_text, "", (), conv.occurred_at),
                    None, None, None,
                )
            # Until there is an after, the shift's note is the before's own; finishing asks why it moved,
            # which belongs to the after, so the before's note is shown but not offered for reuse.
            waiting = self.mode.afters_only and s.after is None
            row = self.add_proposition(s.proposition_id, s.before, s.after, "" if waiting else s.note,
                                       prefill=False, removable=not self.mode.afters_only, expected=s.expected_after)
            if waiting and s.note and row is not None:
                row.label.setToolTip(f"{s.proposition_text}\n\nYour note with the before: {s.note}")

    # -- choosing propositions ---------------------------------------------

    def _available(self) -> list[PropositionSummary]:
        included = {r.key for r in self.rows}
        return [s for s in self._by_id.values() if s.proposition.id not in included and not s.proposition.archived]

    def _refresh_choices(self) -> None:
        self.picker.refresh()
        self.suggest_label.setVisible(bool(self._suggestion_buttons))
        self._fix_tab_order()

    def _add_and_focus(self, proposition_id: str) -> None:
        row = self.add_proposition(proposition_id)
        if row is not None:
            (row.after if row.before.value() is not None else row.before).setFocus()

    def _show_preview(self, on: bool) -> None:
        for f in (self.pre, self.post):
            f.show_preview(on)
        # Writing again where the preview was read: the editor under it takes the keys.
        if not on and self.preview.hasFocus():
            (self.post if self.mode.afters_only else self.pre).edit.setFocus()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.title, self.person, self.kind, self.when, self.notes, self.pre.edit,
                                self.post.edit, self.preview, self.add_field, self.add_new]
        chain += self._suggestion_buttons
        for r in self.rows:
            chain += r.focus_chain()
        chain += [self.ok_button, self.cancel_button]
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _focus_first(self) -> None:
        if self.mode.afters_only and self.rows:
            waiting = [r for r in self.rows if r.after.value() is None]
            (waiting or self.rows)[0].after.setFocus()
            return
        self.title.setFocus()

    # -- closing without saving --------------------------------------------

    def _typed_state(self) -> tuple[object, ...]:
        rows = tuple(r.typed() for r in self.rows)
        return (self.title.text(), self.person.text(), self.kind.currentIndex(), self.when.dateTime(),
                self.notes.toPlainText(), self.pre.text(), self.post.text(), rows)

    def reject(self) -> None:
        """Escape, Cancel and the window's close button all come here: ask before losing what was typed."""
        if not self.isVisible() or self._typed_state() == self._opened_as:
            super().reject()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), self.mode.discard_question,
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("What you typed in this dialog will be lost.")
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda b: self._answered(b, discard))
        self.discard_question = box
        box.open()  # over this dialog only, without blocking

    def _answered(self, button: QAbstractButton, discard: QAbstractButton) -> None:
        if button is discard:
            self.discard()

    def discard(self) -> None:
        self._opened_as = self._typed_state()
        super().reject()

    # -- validation and result ---------------------------------------------

    def revalidate(self) -> None:
        self._cruxes.update([x for r in self.rows if (x := r.linked()) is not None], self._add_and_focus)
        super().revalidate()

    def problems(self) -> list[str]:
        out = []
        if not self.title.text().strip():
            out.append(TITLE_MISSING)
        mark_invalid(self.title, out[0] if out and self.touched else "")
        for edit, what in ((self.notes, "Notes"), (self.pre.edit, "Pre"), (self.post.edit, "Post")):
            problem = prose_problem(edit, what)
            mark_invalid(edit, problem)
            if problem:
                out.append(problem)
        out += [p for p in (r.problem() for r in self.rows) if p]
        return out

    def hint(self) -> str:
        waiting = sum(1 for r in self.rows if r.after.value() is None)
        if waiting and self.mode.waits:
            return (f"{waiting} after{'s' if waiting != 1 else ''} left empty: the conversation waits in the list "
                    "until you finish it.")
        if not self.rows:
            return "You can log a conversation without propositions, but it will not move anything."
        return ""

    def draft(self) -> ConversationDraft:
        given = [r.contribution() for r in self.rows]
        return ConversationDraft(
            title=self.title.text().strip(),
            person=self.person.text().strip(),
            kind=Kind(self.kind.currentData()),
            occurred_at=to_utc(self.when.dateTime()),
            notes=self.notes.toPlainText().strip(),
            entries=tuple(e for c in given for e in c.entries),
            pre=self.pre.text().strip(),
            post=self.post.text().strip(),
            new_beliefs=tuple(b for c in given for b in c.new_beliefs),
        )
