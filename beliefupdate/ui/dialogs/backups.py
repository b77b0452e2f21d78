"""File > Backups…: the journal's backups, a backup made now, and restoring one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.domain.errors import UserError
from beliefupdate.domain.times import format_local
from beliefupdate.ui.models.base import SORT_ROLE, RowsModel

if TYPE_CHECKING:
    from beliefupdate.store.backups import Backup, RestoreResult
    from beliefupdate.store.location import Location


class _BackedUpJournal(Protocol):
    """What the dialog asks of the open journal: its backups, a new one, and a restore."""

    @property
    def location(self) -> Location: ...
    def backups(self) -> list[Backup]: ...
    def back_up(self) -> Path: ...
    def restore(self, backup: Path) -> RestoreResult: ...


class _Session(Protocol):
    """What the dialog asks of the window's session (ui.session.JournalSession)."""

    @property
    def journal(self) -> _BackedUpJournal: ...
    def restored(self) -> None: ...
    def say(self, text: str, ms: int = ...) -> None: ...


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupsModel(RowsModel["Backup"]):
    WHEN, KIND, SIZE = range(3)
    COLUMNS = ("Made", "Kind", "Size")

    def row_id(self, row: Backup) -> str:
        return str(row.path)

    def cell(self, row: Backup, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (format_local(row.created_at, seconds=True), row.description, size_text(row.size))[column]
        if role == SORT_ROLE:
            return (row.created_at, row.description, row.size)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(row.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupsDialog(QDialog):
    """Lists the backups beside the journal; restoring asks once more, inline, before it acts.

    A restore backs the journal up first (so it can itself be undone from this list),
    and the session reloads everything and forgets its undo history afterwards.
    """

    def __init__(self, session: _Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Backups")
        self.resize(620, 420)
        self.model = BackupsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Backups")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(BackupsModel.KIND, QHeaderView.ResizeMode.Stretch)
        when = (
            "each day you open it, before every upgrade and before every restore"
            if session.journal.location.path is not None
            # A server journal's copies are kept on this computer; the server's own backups are its administrator's.
            else "on this computer before every upgrade and before every restore (the server's own backups are "
            "its administrator's business)"
        )
        self.intro = QLabel(
            f"A copy of the journal is kept {when}. "
            "Restoring replaces the journal with the copy you choose; the journal as it is now is backed up first."
        )
        self.intro.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Backup status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore…")
        for b in (self.backup_button, self.restore_button):
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            b.setAutoDefault(False)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore)
        self._armed: str | None = None  # the backup a second click on Restore will restore

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(self._disarm)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.model.set_rows(self.session.journal.backups())
        except UserError as e:  # a journal in memory has no backups folder; a server may be unreachable
            self.model.set_rows([])
            self._say(str(e))
            self.backup_button.setEnabled(False)
        self.view.resizeColumnToContents(BackupsModel.WHEN)
        if self.model.rowCount():
            self.view.selectRow(0)
        self._disarm()

    def selected(self) -> Backup | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def back_up(self) -> None:
        try:
            path = self.session.journal.back_up()
        except UserError as e:
            self._say(str(e))
            return
        self.refresh()
        self._say(f"Backed up to {path}.")

    def restore(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self._say("Choose a backup to restore.")
            return
        if self._armed != str(chosen.path):
            self._armed = str(chosen.path)
            self.restore_button.setText("&Yes, restore it")
            self._say(
                f"Restore the copy made {format_local(chosen.created_at)} ({chosen.description})? "
                "Click again to restore; the journal as it is now is backed up first."
            )
            return
        try:
            result = self.session.journal.restore(chosen.path)
        except UserError as e:
            self._say(str(e))
            return
        self.session.restored()
        self.refresh()
        kept = f" The journal as it was is saved as {result.saved_as.name}." if result.saved_as else ""
        self._say(f"Restored the copy made {format_local(chosen.created_at)}.{kept}")
        self.session.say("Journal restored from a backup.", 8000)

    def _disarm(self, *_args: object) -> None:
        self._armed = None
        self.restore_button.setText("&Restore…")
        self.restore_button.setEnabled(self.selected() is not None)

    def _say(self, text: str) -> None:
        self.status.setText(text)
