"""Asking for a server's password when ~/.pgpass and $PGPASSWORD did not give one. It is never stored."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class PasswordDialog(QDialog):
    def __init__(self, where: str, wrong: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Password for the journal")
        ask = ("<b>The server did not accept that password.</b> Try again:" if wrong
               else "<b>The server asks for a password.</b>")
        text = QLabel(f"<p>{ask}</p><p>{html.escape(where)}</p>")
        text.setWordWrap(True)
        text.setMinimumWidth(420)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Password")
        text.setBuddy(self.field)
        note = QLabel("Used for this session only; beliefupdate never stores it. "
                      "To be asked no more, put it in ~/.pgpass.")
        note.setWordWrap(True)
        note.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.field)
        layout.addWidget(note)
        layout.addWidget(buttons)


def ask_password(where: str, wrong: bool, parent: QWidget | None = None) -> str | None:
    """The password typed for the journal shown as ``where``; None if the person cancelled."""
    dialog = PasswordDialog(where, wrong, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.field.text()
    finally:
        dialog.field.clear()
        dialog.deleteLater()
