"""What the app's editing dialogs share: an inline problem line and commit-before-close."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Generic, TypeVar

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QWidget

from beliefupdate.domain.errors import InvalidInput, UserError
from beliefupdate.domain.text import check_prose
from beliefupdate.domain.types import MAX_PROSE
from beliefupdate.ui.screen_fit import fit_to_screen

ERROR_STYLE = "color: #c8463c;"
INVALID_FRAME = "border: 2px solid #c8463c; border-radius: 3px;"


def to_utc(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, UTC)


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))


def when_edit(name: str, value: datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit(to_qdatetime(value) if value else QDateTime.currentDateTime())
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit


def mark_invalid(widget: QWidget, problem: str, says_why: QLabel | None = None) -> None:
    """A red frame and the reason as tooltip (and in ``says_why`` beside it); cleared when ``problem`` is empty."""
    name = type(widget).__name__
    style = f"{name} {{ {INVALID_FRAME} }}" if problem else ""
    if widget.styleSheet() != style:  # restyling on every keystroke in a long text would be felt
        widget.setStyleSheet(style)
    widget.setToolTip(problem)
    if says_why is not None:
        says_why.setText(problem)
        says_why.setVisible(bool(problem))


def prose_problem(edit: QPlainTextEdit, what: str) -> str:
    """What the journal would say of this much text in notes, a Pre or a Post ("" when within
    the limit); cheap enough for every keystroke, since the length is known without copying it."""
    if edit.document().characterCount() - 1 <= MAX_PROSE:
        return ""
    try:
        check_prose(edit.toPlainText().strip(), what)
    except InvalidInput as e:
        return str(e)
    return ""


def problem_label(name: str) -> QLabel:
    """Where a field says what is wrong with it, in words beside the red frame."""
    label = QLabel("")
    label.setStyleSheet(ERROR_STYLE)
    label.setAccessibleName(name)
    label.setVisible(False)
    return label


D = TypeVar("D")  # what a dialog's OK builds and hands to its commit


class CommitDialog(QDialog, Generic[D]):
    """OK builds a draft and hands it to ``commit``; the dialog closes only once that succeeded.

    A UserError from commit (say, a duplicate proposition) is shown inline and the
    dialog stays open with everything the user typed.
    """

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setAccessibleName(ok_text)
        self.ok_button.setDefault(True)
        self.cancel_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Problems")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._commit_error = ""
        self._fitted = False  # moved within the screen on first showing
        self.touched = False
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.accept)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self)

    # Subclasses: problems() lists what blocks OK, hint() says anything else worth knowing, draft() builds the value.
    def problems(self) -> list[str]:
        return []

    def hint(self) -> str:
        return ""

    def draft(self) -> D:
        raise NotImplementedError

    # Problems that only say what is still to do (a field left empty): shown without alarm
    # until the user edits the field they are about (``touch``) or tries OK.
    pending: frozenset[str] = frozenset()

    def problem_is_error(self, problem: str) -> bool:
        return self.touched or problem not in self.pending

    def touch(self, *_args: object) -> None:
        self.touched = True
        self.revalidate()

    commit: Callable[[D], object] | None = None

    def revalidate(self) -> None:
        self._commit_error = ""
        self._show_status()

    def _show_status(self) -> None:
        problems = self.problems()
        self.ok_button.setEnabled(not problems)
        errors = [p for p in problems if self.problem_is_error(p)]
        message = self._commit_error or (errors or problems or [self.hint()])[0]
        self.status.setStyleSheet(ERROR_STYLE if (self._commit_error or errors) else "")
        self.status.setText(message)

    def accept(self) -> None:
        self.touched = True
        if self.problems():
            self._show_status()
            return
        try:
            if self.commit is not None:
                self.commit(self.draft())
        except UserError as e:
            self._commit_error = str(e)
            self._show_status()
            return
        super().accept()
