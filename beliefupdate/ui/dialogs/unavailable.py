"""When a journal cannot be opened: say why, and offer a way on. The file is left alone."""

from __future__ import annotations

import html
import re

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

_PATH = re.compile(r"(?<![\w.])(?:~|[A-Za-z]:)?[/\\]\S*[^\s.,;:)]")


def reason_html(reason: str) -> str:
    """The reason as a sentence, with each path kept on one line (a path broken at a slash reads as two)."""
    reason = reason.strip()
    if reason:
        reason = reason[0].upper() + reason[1:]
        if reason[-1] not in ".!?":
            reason += "."
    parts, last = [], 0
    for m in _PATH.finditer(reason):
        parts.append(html.escape(reason[last:m.start()]))
        parts.append(f'<span style="white-space: nowrap">{html.escape(m.group())}</span>')
        last = m.end()
    parts.append(html.escape(reason[last:]))
    return "".join(parts)


class JournalUnavailableDialog(QDialog):
    QUIT, OPEN_OTHER, CREATE_NEW, RETRY = 0, 1, 2, 3

    def __init__(self, reason: str, parent: QWidget | None = None, quit_text: str = "&Quit", *,
                 retry: bool = False):
        """``retry``: offer to try again (a server may be back, or a password typed right, a moment later)."""
        super().__init__(parent)
        self.setWindowTitle("Cannot open the journal")
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48, 48))
        text = QLabel(
            f"<p><b>The journal cannot be opened.</b></p><p>{reason_html(reason)}</p>"
            "<p>Nothing was written. You can open another journal or start a new one.</p>"
        )
        text.setWordWrap(True)
        text.setMinimumWidth(480)
        text.setAccessibleName("Why the journal cannot be opened")
        self.reason = reason
        buttons = QDialogButtonBox()
        self.open_button = QPushButton("&Open another journal…")
        self.new_button = QPushButton("&Create a new journal…")
        self.quit_button = QPushButton(quit_text)
        self.retry_button = QPushButton("&Retry") if retry else None
        choices = [(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole),
                   (self.new_button, QDialogButtonBox.ButtonRole.ActionRole),
                   (self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)]
        if self.retry_button is not None:
            choices.insert(0, (self.retry_button, QDialogButtonBox.ButtonRole.ActionRole))
        for b, role in choices:
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            buttons.addButton(b, role)
        (self.retry_button or self.open_button).setDefault(True)
        if self.retry_button is not None:
            self.retry_button.clicked.connect(lambda: self.done(self.RETRY))
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
