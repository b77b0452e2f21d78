"""The row of a proposition the journal has: before, expected after, after, and what they say together."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.measures.prediction import SAME, check_prediction
from beliefupdate.domain.rules import NEEDS_BEFORE
from beliefupdate.domain.types import CredenceEntry, Proposition, PropositionSummary
from beliefupdate.ui.credence_field import CredenceField
from beliefupdate.ui.dialogs.conversation.cruxes import CruxHint, Linked
from beliefupdate.ui.dialogs.conversation.draft import Contribution
from beliefupdate.ui.dialogs.conversation.row import EXPECTED_WIDTH, LABEL_WIDTH, RowBase, is_handle

HINT_STYLE = "color: #b26b00;"  # amber: worth a thought, not an error; legible on light and dark
# An after this far from the one expected (odds doubled or halved) is a real surprise; a smaller
# miss is ordinary noise and is told in the normal colour, like a hit.
SURPRISE_BITS = 1.0
EXPECTED_TIP = (
    "Optional: the after you expect this conversation to leave you at, on average (not the most likely one). "
    "A coherent forecaster expects to stay "
    "where they are; if you expect to move, you could move now."
)


def label_of(p: Proposition) -> str:
    return f"#{p.handle} {p.text}"


def expectation_hint(before: float | None, expected: float | None, after: float | None,
                     finishing: bool) -> tuple[str, bool]:
    """What an expected after says, as the row shows it ('' when nothing worth a line), and whether it
    is worth a second thought (an expected move, or an after far from the one expected)."""
    if before is None or expected is None:
        return "", False
    check = check_prediction(before, expected, after)
    if finishing and check.gap is not None and check.surprise_bits is not None:  # both there with an after
        if abs(check.gap) <= SAME:
            return f"You expected {format_credence(expected)}; the after is right on it.", False
        surprised = abs(check.surprise_bits) >= SURPRISE_BITS
        return f"You expected {format_credence(expected)}; the after is {format_change(check.gap)} from it.", surprised
    if not check.flagged:
        return "", False
    way = "up" if expected > before else "down"
    return (f"You expect to move {way}, from {format_credence(before)} to {format_credence(expected)}: "
            "an expected move is a move you could make now."), True


class EntryRow(RowBase):
    """One included proposition: before, expected after, after, the live shift, a reason, and a remove button.

    ``finishing``: the afters are being filled in, so the expectation is a record and the before is
    reached by a click only.
    """

    def __init__(self, summary: PropositionSummary, on_change: Callable[[], None],
                 on_remove: Callable[[QWidget], None], removable: bool = True, finishing: bool = False):
        p = summary.proposition
        super().__init__(label_of(p), f"#{p.handle}", on_change, on_remove, removable)
        self.proposition_id = self.key = p.id
        self.handle = p.handle
        self.label.setToolTip(p.text)
        self.finishing = finishing
        self.expected = CredenceField(f"Expected after for #{p.handle}")
        self.expected.slider.hide()
        self.expected.edit.setPlaceholderText("" if finishing else "optional")
        self.expected.edit.setToolTip(EXPECTED_TIP)
        self.expected.edit.setAccessibleDescription(EXPECTED_TIP)
        self.expected.setFixedWidth(EXPECTED_WIDTH)
        # What you expected is a record of the time before; finishing fills in what happened.
        self.expected.setEnabled(not finishing)
        if finishing:
            # The befores were written before the talk; Tab must not land in one with its text
            # selected, where the after would be typed over it. A click still changes one.
            self.before.edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.reason.setPlaceholderText("why it moved (optional)")
        self.remove.setToolTip(f"Leave #{p.handle} out of this conversation")
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
        hint_line = QHBoxLayout()
        hint_line.setContentsMargins(LABEL_WIDTH + 6, 0, 0, 0)
        hint_line.addWidget(self.hint, 1)
        hint_line.addWidget(self.use_expected)
        self.crux = CruxHint(p.handle)
        self._lay_out([self.before, self.expected], [hint_line, self.crux])
        self._watch(self.before, self.expected, self.after)
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

    def contribution(self) -> Contribution:
        return Contribution(entries=(CredenceEntry(self.proposition_id, self.before.value(), self.after.value(),
                                                   self.reason.text().strip(), expected_after=self.expected.value()),))

    def typed(self) -> tuple[object, ...]:
        return (self.key, self.before.edit.text(), self.expected.edit.text(), self.after.edit.text(),
                self.reason.text())

    def focus_chain(self) -> list[QWidget]:
        # The credence fields themselves, not their line edits. setTabOrder does not move a widget
        # that takes no focus (a field), so each field stays where it was laid out with its edit
        # inside it; moving the edit alone left the field, its focus proxy, behind Cancel, and Tab
        # went from Cancel back into the rows instead of round to the title. The buttons under
        # the row come after it, as they are read.
        return [self.before, self.expected, self.after, self.reason, self.remove, self.use_expected, self.crux.button]

    def landing(self) -> QWidget:
        return self.before

    def named_by(self, text: str) -> bool:
        return f"#{self.handle}" == text if is_handle(text) else text.casefold() in self.label.text().casefold()

    def called(self) -> str:
        return f"#{self.handle}"

    def linked(self) -> Linked:
        return self

    def _use_expected(self) -> None:
        self.before.set_value(self.expected.value())
        self.after.edit.setFocus()

    def _show_more(self, problem: str) -> None:
        b, e, a = self.before.value(), self.expected.value(), self.after.value()
        hint, worth_a_thought = ("", False) if problem else expectation_hint(b, e, a, self.finishing)
        self.hint.setStyleSheet(HINT_STYLE if worth_a_thought else "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.use_expected.setVisible(bool(hint) and not self.finishing and e is not None and b is not None and e != b)
