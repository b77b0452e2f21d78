"""Unexpected errors: logged to a rotating file, then shown with details the user can copy.

The app keeps running: the dialog is not modal and the failed action is simply abandoned.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

log = logging.getLogger("beliefupdate")
LOG_NAME = "beliefupdate.log"


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("beliefupdate", appauthor=False))


class _PrivateLog(logging.handlers.RotatingFileHandler):
    """The log names journals and quotes errors about them: it is readable by its owner alone."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        # Opened in the handler's text mode ('a'): a text stream, as the file handler's own.
        return cast(io.TextIOWrapper, open(fd, self.mode, encoding=self.encoding, errors=self.errors))


class _MaskedFormatter(logging.Formatter):
    """A driver's message or a traceback may quote a server URL: its password never reaches the file."""

    def format(self, record: logging.LogRecord) -> str:
        from beliefupdate.store.location import mask_passwords

        return mask_passwords(super().format(record))


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log to a rotating file in the platform's log folder; returns its path (None if unwritable)."""
    folder = folder or log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)
        handler = _PrivateLog(
            folder / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(_MaskedFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return folder / LOG_NAME


def route_qt_messages() -> None:
    """Qt's own warnings go to the log file too, so a report has them beside the traceback."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("beliefupdate.qt")

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        level = levels.get(kind, logging.WARNING)
        qt_log.log(level, "%s", message)
        if level >= logging.WARNING:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


class CrashDialog(QDialog):
    def __init__(self, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setModal(False)
        where = f" Details were written to {log_path}." if log_path else ""
        intro = QLabel(
            f"<b>{_escape(summary)}</b><br>The action was not completed; your journal is safe and you can keep working."
            + _escape(where)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Error details")
        self.details.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("Copy details")
        copy.setAccessibleName("Copy error details")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def _escape(text: str) -> str:
    import html

    return html.escape(text)


class CrashHandler:
    """The excepthook: log first, then show; a failure while showing does not recurse."""

    def __init__(self, log_path: Path | None = None):
        self.log_path = log_path
        self._busy = False
        self.dialogs: list[CrashDialog] = []
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        from beliefupdate.store.location import mask_passwords

        details = mask_passwords("".join(traceback.format_exception(exc_type, exc, tb)))
        log.error("unhandled exception\n%s", details)
        if self._busy or QApplication.instance() is None:
            sys.stderr.write(details)
            return
        self._busy = True
        try:
            parent = QApplication.activeWindow()
            dialog = CrashDialog(mask_passwords(f"{exc_type.__name__}: {exc}"), details, self.log_path, parent)
            dialog.finished.connect(lambda *_: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
            self.dialogs.append(dialog)
            dialog.show()
        finally:
            self._busy = False
