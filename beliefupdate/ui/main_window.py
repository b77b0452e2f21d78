"""The main window: propositions, the conversation timeline, details, and the chart area."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.domain.errors import ServerUnavailable, UserError
from beliefupdate.domain.measures.coherence import CruxCheck
from beliefupdate.domain.types import ConversationOverview, ConversationSummary, HistoryEntry
from beliefupdate.operations.changes import What
from beliefupdate.ui import settings_keys as keys
from beliefupdate.ui.crux_pane import crux_checks_of
from beliefupdate.ui.first_run import FirstRunPanel
from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.panels import ConversationDetails, PropositionDetails, table
from beliefupdate.ui.panes import Pane, Panes
from beliefupdate.ui.proposition_list import FEW, PropositionList, QuietSelection
from beliefupdate.ui.saved_notice import SavedNotice
from beliefupdate.ui.selection import Selection
from beliefupdate.ui.server_away import notice_line
from beliefupdate.ui.session import JournalSession, raise_unexpected
from beliefupdate.ui.settings import UiSettings
from beliefupdate.ui.snapshot_keeper import SnapshotKeeper
from beliefupdate.ui.theme import ThemeSwitcher
from beliefupdate.ui.window_layout import lay_out
from beliefupdate.ui.window_state import WindowState

if TYPE_CHECKING:
    from beliefupdate.charts.widget import HistoryChart  # loaded after the first paint, not before
    from beliefupdate.store.journal import Journal
    from beliefupdate.ui.snapshot import SnapshotJournal

class MainWindow(QMainWindow):
    timeline_loaded = Signal()  # the conversation timeline shows what was just read
    settled = Signal()  # painted once, chart built: start-up is over
    gave_up = Signal()  # painted from a snapshot, but no journal could be opened and the person chose to quit

    def __init__(self, journal: Journal | SnapshotJournal, settings: UiSettings | None = None,
                 parent: QWidget | None = None, *, timeline_after_paint: bool = False,
                 opener: Callable[[QWidget], Journal | None] | None = None, poll_ms: int | None = None):
        """``journal`` may be the stand-in painted from a snapshot (ui.snapshot): then ``opener(window)``
        opens the journal itself right after the first paint, or returns None when the person gave up.
        ``poll_ms``: how often the session looks for other programs' writes to a file (ui.session)."""
        super().__init__(parent)
        self.session = JournalSession(journal, self, poll_ms=poll_ms)
        self._opener = opener
        # At start-up the window paints the propositions first and fills the conversation
        # timeline (and the chart) right after: the timeline of a years-long journal is
        # the slowest thing to read, and no one reads it in the first tenth of a second.
        self._timeline_waiting = timeline_after_paint
        self.settings = settings or UiSettings()
        self.chart: HistoryChart | None = None  # built right after the first paint: see event()
        self._chart_scheduled = False

        self.theme = ThemeSwitcher(self)
        self.theme.apply(self.settings.get(keys.THEME))
        self._build_views()
        # Made before anything below listens to the session: it forgets the old timeline before it is read again.
        self.snapshots = SnapshotKeeper(self.session, self.props_model, self.convs_model, self)
        self.selection = Selection(self.session, self.props_view, self.convs_view, self)
        layout = lay_out(self)
        self.left_split, self.right_split, self.main_split = layout.left, layout.right, layout.main
        self.stack, self._fitters = layout.stack, layout.fitters
        self.panes = Panes([
            Pane("propositions", "&Propositions", lambda: self.props_view, lambda: layout.propositions),
            Pane("conversations", "&Conversations", lambda: self.convs_view, lambda: self.right_split),
            Pane("chart", "&History chart", lambda: self.chart, lambda: self.chart_host),
        ])
        from beliefupdate.ui.editing import Editor
        from beliefupdate.ui.files import Files
        from beliefupdate.ui.menus import build_menus

        self.saved_notice = SavedNotice(self.statusBar())
        self.editor = Editor(self.session, self.selection, self, archived_shown=self.show_archived.isChecked)
        self.files = Files(self.session, self.selection, self.settings, self, self.editor, self.saved_notice.announce)
        # The actions exist before anything that updates them is connected: no handler meets a window half built.
        self.actions_ = build_menus(self, self.editor, self.files)
        self.state = WindowState(self)
        self.state.restore()
        self._connect_views()
        self.session.changed.connect(self._journal_changed)
        self.session.replacing.connect(self.state.save_selection)
        self.session.replaced.connect(self._journal_replaced)
        self.session.message.connect(self.statusBar().showMessage)
        self.server_notice = notice_line(self.session.away, self.statusBar())
        self._journal_replaced(read_timeline_here=not timeline_after_paint)
        if self.from_snapshot:
            # Honest about the moment between the first paint and the journal being open.
            self.statusBar().showMessage("Opening the journal…")

    # -- construction -------------------------------------------------------

    def _build_views(self) -> None:
        self.propositions = p = PropositionList(self.session, self.settings, self)
        # The list's parts by the names the menus, the selection and the tests know them by.
        self.props_model, self.props_proxy, self.props_view = p.model, p.proxy, p.view
        self.search, self.tag_filter, self.show_archived, self.count_label = (
            p.search, p.tag_filter, p.show_archived, p.count_label)

        self.convs_model = ConversationsModel(self)
        self.convs_view = table("Conversations", self.convs_model, ConversationsModel.TITLE)
        h = self.convs_view.horizontalHeader()
        for col, width in ((ConversationsModel.WHEN, 86), (ConversationsModel.PERSON, 76),
                           (ConversationsModel.KIND, 102), (ConversationsModel.MOVED, 132)):
            h.resizeSection(col, width)
        self.convs_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.prop_details = PropositionDetails()
        self.conv_details = ConversationDetails()
        self.chart_host = QWidget()
        self.chart_host.setAccessibleName("Chart")
        self._chart_layout = QVBoxLayout(self.chart_host)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self.first_run = FirstRunPanel()
        self.timeline_selected = QuietSelection(self.convs_view, self)

    def _connect_views(self) -> None:
        for view in (self.props_view, self.convs_view):
            view.customContextMenuRequested.connect(lambda pos, v=view: self._context_menu(v, pos))
        self.propositions.selected.changed.connect(self._proposition_selection_changed)
        self.propositions.selected.current_changed.connect(self._show_proposition_details)
        # A click makes the row current before it selects it, so the details follow the
        # selection itself (click, Ctrl+click, keys or code alike), not the current row.
        self.timeline_selected.changed.connect(self._show_conversation_details)

    def event(self, event: QEvent) -> bool:
        # The chart (and pyqtgraph) is not needed for the first paint: it is built right after it.
        if event.type() == QEvent.Type.Paint and not self._chart_scheduled:
            self._chart_scheduled = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().event(event)

    def _after_first_paint(self) -> None:
        if self.from_snapshot and not self._open_the_journal():
            return
        if self._timeline_waiting:
            self._timeline_waiting = False
            self._read_timeline()
            self.state.restore_selection(propositions=False)
        self.ensure_chart()
        self.settled.emit()

    @property
    def from_snapshot(self) -> bool:
        """Whether the window still shows the snapshot it painted first, the journal not yet open."""
        return self.session.from_snapshot

    def _open_the_journal(self) -> bool:
        journal = self._opener(self) if self._opener is not None else None
        if journal is None:
            # Nothing could be opened and the person chose to quit: a snapshot is no journal.
            self._opener = None
            self.hide()
            self.gave_up.emit()
            return False
        # Everything shown is read again from the journal itself: the snapshot may be stale.
        self.session.replace(journal)
        self.statusBar().clearMessage()
        self.show()  # hidden while a dialog asked what to open instead, if one did
        return True

    def ensure_chart(self) -> HistoryChart:
        if self.chart is None:
            from beliefupdate.charts.widget import HistoryChart

            self.chart = HistoryChart(self.session, self.chart_host)
            self.chart.setAccessibleName("History chart")
            self.chart.exported.connect(lambda path: self.saved_notice.announce("Chart", path))
            self.chart.restore_view_options(self.state.restore_chart())
            self._chart_layout.addWidget(self.chart)
            self.chart.show()  # a layout shows a late child only after the event loop runs again
            self._show_selected_in_chart()
        return self.chart

    def _update_chart(self, change: Callable[[HistoryChart], object]) -> None:
        """Every update of the chart passes here. Until it is built after the first paint there is
        none to update: it reads what it shows when it is built."""
        if self.chart is not None:
            change(self.chart)

    def _show_selected_in_chart(self) -> None:
        self._update_chart(lambda chart: self._reading(lambda: chart.show_propositions(self.selection.proposition_ids())))

    def set_theme(self, name: str) -> None:
        self.theme.apply(name)
        self.settings.put(keys.THEME, self.theme.current)

    # -- the journal --------------------------------------------------------

    def _journal_replaced(self, *, read_timeline_here: bool = False) -> None:
        journal = self.session.reader  # the snapshot's stand-in, the first time at start-up
        from beliefupdate.ui.sample import is_sample

        name = "Sample journal" if is_sample(journal.location.path) else journal.location.name
        self.setWindowTitle(f"{name} — beliefupdate")
        self.setWindowFilePath(journal.location.display)
        if not journal.location.in_memory:
            # Remembered without a password: that comes from ~/.pgpass, $PGPASSWORD or a prompt.
            self.settings.add_recent_journal(journal.location.reopen_spec)
        self._update_chart(lambda chart: self._reading(chart.journal_replaced))
        self._reading(self._load_propositions)
        if read_timeline_here:
            self._reading(lambda: self._timeline_read(journal.conversation_overviews()))
        elif not self._timeline_waiting:
            self._read_timeline()
        self._journal_changed(What(0))
        self.state.restore_selection()
        self.actions_.refresh_recent()

    def _reading(self, read: Callable[[], object]) -> bool:
        """Run ``read``, which reads the journal to show it; whether it could. When it could not (the
        server is away), what is shown stays as it is and the session says why, and reads again."""
        try:
            read()
        except UserError as e:
            self.session.unreadable(e)
            return False
        return True

    def _journal_changed(self, what: What) -> None:
        """Reload what shows the kinds of record that changed, only the records themselves when the
        change names them; the rest stays as it is, and all of it when the journal cannot be read."""
        self._reading(lambda: self._show_changes(what))

    def _show_changes(self, what: What) -> None:
        touched = self.session.touched
        if what & (What.PROPOSITIONS | What.CREDENCES):
            self.propositions.show_changes(touched.propositions, self.selection)
            self._first_run_if_empty()
        if what & What.CONVERSATIONS and not self._timeline_waiting:
            # A whole timeline on its way may have been read before this edit: it is read again instead.
            if touched.conversations is None or len(touched.conversations) > FEW or self.session.reading("timeline"):
                self._read_timeline()
            else:
                self._update_timeline(touched.conversations)
        self._show_proposition_details()
        self._show_conversation_details()
        if what:
            self._update_chart(self._redraw)
        self.actions_.update_enabled()

    def _redraw(self, chart: HistoryChart) -> None:
        chart.refresh()
        chart.show_propositions(self.selection.proposition_ids())

    def reload(self) -> None:
        """Fetch everything the views show again (View > Reload)."""
        self.session.refresh()

    def _load_propositions(self) -> None:
        self.propositions.load(self.selection)
        self._first_run_if_empty()

    def _first_run_if_empty(self) -> None:
        self.stack.setCurrentWidget(self.first_run if not self.props_model.rowCount() else self.main_split)

    def _update_timeline(self, ids: frozenset[str]) -> None:
        """Show these conversations as they are now (read alone) where their time puts them in the timeline."""
        if not ids:
            return
        rows = self.session.reader.conversation_overviews(sorted(ids))
        with self.timeline_selected.reloading():
            self.convs_model.place(rows, gone=ids - {r.conversation.id for r in rows})
        self._timeline_shown()

    def _read_timeline(self) -> None:
        """The timeline of a years-long journal is the slowest read: it comes from the pool."""
        self.session.read("timeline", lambda journal: journal.conversation_overviews(), self._timeline_read)

    def _timeline_read(self, rows: list[ConversationOverview] | Exception) -> None:
        rows = raise_unexpected(rows)
        if isinstance(rows, UserError):
            self.session.unreadable(rows)  # the timeline shown stays
            return
        with self.timeline_selected.reloading():
            self.selection.set_timeline(rows)
        self._timeline_shown()

    def _timeline_shown(self) -> None:
        self._show_conversation_details()
        self.actions_.update_enabled()
        self.timeline_loaded.emit()

    # -- selection ----------------------------------------------------------

    def _proposition_selection_changed(self, *_args: object) -> None:
        self._show_proposition_details()
        self._show_selected_in_chart()
        self.actions_.update_enabled()

    def _show_proposition_details(self) -> None:
        pid = self.selection.current_proposition_id()
        if pid is None:
            self.session.forget("history")
            self.prop_details.show_proposition(None, [])
            return
        # The pane keeps what it shows until the history arrives from the pool, then changes
        # in one go: no empty table in between, and never one proposition's title over another's rows.
        self.session.read("history", lambda journal: (journal.history(pid), crux_checks_of(journal, pid)),
                          lambda read: self._history_read(pid, read))

    def _history_read(self, pid: str, read: tuple[list[HistoryEntry], list[CruxCheck]] | Exception) -> None:
        read = raise_unexpected(read)
        if isinstance(read, UserError):
            # Deleted by another program (the reload that change brings shows the rest), or the
            # server is away: the pane keeps what it shows until it is back.
            if isinstance(read, ServerUnavailable):
                self.session.unreadable(read)
            return
        history, cruxes = read
        s = self.selection.current_summary()
        if s is not None and s.proposition.id == pid:
            self.prop_details.show_proposition(s, history, len(self.selection.proposition_ids()), cruxes)

    def _show_conversation_details(self) -> None:
        cid = self.selection.conversation_id()
        if cid is None:
            self.session.forget("conversation")
            self.conv_details.show_conversation(None)
        else:
            # Like the history: the shifts come from the pool and replace the pane's old content in one go.
            self.session.read("conversation", lambda journal: journal.conversation(cid),
                              lambda c: self._conversation_read(cid, c))
        self.actions_.update_enabled()  # what the actions act on is the selection, known now

    def _conversation_read(self, cid: str, c: ConversationSummary | Exception) -> None:
        if isinstance(c, ServerUnavailable):
            self.session.unreadable(c)  # the pane keeps what it shows until the server is back
            return
        if cid == self.selection.conversation_id():
            # Not there any more means deleted by another program since the timeline was read.
            c = raise_unexpected(c)
            self.conv_details.show_conversation(None if isinstance(c, UserError) else c)

    def _context_menu(self, view: QTableView, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in self.actions_.context_actions(view is self.convs_view):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(view.viewport().mapToGlobal(pos))

    # -- kept between runs ----------------------------------------------------

    def save_state(self) -> None:
        self.state.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.snapshots.flush()
        self.session.close()
        super().closeEvent(event)
