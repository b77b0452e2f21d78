"""Help > Keyboard shortcuts (read from the menus themselves) and Help > User guide (the README)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QMenuBar, QTextBrowser, QVBoxLayout, QWidget

from beliefupdate.ui.panels import table
from beliefupdate.ui.screen_fit import fit_to_screen

# Keys that work without a menu entry: where they act, and what they do.
UNLISTED = (
    ("Tables", "Tab / Shift+Tab", "Move to the next or previous pane"),
    ("Tables", "Up / Down, Page Up / Page Down", "Move within a list"),
    ("Tables", "Ctrl+Click, Shift+Click, Ctrl+A", "Select several propositions"),
    ("Conversations", "Enter", "Finish the conversation if it waits for afters, else edit it"),
    ("Propositions", "Enter", "Edit the proposition"),
    ("Dialogs", "Ctrl+Enter", "Save, from anywhere in the dialog"),
    ("Dialogs", "Escape", "Close (asks first if you typed something)"),
)


def _with_close_button(dialog: QDialog, content: QWidget, size: tuple[int, int]) -> None:
    """Lay out a help window: its content, and Close under it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(content, 1)
    layout.addWidget(buttons)
    dialog.resize(*size)
    fit_to_screen(dialog)


def shortcut_rows(menubar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu path, shortcuts, action) for every menu action with a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(actions: list[QAction], path: str) -> None:
        for action in actions:
            name = action.text().replace("&", "").rstrip("…").strip()
            menu = action.menu()
            if isinstance(menu, QMenu):  # typed as a QObject: Qt declares it a template
                walk(menu.actions(), f"{path} > {name}" if path else name)
            elif action.shortcuts():
                keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
                rows.append((path, keys, name))

    walk(menubar.actions(), "")
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, menubar: QMenuBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        for row in (*shortcut_rows(menubar), *UNLISTED):
            items = [QStandardItem(text) for text in row]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        self.view = table("Keyboard shortcuts", self.model, 2)
        self.view.setSelectionMode(self.view.SelectionMode.NoSelection)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.horizontalHeader().resizeSection(0, 130)
        self.view.horizontalHeader().resizeSection(1, 230)
        _with_close_button(self, self.view, (640, 560))


def guide_text() -> str:
    """The README as installed with the package, which is the user guide."""
    from email.message import Message
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        found = metadata("beliefupdate")
    except PackageNotFoundError:
        found = None
    # The long description is the metadata's body: an email message's payload, which the
    # PackageMetadata protocol does not name.
    payload = found.get_payload() if isinstance(found, Message) else None
    text = payload if isinstance(payload, str) else ""
    return text or "The guide is the README file that comes with beliefupdate."


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("beliefupdate guide")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        _with_close_button(self, self.browser, (760, 640))
