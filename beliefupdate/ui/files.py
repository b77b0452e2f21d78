"""File menu work: new, open, sample, import, export, and About."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from beliefupdate import __version__
from beliefupdate.charts import file_dialogs
from beliefupdate.domain.errors import JournalUnavailable, ServerUnavailable, UserError
from beliefupdate.ui.keeper import DialogKeeper
from beliefupdate.ui.settings_keys import LAST_FOLDER

if TYPE_CHECKING:
    from beliefupdate.ui.dialogs.help import GuideDialog, ShortcutsDialog
    from beliefupdate.ui.editing import Editor
    from beliefupdate.ui.selection import Selection
    from beliefupdate.ui.session import JournalSession
    from beliefupdate.ui.settings import UiSettings

W = TypeVar("W", bound=QWidget)

JOURNAL_FILTER = "Journals (*.sqlite3 *.sqlite *.db);;All files (*)"
JSON_FILTER = "JSON export (*.json);;All files (*)"
WRITEUP_FILTER = "Markdown post, chart beside it (*.md);;HTML page, chart inside it (*.html)"


class Files:
    """The File and Help menus' work on the session's journal; ``parent`` (the main window) owns their dialogs."""

    def __init__(self, session: JournalSession, selection: Selection, settings: UiSettings, parent: QMainWindow,
                 editor: Editor, announce: Callable[[str, str], None]):
        self.session = session
        self.selection = selection
        self.settings = settings
        self.parent = parent
        self.editor = editor
        self._announce = announce  # says where a file was saved
        self._dialogs = DialogKeeper()

    def _folder(self) -> str:
        return self.settings.get(LAST_FOLDER) or str(Path.home())

    def _remember(self, path: str) -> None:
        self.settings.put(LAST_FOLDER, str(Path(path).parent))

    def _message(self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
        # Not modal for the app: nothing waits on it.
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent)
        self._dialogs.open(box)
        return box

    # -- journals -----------------------------------------------------------

    def backups(self) -> None:
        from beliefupdate.ui.dialogs.backups import BackupsDialog

        self._dialogs.open(BackupsDialog(self.session, self.parent))

    def open_path(self, path: str) -> bool:
        """Show the journal at ``path`` (a file or a server URL) instead; False if it was not opened."""
        from beliefupdate.ui.opening import open_journal

        try:
            journal = open_journal(path, self.parent)
        except ServerUnavailable as e:
            # A server that is down or a password mistyped is no reason to forget the journal.
            self._unavailable(str(e), retry=str(path))
            return False
        except JournalUnavailable as e:
            self.settings.remove_recent_journal(str(path))
            self._unavailable(str(e))
            return False
        if journal is None:  # the password was asked for, and the person thought better of it
            return False
        self.session.replace(journal)
        self.session.say(f"Opened {journal.location.display}", 5000)
        return True

    def _unavailable(self, reason: str, retry: str | None = None) -> None:
        from beliefupdate.ui.dialogs.unavailable import JournalUnavailableDialog

        dialog = JournalUnavailableDialog(reason, self.parent, quit_text="&Keep the current journal",
                                          retry=retry is not None)

        def chosen(code: int) -> None:
            if code == JournalUnavailableDialog.RETRY and retry is not None:
                self.open_path(retry)
            elif code == JournalUnavailableDialog.OPEN_OTHER:
                self.open_journal()
            elif code == JournalUnavailableDialog.CREATE_NEW:
                self.new_journal()

        dialog.finished.connect(chosen)
        self._dialogs.open(dialog)

    def open_journal(self) -> None:
        path = file_dialogs.open_file_name(self.parent, "Open journal", self._folder(), JOURNAL_FILTER)
        if path:
            self._remember(path)
            self.open_path(path)

    def new_journal(self) -> None:
        path = ask_new_journal_path(self.parent, self._folder())
        if path:
            self._remember(path)
            self.open_path(path)

    def open_sample(self) -> None:
        from beliefupdate.ui.sample import create_sample_copy

        path = create_sample_copy()
        if self.open_path(str(path)):
            self._show_a_conversation()
            self.session.say(
                f"Opened a copy of the sample journal ({path}); your own journal is unchanged and under File > Open recent.",
                10000,
            )

    def _show_a_conversation(self) -> None:
        """Open on something worth looking at: the conversation that moved the most, and what it moved."""
        journal = self.session.journal
        # Read here, not from the timeline (on its way from the pool): the sample is a few dozen records.
        rows = [r for r in journal.conversation_overviews() if r.moved]
        if not rows:
            return
        best = max(rows, key=lambda r: r.total_movement).conversation.id
        self.selection.select_propositions([s.proposition_id for s in journal.conversation(best).shifts])
        self.selection.select_conversation(best)

    # -- import and export -------------------------------------------------

    def import_json(self) -> None:
        """Import any format the registry knows, after a preview of what it adds and skips."""
        from beliefupdate.interchange.registry import file_filter, read_import
        from beliefupdate.ui.dialogs.import_preview import ImportPreviewDialog

        path = file_dialogs.open_file_name(self.parent, "Import", self._folder(), file_filter())
        if not path:
            return
        self._remember(path)
        name = Path(path).name
        found = read_import(Path(path))
        # A refusal (a conflict, an unknown id) shows here, before the preview and before any write.
        preview = self.session.journal.preview_import(found.data, found.labels)
        dialog = ImportPreviewDialog(name, found, preview, self.parent)

        def chosen(code: int) -> None:
            if code != QDialog.DialogCode.Accepted:
                return
            try:
                result = self.editor.import_data(found.data)
            except UserError as e:
                self.session.failed(str(e))
                return
            added = ", ".join(f"{n} {k}" for k, n in result.added.items() if n) or "nothing new"
            notes = "".join(f" Note: {n}." for n in result.notes)
            self.session.say(f"Imported {added} from {name}.{notes}", 10000)

        dialog.finished.connect(chosen)
        self._dialogs.open(dialog)

    def export_json(self) -> None:
        from beliefupdate.interchange.exchange import write_json
        from beliefupdate.store.files.journal_file import refuse_own_files

        journal = self.session.journal
        suggested = str(Path(self._folder()) / f"{journal.location.name}.json")
        path = file_dialogs.save_file_name(self.parent, "Export journal as JSON", suggested, JSON_FILTER)
        if not path:
            return
        self._remember(path)
        refuse_own_files(Path(path), journal.location.path)
        write_json(journal.export_data(), Path(path))
        self._announce("Journal", path)

    def export_writeup(self) -> None:
        """The selected conversation as a post: Markdown with its chart beside it, or one HTML page."""
        from beliefupdate.charts.writeup import write_up

        c = self.selection.conversation()
        if c is None:
            self.session.say("Select a conversation in the timeline to write it up.", 8000)
            return
        name = "".join(ch if ch.isalnum() else "-" for ch in c.conversation.title.casefold()).strip("-")
        suggested = str(Path(self._folder()) / f"{'-'.join(filter(None, name.split('-')))[:60] or 'write-up'}.md")
        path = file_dialogs.save_file_name(self.parent, "Export write-up", suggested, WRITEUP_FILTER)
        if not path:
            return
        self._remember(path)
        # A Markdown post's chart is written beside it, in the folder the notice opens.
        write_up(self.session.journal, [c], path)
        self._announce("Write-up", path)

    def shortcuts(self) -> ShortcutsDialog:
        from beliefupdate.ui.dialogs.help import ShortcutsDialog

        return self._show(ShortcutsDialog(self.parent.menuBar(), self.parent))

    def guide(self) -> GuideDialog:
        from beliefupdate.ui.dialogs.help import GuideDialog

        return self._show(GuideDialog(self.parent))

    def _show(self, dialog: W) -> W:
        """A help window beside the main one: it does not block, and it is kept alive while open."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def about(self) -> QMessageBox:
        location = self.session.reader.location.display  # known before the journal is open
        return self._message(
            "About beliefupdate",
            f"<p><b>beliefupdate {__version__}</b></p>"
            "<p>Log your credences before and after every conversation and see how each one moved you.</p>"
            f"<p>Journal: {html.escape(location)}</p>",
        )


def ask_new_journal_path(parent: QWidget | None, folder: str) -> str | None:
    """A path for a new journal; an existing file is never chosen (it would not be new)."""
    path = file_dialogs.save_file_name(
        parent, "New journal", str(Path(folder) / "journal.sqlite3"), JOURNAL_FILTER, confirm_overwrite=False
    )
    if not path:
        return None
    if Path(path).exists():
        text = f"{path} already exists. Choose a new file name, or use Open journal to open it."
        if parent is None:
            QMessageBox.warning(None, "New journal", text)
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, "New journal", text, QMessageBox.StandardButton.Ok, parent)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # its parent keeps it until then
            box.open()
        return None
    return path
