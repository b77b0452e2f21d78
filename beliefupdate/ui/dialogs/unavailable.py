"""When a journal cannot be opened: say why, and offer a way on. The file is left alone."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget


class JournalUnavailableDialog(QDialog):
    QUIT, OPEN_OTHER, CREATE_NEW = 0, 1, 2

    def __init__(self, reason: str, parent: QWidget | None = None, quit_text: str = "&Quit"):
        super().__init__(parent)
        self.setWindowTitle("Cannot open the journal")
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        text = QLabel(
            f"<p><b>The journal cannot be opened.</b></p><p>{html.escape(reason)}</p>"
            "<p>The file has not been changed. You can open another journal or start a new one.</p>"
        )
        text.setWordWrap(True)
        text.setMinimumWidth(420)
        text.setAccessibleName("Why the journal cannot be opened")
        self.reason = reason
        buttons = QDialogButtonBox()
        self.open_button = QPushButton("&Open another journal…")
        self.new_button = QPushButton("&Create a new journal…")
        self.quit_button = QPushButton(quit_text)
        for b, role in ((self.open_button, QDialogButtonBox.ButtonRole.AcceptRole),
                        (self.new_button, QDialogButtonBox.ButtonRole.ActionRole),
                        (self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)):
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            buttons.addButton(b, role)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(lambda: self.done(self.OPEN_OTHER))
        self.new_button.clicked.connect(lambda: self.done(self.CREATE_NEW))
        self.quit_button.clicked.connect(lambda: self.done(self.QUIT))
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)

    def reject(self) -> None:
        self.done(self.QUIT)
