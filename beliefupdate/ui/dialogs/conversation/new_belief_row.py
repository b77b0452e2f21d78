"""The row of a proposition first thought of in the conversation.

It has no before (the user had not considered it) and needs an after; the proposition is
created with the conversation, in the same transaction, so cancelling the dialog or a failed
save leaves nothing behind. Until then it has no id and no number, only its words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from beliefupdate.domain.text import text_key
from beliefupdate.domain.types import NewBelief
from beliefupdate.ui.dialogs.conversation.draft import Contribution
from beliefupdate.ui.dialogs.conversation.row import EXPECTED_WIDTH, FIELD_WIDTH, RowBase, elide, is_handle

NEW_PREFIX = "new:"
BEFORE_TEXT = "new · hadn't considered"
NEW_OFFER = "Add new proposition: “{}”"


def new_row_id(text: str) -> str:
    """The row's key: no proposition's id, and one per wording however it is spaced or cased."""
    return NEW_PREFIX + text_key(text)


class NewBeliefRow(RowBase):
    new = True  # for whoever reads a row; the dialog asks the row for its contribution instead

    def __init__(self, text: str, on_change: Callable[[], None], on_remove: Callable[[QWidget], None]):
        super().__init__(f"New: {text}", f"the new proposition {text}", on_change, on_remove)
        self.text = text
        self.key = new_row_id(text)
        self.label.setToolTip(text)
        # A belief formed, not an update: its before stays empty, and in its place the row says why.
        self.before.hide()
        self.no_before = QLabel(BEFORE_TEXT)
        self.no_before.setEnabled(False)
        self.no_before.setFixedWidth(FIELD_WIDTH + EXPECTED_WIDTH)
        self.no_before.setToolTip("First thought of in this conversation: it has no before, and its after is "
                                  "a belief formed, not an update")
        self.after.edit.setAccessibleName(f"After for the new proposition {text}")
        self.reason.setPlaceholderText("where it came from (optional)")
        self.remove.setToolTip("Leave this new proposition out")
        self._lay_out([self.no_before, self.before])
        self._watch(self.after)
        self._update()

    def problem(self) -> str:
        if not self.after.is_valid():
            return f"New “{self.text}” after: {self.after.error()}"
        if self.after.value() is None:
            return f"New “{self.text}”: give its after"
        return ""

    def contribution(self) -> Contribution:
        after = self.after.value()
        assert after is not None, "asked of a row without a problem, which has its after"
        return Contribution(new_beliefs=(NewBelief(self.text, after, self.reason.text().strip()),))

    def typed(self) -> tuple[object, ...]:
        return (self.key, self.after.edit.text(), self.reason.text())

    def focus_chain(self) -> list[QWidget]:
        return [self.after, self.reason, self.remove]  # the field, not its edit: see EntryRow.focus_chain

    def landing(self) -> QWidget:
        return self.after

    def named_by(self, text: str) -> bool:
        # It has no number yet: "#0" or any other names some other proposition, or none.
        return not is_handle(text) and text.casefold() in self.label.text().casefold()

    def called(self) -> str:
        return f"“{elide(self.text, 40)}”"

    def linked(self) -> None:
        return None
