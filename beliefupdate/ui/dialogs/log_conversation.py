"""Logging a conversation: befores, afters and reasons for each proposition it touched.

Three modes share one dialog: ``new`` (log, possibly with afters left empty),
``finish`` (fill in the afters of a conversation started earlier) and ``edit``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.measures import check_prediction
from beliefupdate.domain.measures.prediction import SAME
from beliefupdate.domain.rules import NEEDS_BEFORE
from beliefupdate.domain.types import (
    ConversationSummary,
    CredenceEntry,
    JournalData,
    Kind,
    NewBelief,
    Proposition,
    PropositionSummary,
)
from beliefupdate.ui.credence_field import CredenceField
from beliefupdate.ui.overflow_row import OverflowRow
from beliefupdate.ui.dialogs.crux_hint import CruxHint, CruxSuggestions
from beliefupdate.ui.dialogs.base import ERROR_STYLE, CommitDialog, mark_invalid, problem_label, to_utc, when_edit
from beliefupdate.ui.evidence import evidence_text
from beliefupdate.ui.markdown_field import MarkdownField
from beliefupdate.ui.models.conversations import KIND_LABELS
from beliefupdate.ui.models.propositions import FALL, RISE

MAX_SUGGESTIONS = 4
DISCARD_QUESTIONS = {"new": "Discard this conversation?", "finish": "Discard the afters you typed?",
                     "edit": "Discard your changes to this conversation?"}
TITLE_MISSING = "Give the conversation a title."
LABEL_WIDTH = 270
FIELD_WIDTH = 170
EXPECTED_WIDTH = 84
SHIFT_WIDTH = 124
HINT_STYLE = "color: #b26b00;"  # amber: worth a thought, not an error; legible on light and dark
# An after this far from the one expected (odds doubled or halved) is a real surprise; a smaller
# miss is ordinary noise and is told in the normal colour, like a hit.
SURPRISE_BITS = 1.0
EXPECTED_TIP = (
    "Optional: the after you expect this conversation to leave you at, on average (not the most likely one). "
    "A coherent forecaster expects to stay "
    "where they are; if you expect to move, you could move now."
)


@dataclass(frozen=True)
class ConversationDraft:
    title: str
    person: str
    kind: Kind
    occurred_at: datetime
    notes: str
    entries: tuple[CredenceEntry, ...] = field(default_factory=tuple)
    pre: str = ""
    post: str = ""
    new_beliefs: tuple[NewBelief, ...] = ()  # propositions first thought of in it, created with it


def label_of(p) -> str:
    return f"#{p.handle} {p.text}"


def _elide(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def expectation_hint(before: float | None, expected: float | None, after: float | None,
                     finishing: bool) -> tuple[str, bool]:
    """What an expected after says, as the row shows it ('' when nothing worth a line), and whether it
    is worth a second thought (an expected move, or an after far from the one expected)."""
    if before is None or expected is None:
        return "", False
    check = check_prediction(before, expected, after)
    if finishing and check.gap is not None:
        if abs(check.gap) <= SAME:
            return f"You expected {format_credence(expected)}; the after is right on it.", False
        surprised = abs(check.surprise_bits) >= SURPRISE_BITS
        return f"You expected {format_credence(expected)}; the after is {format_change(check.gap)} from it.", surprised
    if not check.flagged:
        return "", False
    way = "up" if expected > before else "down"
    return (f"You expect to move {way}, from {format_credence(before)} to {format_credence(expected)}: "
            "an expected move is a move you could make now."), True


class EntryRow(QWidget):
    """One included proposition: before, expected after, after, the live shift, a reason, and a remove button."""

    new = False  # a proposition first thought of in the conversation (new_belief_row.NewBeliefRow)

    def __init__(self, summary: PropositionSummary, on_change: Callable[[], None], on_remove, removable: bool = True,
                 finishing: bool = False):
        super().__init__()
        p = summary.proposition
        self.proposition_id = p.id
        self.handle = p.handle
        self.label = QLabel(label_of(p))
        self.label.setWordWrap(True)
        self.label.setFixedWidth(LABEL_WIDTH)
        self.label.setToolTip(p.text)
        self.finishing = finishing
        self.before = CredenceField(f"Before for #{p.handle}")
        self.expected = CredenceField(f"Expected after for #{p.handle}")
        self.expected.slider.hide()
        self.expected.edit.setPlaceholderText("" if finishing else "optional")
        self.expected.edit.setToolTip(EXPECTED_TIP)
        self.expected.edit.setAccessibleDescription(EXPECTED_TIP)
        self.expected.setFixedWidth(EXPECTED_WIDTH)
        # What you expected is a record of the time before; finishing fills in what happened.
        self.expected.setEnabled(not finishing)
        self.after = CredenceField(f"After for #{p.handle}")
        for f in (self.before, self.after):
            f.setFixedWidth(FIELD_WIDTH)
        if finishing:
            # The befores were written before the talk; Tab must not land in one with its text
            # selected, where the after would be typed over it. A click still changes one.
            self.before.edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.shift = QLabel("")
        self.shift.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.shift.setAccessibleName(f"Shift for #{p.handle}")
        self.evidence = QLabel("")
        self.evidence.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.evidence.setAccessibleName(f"Evidence for #{p.handle}")
        self.evidence.setToolTip("The shift as evidence: bits (one bit doubles the odds) and the likelihood ratio")
        small = self.evidence.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.evidence.setFont(small)
        shift_box = QWidget()
        shift_box.setFixedWidth(SHIFT_WIDTH)
        shift_layout = QVBoxLayout(shift_box)
        shift_layout.setContentsMargins(0, 0, 0, 0)
        shift_layout.setSpacing(0)
        shift_layout.addWidget(self.shift)
        shift_layout.addWidget(self.evidence)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("why it moved (optional)")
        self.reason.setAccessibleName(f"Reason for #{p.handle}")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(f"Leave #{p.handle} out of this conversation")
        self.remove.setAccessibleName(f"Remove #{p.handle}")
        self.remove.setVisible(removable)
        self.remove.clicked.connect(lambda: on_remove(self))
        self.error = QLabel("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(f"Expectation for #{p.handle}")
        self.hint.setVisible(False)
        self.use_expected = QPushButton("Make it my before")
        self.use_expected.setAccessibleName(f"Use the expected after as the before for #{p.handle}")
        self.use_expected.setToolTip("If you expect to end up there, that is where you stand now")
        self.use_expected.setAutoDefault(False)
        self.use_expected.setVisible(False)
        self.use_expected.clicked.connect(self._use_expected)

        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.before)
        line.addWidget(self.expected)
        line.addWidget(self.after)
        line.addWidget(shift_box)
        line.addSpacing(8)
        line.addWidget(self.reason, 1)
        line.addWidget(self.remove)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        outer.setSpacing(2)
        outer.addLayout(line)
        outer.addWidget(self.error)
        hint_line = QHBoxLayout()
        hint_line.setContentsMargins(LABEL_WIDTH + 6, 0, 0, 0)
        hint_line.addWidget(self.hint, 1)
        hint_line.addWidget(self.use_expected)
        outer.addLayout(hint_line)
        self.crux = CruxHint(p.handle)
        outer.addWidget(self.crux)
        for f in (self.before, self.expected, self.after):
            f.changed.connect(self._update)
            f.changed.connect(on_change)
        self._update()

    def problem(self) -> str:
        for side, f in (("before", self.before), ("expected after", self.expected), ("after", self.after)):
            if not f.is_valid():
                return f"#{self.handle} {side}: {f.error()}"
        if self.before.value() is None and self.after.value() is None:
            return f"#{self.handle}: give a before, an after, or both"
        if self.expected.value() is not None and self.before.value() is None:
            return f"#{self.handle}: {NEEDS_BEFORE}"
        return ""

    def entry(self) -> CredenceEntry:
        return CredenceEntry(self.proposition_id, self.before.value(), self.after.value(), self.reason.text().strip(),
                             expected_after=self.expected.value())

    def focus_chain(self) -> list[QWidget]:
        # The credence fields themselves, not their line edits: ordering a field's edit alone leaves
        # the field (its focus proxy) behind after Cancel, where Tab went back into the rows instead
        # of round to the title. The buttons under the row come after it, as they are read.
        return [self.before, self.expected, self.after, self.reason, self.remove, self.use_expected, self.crux.button]

    def _use_expected(self) -> None:
        self.before.set_value(self.expected.value())
        self.after.edit.setFocus()

    def _update(self) -> None:
        b, e, a = self.before.value(), self.expected.value(), self.after.value()
        self.after.set_resting_position(b)
        change = a - b if a is not None and b is not None else None
        self.shift.setText(format_change(change) if change is not None else "")
        self.evidence.setText(evidence_text(b, a) if change is not None else "")
        self.shift.setAccessibleDescription(
            " · ".join(t for t in (self.shift.text(), self.evidence.text()) if t))
        color = (RISE if change > 0 else FALL).name() if change else ""
        self.shift.setStyleSheet(f"color: {color};" if color else "")
        problem = self.problem()
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        hint, worth_a_thought = ("", False) if problem else expectation_hint(b, e, a, self.finishing)
        self.hint.setStyleSheet(HINT_STYLE if worth_a_thought else "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.use_expected.setVisible(bool(hint) and not self.finishing and e is not None and b is not None and e != b)


class LogConversationDialog(CommitDialog):
    pending = frozenset({TITLE_MISSING})

    def __init__(
        self,
        candidates: Sequence[PropositionSummary],
        people: Sequence[str],
        commit: Callable[[ConversationDraft], None],
        *,
        include: Sequence[str] = (),
        existing: ConversationSummary | None = None,
        mode: str = "new",
        cruxes: JournalData | None = None,
        parent: QWidget | None = None,
    ):
        titles = {"new": ("Log a conversation", "Log conversation"),
                  "finish": ("Finish a conversation", "Save afters"),
                  "edit": ("Edit a conversation", "Save changes")}
        super().__init__(*titles[mode], parent)
        self.mode = mode
        self.commit = commit
        self.existing = existing
        self._by_id = {s.proposition.id: s for s in candidates}
        self.rows: list[EntryRow] = []
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

        self.add_field = QLineEdit()
        self.add_field.setAccessibleName("Add a proposition")
        self.add_field.setPlaceholderText("Type to find a proposition and press Enter to add it")
        self._completer = QCompleter([], self.add_field)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated.connect(self._add_from_text)
        self.add_field.setCompleter(self._completer)
        self.add_field.installEventFilter(self)
        self.add_problem = problem_label("Why nothing was added")
        self.add_field.textEdited.connect(self._forget_add_problem)
        # Text that names no proposition can be one first thought of in this conversation.
        self.add_new = QPushButton()
        self.add_new.setAutoDefault(False)
        self.add_new.setVisible(False)
        self.add_new.setToolTip("A belief you had not considered before this conversation: it gets an after only")
        self.add_new.clicked.connect(lambda: self._add_new_belief(self.add_field.text()))
        self.add_field.textChanged.connect(self._offer_new)
        # While the popup is open it takes the keyboard, and the completer's own handling of
        # Enter only closes it unless a row is highlighted; this filter runs first.
        self._completer.popup().installEventFilter(self)
        self.suggest_row = OverflowRow()
        self.suggestions = self.suggest_row.row
        self._suggestion_buttons: list[QPushButton] = []

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
        self.scroll = scroll

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
        form.labelForField(meta).setBuddy(self.person)
        form.addRow("&Notes", self.notes)
        prose = QHBoxLayout()
        prose.addWidget(self.pre, 1)
        post_label = QLabel("P&ost")
        post_label.setBuddy(self.post.edit)
        prose.addWidget(post_label)
        prose.addWidget(self.post, 1)
        prose.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("P&re", prose)
        form.labelForField(prose).setBuddy(self.pre.edit)
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_field, 1)
        add_line.addWidget(self.add_problem)
        add_line.addWidget(self.add_new)
        form.addRow("&Add", add_line)
        form.labelForField(add_line).setBuddy(self.add_field)
        self.suggest_label = QLabel("Recent:")
        self.suggestions.addStretch(1)
        form.addRow(self.suggest_label, self.suggest_row)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(1100, 700)

        self.title.textEdited.connect(self.touch)
        self.title.textChanged.connect(self.revalidate)
        if existing is not None:
            self._load(existing)
        for pid in include:
            if pid in self._by_id:
                self.add_proposition(pid)
        if mode == "finish":
            # The Pre was written before the talk: finishing shows it and writes the Post.
            for w in (self.title, self.person, self.kind, self.when, self.notes, self.pre):
                w.setEnabled(False)
        self._refresh_choices()
        self.revalidate()
        self._focus_first()
        self._opened_as = self._typed_state()
        self.discard_question: QMessageBox | None = None

    # -- rows ---------------------------------------------------------------

    def add_proposition(self, proposition_id: str, before: float | None = None, after: float | None = None,
                        note: str = "", *, prefill: bool = True, removable: bool = True,
                        expected: float | None = None) -> EntryRow | None:
        if any(r.proposition_id == proposition_id for r in self.rows):
            return None
        summary = self._by_id[proposition_id]
        row = EntryRow(summary, self.revalidate, self._remove_row, removable, finishing=self.mode == "finish")
        if before is None and prefill:
            before = summary.current
        row.before.set_value(before)
        row.expected.set_value(expected)
        row.after.set_value(after)
        row.reason.setText(note)
        row.reason.setCursorPosition(0)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        row.show()  # a layout only shows a new child of a visible parent later, from the event loop
        self.empty_rows.setVisible(False)
        self._refresh_choices()
        self.revalidate()
        return row

    def _add_new_belief(self, text: str, after: float | None = None) -> EntryRow | None:
        from beliefupdate.ui.dialogs.new_belief_row import NewBeliefRow

        text = " ".join(text.split())
        if not self._can_be_new(text):
            return None
        row = NewBeliefRow(text, self.revalidate, self._remove_row)
        row.after.set_value(after)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        row.show()
        self.empty_rows.setVisible(False)
        QTimer.singleShot(0, self.add_field.clear)  # after the completer has written into the field
        self.add_field.clear()
        self._refresh_choices()
        self.revalidate()
        row.after.edit.setFocus()
        return row

    def _can_be_new(self, text: str) -> bool:
        """Whether ``text`` can be a new proposition here: it names none on offer or in the conversation."""
        text = text.strip()
        if self.mode == "edit" or not text or (text.startswith("#") and text[1:].isdigit()):
            return False
        key = text.casefold()
        named = [label_of(s.proposition) for s in self._available()] + [r.label.text() for r in self.rows]
        return not any(key in label.casefold() for label in named)

    def _offer_new(self, text: str) -> None:
        from beliefupdate.ui.dialogs.new_belief_row import NEW_OFFER

        offer = self._can_be_new(text)
        shown = " ".join(text.split())
        self.add_new.setText(NEW_OFFER.format(_elide(shown, 40)) if offer else "")
        self.add_new.setAccessibleName(NEW_OFFER.format(shown) if offer else "")
        self.add_new.setVisible(offer)

    def _remove_row(self, row: EntryRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.empty_rows.setVisible(not self.rows)
        self._refresh_choices()
        self.revalidate()
        target = self.rows[min(index, len(self.rows) - 1)].before if self.rows else self.add_field
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
            waiting = self.mode == "finish" and s.after is None
            row = self.add_proposition(s.proposition_id, s.before, s.after, "" if waiting else s.note,
                                       prefill=False, removable=self.mode != "finish", expected=s.expected_after)
            if waiting and s.note and row is not None:
                row.label.setToolTip(f"{s.proposition_text}\n\nYour note with the before: {s.note}")

    # -- choosing propositions ---------------------------------------------

    def _available(self) -> list[PropositionSummary]:
        included = {r.proposition_id for r in self.rows}
        return [s for s in self._by_id.values() if s.proposition.id not in included and not s.proposition.archived]

    def _refresh_choices(self) -> None:
        available = self._available()
        self._completer.model().setStringList([label_of(s.proposition) for s in available])
        for b in self._suggestion_buttons:
            self.suggestions.removeWidget(b)
            b.hide()
            b.deleteLater()
        self._suggestion_buttons = []
        recent = sorted((s for s in available if s.current_at), key=lambda s: s.current_at, reverse=True)
        for s in recent[:MAX_SUGGESTIONS]:
            p = s.proposition
            button = QPushButton(f"+ #{p.handle} {_elide(p.text, 28)}")
            button.setToolTip(f"Add #{p.handle}: {p.text}")
            button.setAccessibleName(f"Add #{p.handle} {p.text}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, pid=p.id: self._add_and_focus(pid))
            self.suggestions.insertWidget(self.suggestions.count() - 1, button)
            button.show()
            self._suggestion_buttons.append(button)
        self.suggest_row.fit()
        self.suggest_label.setVisible(bool(self._suggestion_buttons))
        self._fix_tab_order()

    def _add_and_focus(self, proposition_id: str) -> None:
        row = self.add_proposition(proposition_id)
        if row is not None:
            (row.after if row.before.value() is not None else row.before).setFocus()

    def _add_from_text(self, text: str, *, first_of_many: bool = False) -> bool:
        """Add the proposition ``text`` names; ``first_of_many`` takes the top one the popup lists."""
        text = text.strip()
        if not text:
            return False
        available = self._available()
        exact = [s for s in available if label_of(s.proposition).casefold() == text.casefold()]
        matches = exact or [s for s in available if text.casefold() in label_of(s.proposition).casefold()]
        if text.startswith("#") and text[1:].isdigit():
            matches = [s for s in available if s.proposition.handle == int(text[1:])]
        if first_of_many:
            matches = matches[:1]
        if not matches and self._can_be_new(text):
            return self._add_new_belief(text) is not None
        if len(matches) != 1:
            mark_invalid(self.add_field, self._why_not_added(text, len(matches)), self.add_problem)
            return False
        mark_invalid(self.add_field, "", self.add_problem)
        # Cleared again after the completer has finished writing its choice into the field.
        QTimer.singleShot(0, self.add_field.clear)
        self.add_field.clear()
        self._add_and_focus(matches[0].proposition.id)
        return True

    def _forget_add_problem(self, _text: str) -> None:
        if self.add_problem.isVisibleTo(self):
            mark_invalid(self.add_field, "", self.add_problem)

    def _why_not_added(self, text: str, matching: int) -> str:
        if matching:
            return f"{matching} propositions match; type more"
        listed = [r for r in self.rows if (f"#{r.handle}" == text if text.startswith("#") and text[1:].isdigit()
                                           else text.casefold() in r.label.text().casefold())]
        if listed:
            return f"#{listed[0].handle} is already in this conversation" if len(listed) == 1 else \
                "Already in this conversation"
        return "No proposition matches"

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        popup = self._completer.popup()
        if (obj in (self.add_field, popup) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.add_field.text().strip()):
            if popup.isVisible():
                # The popup lists what matches: Enter takes the highlighted row, else the top one.
                current = popup.currentIndex()
                text = current.data() if current.isValid() else self.add_field.text()
                popup.hide()
                self._add_from_text(text, first_of_many=True)
            else:
                self._add_from_text(self.add_field.text())
            return True  # Enter here adds; it must not accept the dialog
        return super().eventFilter(obj, event)

    def _show_preview(self, on: bool) -> None:
        for f in (self.pre, self.post):
            f.show_preview(on)
        # Writing again where the preview was read: the editor under it takes the keys.
        if not on and self.preview.hasFocus():
            (self.post if self.mode == "finish" else self.pre).edit.setFocus()

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
        if self.mode == "finish" and self.rows:
            waiting = [r for r in self.rows if r.after.value() is None]
            (waiting or self.rows)[0].after.setFocus()
            return
        self.title.setFocus()

    # -- closing without saving --------------------------------------------

    def _typed_state(self) -> tuple:
        rows = tuple((r.proposition_id, r.before.edit.text(), r.expected.edit.text(), r.after.edit.text(),
                      r.reason.text()) for r in self.rows)
        return (self.title.text(), self.person.text(), self.kind.currentIndex(), self.when.dateTime(),
                self.notes.toPlainText(), self.pre.text(), self.post.text(), rows)

    def reject(self) -> None:
        """Escape, Cancel and the window's close button all come here: ask before losing what was typed."""
        if not self.isVisible() or self._typed_state() == self._opened_as:
            super().reject()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), DISCARD_QUESTIONS[self.mode],
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText("What you typed in this dialog will be lost.")
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda b: self.discard() if b is discard else None)
        self.discard_question = box
        box.open()  # over this dialog only, without blocking

    def discard(self) -> None:
        self._opened_as = self._typed_state()
        super().reject()

    # -- validation and result ---------------------------------------------

    def revalidate(self) -> None:
        self._cruxes.update(self.rows, self._add_and_focus)
        super().revalidate()

    def problems(self) -> list[str]:
        out = []
        if not self.title.text().strip():
            out.append(TITLE_MISSING)
        mark_invalid(self.title, out[0] if out and self.touched else "")
        out += [p for p in (r.problem() for r in self.rows) if p]
        return out

    def hint(self) -> str:
        waiting = sum(1 for r in self.rows if r.after.value() is None)
        if waiting and self.mode != "edit":
            return (f"{waiting} after{'s' if waiting != 1 else ''} left empty: the conversation waits in the list "
                    "until you finish it.")
        if not self.rows:
            return "You can log a conversation without propositions, but it will not move anything."
        return ""

    def draft(self) -> ConversationDraft:
        return ConversationDraft(
            title=self.title.text().strip(),
            person=self.person.text().strip(),
            kind=Kind(self.kind.currentData()),
            occurred_at=to_utc(self.when.dateTime()),
            notes=self.notes.toPlainText().strip(),
            entries=tuple(r.entry() for r in self.rows if not r.new),
            pre=self.pre.text().strip(),
            post=self.post.text().strip(),
            new_beliefs=tuple(r.belief() for r in self.rows if r.new),
        )
