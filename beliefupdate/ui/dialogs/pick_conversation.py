"""Which waiting conversation to finish, when several wait for their afters and none is selected."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from beliefupdate.domain.types import ConversationOverview
from beliefupdate.ui.models.base import ID_ROLE
from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.panels import table


class PickConversationDialog(QDialog):
    def __init__(self, waiting: Sequence[ConversationOverview], chosen: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Finish which conversation?")
        self._chosen = chosen
        self.model = ConversationsModel(self)
        self.model.set_rows(list(waiting))
        self.view = table("Conversations waiting for their afters", self.model, ConversationsModel.TITLE)
        self.view.activated.connect(lambda _i: self.accept())
        self.view.setMinimumWidth(560)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Finish…")
        self.ok_button.setAccessibleName("Finish the chosen conversation")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(waiting)} conversations are waiting for their afters. Newest first:"))
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.view.selectionModel().setCurrentIndex(
            self.model.index(0, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid():
            return
        super().accept()
        self._chosen(self.model.data(index, ID_ROLE))
