"""Menus, actions and shortcuts of the main window."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from beliefupdate.domain.errors import UserError
from beliefupdate.domain.types import Resolution
from beliefupdate.ui.theme import THEMES

if TYPE_CHECKING:
    from beliefupdate.ui.editing import Editor
    from beliefupdate.ui.files import Files
    from beliefupdate.ui.main_window import MainWindow
    from beliefupdate.ui.selection import Selection
    from beliefupdate.ui.session import JournalSession
    from beliefupdate.ui.settings import UiSettings

# What a menu may hold as a shortcut: a key sequence, a standard one, or several.
Shortcut = QKeySequence | QKeySequence.StandardKey | list[QKeySequence]


def guarded(session: JournalSession, fn: Callable[[], object]) -> Callable[..., object]:
    """Run an action; a UserError (say, the journal is busy) is reported, not treated as a crash."""

    @functools.wraps(fn)
    def run(*_args: object) -> object:
        try:
            return fn()
        except UserError as e:
            session.failed(str(e))
            session.refresh()
            return None

    return run


@dataclass
class Actions:
    session: JournalSession
    selection: Selection
    editor: Editor
    files: Files
    settings: UiSettings
    by_name: dict[str, QAction] = field(default_factory=dict)
    recent_menu: QMenu | None = None

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def update_enabled(self) -> None:
        summaries = self.selection.summaries()
        one = self.selection.current_summary() is not None
        conv = self.selection.conversation_overview()
        self["edit_proposition"].setEnabled(one)
        self["check_in"].setEnabled(one)
        self["delete"].setEnabled(bool(summaries) or conv is not None)
        self["archive"].setEnabled(bool(summaries))
        if summaries:
            all_archived = all(s.proposition.archived for s in summaries)
            self["archive"].setText("Un&archive" if all_archived else "&Archive")
        self["resolve_menu"].setEnabled(bool(summaries))
        # With none selected, Finish offers the conversations waiting for their afters (or says there are none).
        self["finish_conversation"].setEnabled(conv is None or conv.awaiting_after)
        self["edit_conversation"].setEnabled(conv is not None)
        self["delete_conversation"].setEnabled(conv is not None)

    def toggle_archive(self) -> None:
        summaries = self.selection.summaries()
        self.editor.set_archived(not all(s.proposition.archived for s in summaries))

    def context_actions(self, conversations: bool) -> list[QAction | None]:
        if conversations:
            return [self["finish_conversation"], self["edit_conversation"], None, self["delete_conversation"]]
        return [self["edit_proposition"], self["check_in"], self["log_conversation"], None, self["archive"],
                self["resolve_menu"], None, self["delete_propositions"]]

    def refresh_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        current = self.session.reader.location.reopen_spec  # known before the journal is open
        paths = [p for p in self.settings.recent_journals() if p != current]
        for path in paths:
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.files.open_path(p))
        if not paths:
            none = menu.addAction("No other journals yet")
            none.setEnabled(False)
        menu.setEnabled(True)


def build_menus(w: MainWindow, ed: Editor, files: Files) -> Actions:
    """The menus of the main window ``w``: its edits go to ``ed`` (an Editor), its file work to ``files``."""
    from beliefupdate.ui.insights.dock import install as install_insights

    session = w.session
    acts = Actions(session, w.selection, ed, files, w.settings)
    mb = w.menuBar()

    def add(menu: QMenu, name: str, text: str, slot: Callable[[], object], shortcut: Shortcut | None = None,
            tip: str = "") -> QAction:
        action = QAction(text, w)
        if shortcut is not None:
            # A standard key is its platform's first sequence: all of them could take another action's keys.
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(guarded(session, slot))
        menu.addAction(action)
        acts.by_name[name] = action
        return action

    f = mb.addMenu("&File")
    add(f, "new_journal", "&New journal…", files.new_journal, QKeySequence("Ctrl+Shift+N"))
    add(f, "open_journal", "&Open journal…", files.open_journal, QKeySequence.StandardKey.Open)
    acts.recent_menu = f.addMenu("Open &recent")
    add(f, "open_sample", "Open the &sample journal", files.open_sample,
        tip="Open a copy of a small example journal")
    f.addSeparator()
    add(f, "import", "&Import…", files.import_json, QKeySequence("Ctrl+I"), "Merge a JSON export into this journal")
    add(f, "export", "E&xport journal…", files.export_json, QKeySequence("Ctrl+Shift+E"))
    add(f, "export_chart", "Export &chart…", lambda: w.ensure_chart().open_export_dialog(), QKeySequence("Ctrl+E"))
    add(f, "export_writeup", "Export &write-up…", files.export_writeup,
        tip="The selected conversation as a post to publish: Pre, what moved, Post and the chart")
    f.addSeparator()
    add(f, "backups", "&Backups…", files.backups, tip="See the journal's backups, make one now, or restore one")
    f.addSeparator()
    add(f, "quit", "&Quit", w.close, QKeySequence.StandardKey.Quit).setShortcuts([QKeySequence("Ctrl+Q")])

    e = mb.addMenu("&Edit")
    undo = session.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo = session.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    e.addAction(undo)
    e.addAction(redo)
    acts.by_name["undo"], acts.by_name["redo"] = undo, redo
    e.addSeparator()
    add(e, "new_proposition", "&New proposition…", ed.new_proposition, QKeySequence("Ctrl+N"))
    add(e, "edit_proposition", "&Edit proposition…", ed.edit_proposition, QKeySequence("F2"))
    add(e, "check_in", "Chec&k in…", ed.check_in, QKeySequence("Ctrl+K"),
        "Record where you stand on the selected proposition now")
    e.addSeparator()
    add(e, "log_conversation", "&Log conversation…", ed.log_conversation, QKeySequence("Ctrl+L"))
    add(e, "finish_conversation", "&Finish conversation…", ed.finish_conversation, QKeySequence("Ctrl+Shift+L"),
        "Fill in the afters of the selected conversation, or of one waiting for them")
    add(e, "edit_conversation", "Edit con&versation…", ed.edit_conversation)
    add(e, "delete_conversation", "Delete conversa&tion", ed.delete_conversation)
    e.addSeparator()
    add(e, "archive", "&Archive", acts.toggle_archive, QKeySequence("Ctrl+Shift+A"))
    resolve = e.addMenu("Mark &resolved")
    for res, text in ((Resolution.TRUE, "&True"), (Resolution.FALSE, "&False"),
                      (Resolution.AMBIGUOUS, "&Ambiguous"), (Resolution.OPEN, "&Open again")):
        add(resolve, f"resolve_{res.value}", text, functools.partial(ed.resolve, res))
    acts.by_name["resolve_menu"] = resolve.menuAction()
    add(e, "delete", "&Delete", ed.delete_selected, QKeySequence.StandardKey.Delete)
    acts.by_name["delete_propositions"] = QAction("&Delete proposition", w)
    acts["delete_propositions"].triggered.connect(guarded(session, ed.delete_propositions))
    e.addSeparator()
    def find() -> None:
        w.search.setFocus()
        w.search.selectAll()

    add(e, "find", "&Find…", find, QKeySequence("Ctrl+F"))

    v = mb.addMenu("&View")
    show_archived = v.addAction("Show &archived propositions")
    show_archived.setCheckable(True)
    show_archived.setChecked(w.show_archived.isChecked())
    show_archived.toggled.connect(w.show_archived.setChecked)
    w.show_archived.toggled.connect(show_archived.setChecked)
    acts.by_name["show_archived"] = show_archived
    acts.by_name["insights"] = install_insights(w, v, session, w.selection, w.settings)
    add(v, "refresh", "&Reload", session.refresh, QKeySequence.StandardKey.Refresh)
    theme_menu = v.addMenu("&Theme")
    themes = QActionGroup(w)
    for name, text in THEMES.items():
        action = add(theme_menu, f"theme_{name}", text, functools.partial(w.set_theme, name))
        action.setCheckable(True)
        action.setChecked(name == w.theme.current)
        themes.addAction(action)
    v.addSeparator()
    for i, pane in enumerate(w.panes.panes):
        add(v, f"go_{pane.name}", f"Go to {pane.title}", functools.partial(w.panes.go, i), QKeySequence(f"Ctrl+{i + 1}"))
    add(v, "next_pane", "&Next pane", functools.partial(w.panes.cycle, 1), QKeySequence("F6"))
    add(v, "previous_pane", "Pre&vious pane", functools.partial(w.panes.cycle, -1), QKeySequence("Shift+F6"))

    h = mb.addMenu("&Help")
    add(h, "guide", "User &guide", files.guide, QKeySequence.StandardKey.HelpContents)
    add(h, "shortcuts", "&Keyboard shortcuts", files.shortcuts, QKeySequence("Ctrl+/"))
    h.addSeparator()
    add(h, "about", "&About beliefupdate", files.about)

    w.props_view.activated.connect(guarded(session, ed.edit_proposition))
    w.convs_view.activated.connect(guarded(session, ed.open_conversation))
    w.conv_details.finish_requested.connect(guarded(session, ed.finish_conversation))
    w.conv_details.edit_requested.connect(guarded(session, ed.edit_conversation))
    w.first_run.add_requested.connect(guarded(session, ed.new_proposition))
    w.first_run.sample_requested.connect(guarded(session, files.open_sample))
    acts.refresh_recent()
    acts.update_enabled()
    return acts
