"""A Markdown text: a plain editor, and a preview of it as the write-up will set it down."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QStackedWidget, QTextBrowser, QWidget

from beliefupdate.interchange.writeup import prose_html


class MarkdownField(QStackedWidget):
    """The editor, or (while previewing) the same text rendered; what is typed is always the editor's."""

    def __init__(self, name: str, placeholder: str, lines: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(name)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setTabChangesFocus(True)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(f"{name} preview")
        # A link in a preview must not leave the dialog for a page the user did not ask to open.
        self.preview.setOpenLinks(False)
        self.addWidget(self.edit)
        self.addWidget(self.preview)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def show_preview(self, on: bool) -> None:
        if on:
            text = self.text()
            self.preview.setHtml(prose_html(text).strip() if text.strip() else "<p><i>Nothing written yet.</i></p>")
        self.setCurrentWidget(self.preview if on else self.edit)

    def previewing(self) -> bool:
        return self.currentWidget() is self.preview
