"""A row of the log dialog for a proposition first thought of in the conversation.

It has no before (the user had not considered it) and needs an after; the
proposition is created with the conversation, in the same transaction, so
cancelling the dialog or a failed save leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel

from beliefupdate.domain.text import text_key
from beliefupdate.domain.times import now_utc
from beliefupdate.domain.types import NewBelief, Proposition, PropositionSummary
from beliefupdate.ui.dialogs.log_conversation import EntryRow

NEW_PREFIX = "new:"
BEFORE_TEXT = "new · hadn't considered"
NEW_OFFER = "Add new proposition: “{}”"


def new_row_id(text: str) -> str:
    """The row's stand-in for a proposition id until the journal creates it."""
    return NEW_PREFIX + text_key(text)


class NewBeliefRow(EntryRow):
    new = True
    def __init__(self, text: str, on_change: Callable[[], None], on_remove):
        self.text = text  # before the row's first check, which names it
        summary = PropositionSummary(Proposition(new_row_id(text), 0, text, "", (), now_utc()), None, None, None)
        super().__init__(summary, on_change, on_remove)
        self.label.setText(f"New: {text}")
        self.before.hide()
        self.expected.hide()
        self.no_before = QLabel(BEFORE_TEXT)
        self.no_before.setEnabled(False)
        self.no_before.setFixedWidth(self.before.width() + self.expected.width())
        self.no_before.setToolTip("First thought of in this conversation: it has no before, and its after is "
                                  "a belief formed, not an update")
        line = self.layout().itemAt(0).layout()
        line.insertWidget(line.indexOf(self.before), self.no_before)
        self.after.edit.setAccessibleName(f"After for the new proposition {text}")
        self.reason.setAccessibleName(f"Reason for the new proposition {text}")
        self.reason.setPlaceholderText("where it came from (optional)")
        self.remove.setToolTip("Leave this new proposition out")
        self.remove.setAccessibleName(f"Remove the new proposition {text}")
        self._update()

    def problem(self) -> str:
        if not self.after.is_valid():
            return f"New “{self.text}” after: {self.after.error()}"
        if self.after.value() is None:
            return f"New “{self.text}”: give its after"
        return ""

    def belief(self) -> NewBelief:
        return NewBelief(self.text, self.after.value(), self.reason.text().strip())

    def focus_chain(self):
        return [self.after, self.reason, self.remove]
