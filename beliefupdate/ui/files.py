"""File menu work: new, open, sample, import, export, and About."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from beliefupdate import __version__
from beliefupdate.domain.errors import JournalUnavailable, UserError

JOURNAL_FILTER = "Journals (*.sqlite3 *.sqlite *.db);;All files (*)"
JSON_FILTER = "JSON export (*.json);;All files (*)"


class Files:
    def __init__(self, window):
        self.w = window

    def _folder(self) -> str:
        return self.w.settings.text("paths/last_folder") or str(Path.home())

    def _remember(self, path: str) -> None:
        self.w.settings.set("paths/last_folder", str(Path(path).parent))

    def _message(self, title: str, text: str, icon=QMessageBox.Icon.Information) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.w)
        box.open()  # not modal for the app: nothing waits on it
        self.w._message = box
        return box

    # -- journals -----------------------------------------------------------

    def backups(self) -> None:
        from beliefupdate.ui.dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self.w)
        self.w._dialog = dialog
        dialog.open()

    def open_path(self, path: str) -> bool:
        from beliefupdate.store.journal import Journal

        try:
            journal = Journal.open(path)
        except JournalUnavailable as e:
            self.w.settings.remove_recent_journal(str(path))
            self._unavailable(str(e))
            return False
        self.w.switch_journal(journal)
        self.w.statusBar().showMessage(f"Opened {journal.location.display}", 5000)
        return True

    def _unavailable(self, reason: str) -> None:
        from beliefupdate.ui.dialogs.unavailable import JournalUnavailableDialog

        dialog = JournalUnavailableDialog(reason, self.w, quit_text="&Keep the current journal")

        def chosen(code: int) -> None:
            if code == JournalUnavailableDialog.OPEN_OTHER:
                self.open_journal()
            elif code == JournalUnavailableDialog.CREATE_NEW:
                self.new_journal()

        dialog.finished.connect(chosen)
        self.w._dialog = dialog
        dialog.open()

    def open_journal(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.w, "Open journal", self._folder(), JOURNAL_FILTER)
        if path:
            self._remember(path)
            self.open_path(path)

    def new_journal(self) -> None:
        path = ask_new_journal_path(self.w, self._folder())
        if path:
            self._remember(path)
            self.open_path(path)

    def open_sample(self) -> None:
        from beliefupdate.ui.sample import create_sample_copy

        path = create_sample_copy()
        if self.open_path(str(path)):
            self._show_a_conversation()
            self.w.statusBar().showMessage(
                f"Opened a copy of the sample journal ({path}); your own journal is unchanged and under File > Open recent.",
                10000,
            )

    def _show_a_conversation(self) -> None:
        """Open on something worth looking at: the conversation that moved the most, and what it moved."""
        rows = [r for r in self.w.convs_model.rows() if r.moved]
        if not rows:
            return
        best = max(rows, key=lambda r: r.total_movement).conversation.id
        self.w.select_propositions([s.proposition_id for s in self.w.journal.conversation(best).shifts])
        self.w.select_conversation(best)

    # -- import and export -------------------------------------------------

    def import_json(self) -> None:
        """Import any format the registry knows, after a preview of what it adds and skips."""
        from beliefupdate.interchange.registry import file_filter, read_import
        from beliefupdate.ui.dialogs.import_preview import ImportPreviewDialog

        path, _ = QFileDialog.getOpenFileName(self.w, "Import", self._folder(), file_filter())
        if not path:
            return
        self._remember(path)
        name = Path(path).name
        found = read_import(Path(path))
        # A refusal (a conflict, an unknown id) shows here, before the preview and before any write.
        preview = self.w.journal.preview_import(found.data, found.labels)
        dialog = ImportPreviewDialog(name, found, preview, self.w)
        # Owned by the window until it closes, then deleted: nothing else needs to hold it.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(code: int) -> None:
            if code != QDialog.DialogCode.Accepted:
                return
            try:
                result = self.w.editor.import_data(found.data)
            except UserError as e:
                self.w.failed(str(e))
                return
            added = ", ".join(f"{n} {k}" for k, n in result.added.items() if n) or "nothing new"
            self.w.statusBar().showMessage(f"Imported {added} from {name}.", 10000)

        dialog.finished.connect(chosen)
        dialog.open()

    def export_json(self) -> None:
        from beliefupdate.interchange.exchange import write_json
        from beliefupdate.store.journal_file import refuse_own_files

        suggested = str(Path(self._folder()) / f"{self.w.journal.location.name}.json")
        path, _ = QFileDialog.getSaveFileName(self.w, "Export journal as JSON", suggested, JSON_FILTER)
        if not path:
            return
        self._remember(path)
        refuse_own_files(Path(path), self.w.journal.location.path)
        write_json(self.w.journal.export_data(), Path(path))
        self.w.saved_notice.announce("Journal", path)

    def shortcuts(self):
        from beliefupdate.ui.dialogs.help import ShortcutsDialog

        return self._show(ShortcutsDialog(self.w.menuBar(), self.w))

    def guide(self):
        from beliefupdate.ui.dialogs.help import GuideDialog

        return self._show(GuideDialog(self.w))

    def _show(self, dialog):
        """A help window beside the main one: it does not block, and it is kept alive while open."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def about(self) -> QMessageBox:
        location = self.w.journal.location.display
        return self._message(
            "About beliefupdate",
            f"<p><b>beliefupdate {__version__}</b></p>"
            "<p>Log your credences before and after every conversation and see how each one moved you.</p>"
            f"<p>Journal: {html.escape(location)}</p>",
        )


def ask_new_journal_path(parent, folder: str) -> str | None:
    """A path for a new journal; an existing file is never chosen (it would not be new)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "New journal", str(Path(folder) / "journal.sqlite3"), JOURNAL_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not path:
        return None
    if Path(path).exists():
        text = f"{path} already exists. Choose a new file name, or use Open journal to open it."
        if parent is None:
            QMessageBox.warning(None, "New journal", text)
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, "New journal", text, QMessageBox.StandardButton.Ok, parent)
            box.open()
            parent._message = box
        return None
    return path
