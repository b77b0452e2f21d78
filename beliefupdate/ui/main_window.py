"""The main window: propositions, the conversation timeline, details, and the chart area."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.domain.errors import ServerUnavailable, UserError
from beliefupdate.ui import snapshot
from beliefupdate.ui.columns import ColumnFitter
from beliefupdate.ui.crux_pane import crux_checks_of
from beliefupdate.ui.first_run import FirstRunPanel
from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.models.propositions import PropositionFilter, PropositionsModel, build_rows
from beliefupdate.ui.panes import Pane, Panes
from beliefupdate.ui.panels import ConversationDetails, PropositionDetails, table
from beliefupdate.ui.saved_notice import SavedNotice
from beliefupdate.ui.screen_fit import fit_to_screen
from beliefupdate.ui.settings import UiSettings
from beliefupdate.ui.sparkline import SparklineDelegate
from beliefupdate.ui.theme import ThemeSwitcher
from beliefupdate.ui.selection import Selection
from beliefupdate.ui.server_away import notice_line
from beliefupdate.ui.session import JournalSession, What, raise_unexpected
from beliefupdate.ui.snapshot import TIMELINE_ROWS

log = logging.getLogger(__name__)

# The snapshot of what the window shows is written this long after the last change (and on
# quit): typing a run of edits writes it once.
SNAPSHOT_DELAY_MS = 2000

ALL_TAGS = "All tags"

# Up to this many records named by a change are read again one by one; more (deleting hundreds
# at once) and the whole list is read, in about the time one pass over the list takes anyway.
FEW = 50


def _same(summaries: list, shown: list) -> bool:
    """Whether the list already shows exactly these summaries: then it is left as it is (the journal
    opened after the snapshot's first paint, or a change elsewhere that did not touch the list), rather
    than sorted and laid out again. Versions count too: an edit names the version it was made from."""
    return len(summaries) == len(shown) and summaries == shown and all(
        a.proposition.version == b.proposition.version for a, b in zip(summaries, shown, strict=True))


def panel(title: str, *widgets: QWidget, stretch_last: bool = True) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(4)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    for i, w in enumerate(widgets):
        layout.addWidget(w, 1 if (stretch_last and i == len(widgets) - 1) else 0)
    return box


class MainWindow(QMainWindow):
    timeline_loaded = Signal()  # the conversation timeline shows what was just read
    settled = Signal()  # painted once, chart built: start-up is over
    gave_up = Signal()  # painted from a snapshot, but no journal could be opened and the person chose to quit

    def __init__(self, journal, settings: UiSettings | None = None, parent: QWidget | None = None,
                 *, timeline_after_paint: bool = False, opener: Callable[[QWidget], object] | None = None,
                 poll_ms: int | None = None):
        """``journal`` may be the stand-in painted from a snapshot (ui.snapshot): then ``opener(window)``
        opens the journal itself right after the first paint, or returns None when the person gave up.
        ``poll_ms``: how often the session looks for other programs' writes to a file (ui.session)."""
        super().__init__(parent)
        self.session = JournalSession(journal, self, poll_ms=poll_ms)
        self._opener = opener
        self._snapshot_due = QTimer(self)
        self._snapshot_due.setSingleShot(True)
        self._snapshot_due.setInterval(SNAPSHOT_DELAY_MS)
        self._snapshot_due.timeout.connect(lambda: self._keep_snapshot(in_background=True))
        # One writer, so snapshots land in the order they were taken (the newest last).
        self._snapshot_writer = QThreadPool(self)
        self._snapshot_writer.setMaxThreadCount(1)
        # Whether the timeline shows a read of this journal yet: until then no snapshot is kept of it.
        self._timeline_known = False
        # At start-up the window paints the propositions first and fills the conversation
        # timeline (and the chart) right after: the timeline of a years-long journal is
        # the slowest thing to read, and no one reads it in the first tenth of a second.
        self._timeline_waiting = timeline_after_paint
        self.settings = settings or UiSettings()
        self.chart = None
        self._reloading = False
        self.actions_ = None  # menus and actions, built once the views exist

        self.theme = ThemeSwitcher(self)
        self.theme.apply(self.settings.text("view/theme") or "system")
        self._build_views()
        self.selection = Selection(self.session, self.props_view, self.convs_view, self)
        self._build_layout()
        self.panes = Panes([
            Pane("propositions", "&Propositions", lambda: self.props_view, lambda: self.left_split.widget(0)),
            Pane("conversations", "&Conversations", lambda: self.convs_view, lambda: self.right_split),
            Pane("chart", "&History chart", lambda: self.chart, lambda: self.chart_host),
        ])
        from beliefupdate.ui.editing import Editor
        from beliefupdate.ui.files import Files
        from beliefupdate.ui.menus import build_menus

        self.saved_notice = SavedNotice(self.statusBar())
        self.editor = Editor(self.session, self.selection, self, archived_shown=self.show_archived.isChecked)
        self.files = Files(self.session, self.selection, self.settings, self, self.editor, self.saved_notice.announce)
        self.actions_ = build_menus(self, self.editor, self.files)
        self._restore_state()
        self._chart_scheduled = False
        self.session.changed.connect(self._journal_changed)
        self.session.replacing.connect(self._save_selection)
        self.session.replacing.connect(self._flush_snapshot)
        self.session.replaced.connect(self._journal_replaced)
        self.session.message.connect(self.statusBar().showMessage)
        self.server_notice = notice_line(self.session.away, self.statusBar())
        self._journal_replaced(read_timeline_here=not timeline_after_paint)
        if self.from_snapshot:
            # Honest about the moment between the first paint and the journal being open.
            self.statusBar().showMessage("Opening the journal…")

    # -- construction -------------------------------------------------------

    def _build_views(self) -> None:
        self.props_model = PropositionsModel(self)
        self.props_proxy = PropositionFilter(self)
        self.props_proxy.setSourceModel(self.props_model)
        self.props_view = table("Propositions", self.props_proxy, PropositionsModel.TEXT)
        v = self.props_view
        v.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        v.setSortingEnabled(True)
        v.sortByColumn(PropositionsModel.HANDLE, Qt.SortOrder.AscendingOrder)
        v.setItemDelegateForColumn(PropositionsModel.TREND, SparklineDelegate(v))
        h = v.horizontalHeader()
        for col, width in ((PropositionsModel.HANDLE, 36), (PropositionsModel.TAGS, 100),
                           (PropositionsModel.CREDENCE, 70), (PropositionsModel.CHANGE, 88),
                           (PropositionsModel.WHEN, 82), (PropositionsModel.TREND, 70)):
            h.resizeSection(col, width)
        v.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        v.customContextMenuRequested.connect(lambda pos: self._context_menu(self.props_view, pos))

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search propositions (Ctrl+F)")
        self.search.setAccessibleName("Search propositions")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.props_proxy.set_search)
        self.search.installEventFilter(self)
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName("Tag filter")
        self.tag_filter.setMinimumWidth(130)
        self.tag_filter.addItem(ALL_TAGS, "")
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.props_proxy.set_tag(self.tag_filter.currentData() or ""))
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setAccessibleName("Show archived propositions")
        self.show_archived.toggled.connect(self.props_proxy.set_show_archived)
        self.count_label = QLabel("")
        self.count_label.setEnabled(False)
        self.props_proxy.layoutChanged.connect(self._update_count)  # each search, tag or archive filter

        self.convs_model = ConversationsModel(self)
        self.convs_view = table("Conversations", self.convs_model, ConversationsModel.TITLE)
        h = self.convs_view.horizontalHeader()
        for col, width in ((ConversationsModel.WHEN, 86), (ConversationsModel.PERSON, 76),
                           (ConversationsModel.KIND, 102), (ConversationsModel.MOVED, 132)):
            h.resizeSection(col, width)
        self.convs_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.convs_view.customContextMenuRequested.connect(lambda pos: self._context_menu(self.convs_view, pos))

        self.prop_details = PropositionDetails()
        self.conv_details = ConversationDetails()
        self.chart_host = QWidget()
        self.chart_host.setAccessibleName("Chart")
        QVBoxLayout(self.chart_host).setContentsMargins(0, 0, 0, 0)
        self.first_run = FirstRunPanel()

        self.props_view.selectionModel().selectionChanged.connect(self._proposition_selection_changed)
        self.props_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_proposition_details())
        # A click makes the row current before it selects it, so the details follow the
        # selection itself (click, Ctrl+click, keys or code alike), not the current row.
        self.convs_view.selectionModel().selectionChanged.connect(lambda *_: self._show_conversation_details())

    def _build_layout(self) -> None:
        filters = QWidget()
        bar = QHBoxLayout(filters)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.tag_filter)
        bar.addWidget(self.show_archived)
        bar.addWidget(self.count_label)

        props_panel = panel("Propositions", filters, self.props_view)
        chart_panel = panel("History", self.chart_host)
        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.setObjectName("left")
        self.left_split.addWidget(props_panel)
        self.left_split.addWidget(chart_panel)
        self.left_split.setSizes([400, 400])

        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.setObjectName("right")
        self.right_split.addWidget(panel("Conversations", self.convs_view))
        self.right_split.addWidget(panel("Conversation", self.conv_details))
        self.right_split.addWidget(panel("Proposition", self.prop_details))
        self.right_split.setSizes([250, 240, 270])

        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("main")
        self.main_split.addWidget(self.left_split)
        self.main_split.addWidget(self.right_split)
        self.main_split.setSizes([720, 560])
        for s in (self.left_split, self.right_split, self.main_split):
            s.setChildrenCollapsible(False)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.first_run)
        self.stack.addWidget(self.main_split)
        self.setCentralWidget(self.stack)
        self.resize(1280, 800)
        # The chart and the lists grow with the window; the detail panes take what is left.
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.left_split.setStretchFactor(0, 1)
        self.left_split.setStretchFactor(1, 1)
        for view, height in ((self.props_view, 90), (self.convs_view, 90), (self.conv_details.shifts, 60),
                             (self.prop_details.history, 60)):
            view.setMinimumHeight(height)
        self.chart_host.setMinimumSize(320, 220)  # a plot still worth reading when Insights takes the rest
        P, C = PropositionsModel, ConversationsModel
        self._fitters = [
            ColumnFitter(self.props_view, P.TEXT, (P.TAGS, P.TREND, P.WHEN), 220),
            ColumnFitter(self.convs_view, C.TITLE, (C.KIND, C.PERSON), 160),
        ]

    def eventFilter(self, watched, event: QEvent) -> bool:
        # The search field claims Ctrl+Z even with nothing of its own to undo; then it
        # belongs to the journal's undo, or the edit just made could not be undone from there.
        if watched is self.search and event.type() == QEvent.Type.ShortcutOverride:
            for keys, available in ((QKeySequence.StandardKey.Undo, self.search.isUndoAvailable()),
                                    (QKeySequence.StandardKey.Redo, self.search.isRedoAvailable())):
                if event.matches(keys) and not available:
                    event.ignore()
                    return True
        return super().eventFilter(watched, event)

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
            if self.settings.text("selection/journal") == self.session.journal.location.reopen_spec:
                self.selection.select_conversation(self.settings.text("selection/conversation"))
        self.ensure_chart()
        self.settled.emit()

    @property
    def from_snapshot(self) -> bool:
        """Whether the window still shows the snapshot it painted first, the journal not yet open."""
        return getattr(self.session.journal, "from_snapshot", False)

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

    def ensure_chart(self):
        if self.chart is None:
            from beliefupdate.charts.widget import HistoryChart

            self.chart = HistoryChart(self.session, self.chart_host)
            self.chart.setAccessibleName("History chart")
            self.chart.exported.connect(lambda path: self.saved_notice.announce("Chart", path))
            self.chart.restore_view_options(
                {"log_odds": self.settings.flag("chart/log_odds"), "range": self.settings.text("chart/range"),
                 "implied": self.settings.flag("chart/implied")}
            )
            self.chart_host.layout().addWidget(self.chart)
            self.chart.show()  # a layout shows a late child only after the event loop runs again
            chart = self.chart
            self._reading(lambda: chart.show_propositions(self.selection.proposition_ids()))
        return self.chart

    def set_theme(self, name: str) -> None:
        self.theme.apply(name)
        self.settings.set("view/theme", self.theme.current)

    # -- the journal --------------------------------------------------------

    def _journal_replaced(self, *, read_timeline_here: bool = False) -> None:
        journal = self.session.journal
        self._timeline_known = False
        from beliefupdate.ui.sample import is_sample

        name = "Sample journal" if is_sample(journal.location.path) else journal.location.name
        self.setWindowTitle(f"{name} — beliefupdate")
        self.setWindowFilePath(journal.location.display)
        if not journal.location.in_memory:
            # Remembered without a password: that comes from ~/.pgpass, $PGPASSWORD or a prompt.
            self.settings.add_recent_journal(journal.location.reopen_spec)
        if self.chart is not None:
            self._reading(self.chart.journal_replaced)
        self._reading(self._load_propositions)
        if read_timeline_here:
            self._reading(lambda: self._timeline_read(journal.conversation_overviews()))
        elif not self._timeline_waiting:
            self._read_timeline()
        self._journal_changed(What(0))
        if self.settings.text("selection/journal") == journal.location.reopen_spec:
            self.selection.select_propositions(self.settings.strings("selection/propositions"))
            self.selection.select_conversation(self.settings.text("selection/conversation"))
        if self.actions_ is not None:
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
            if touched.propositions is None or len(touched.propositions) > FEW:
                self._load_propositions()
            else:
                self._update_propositions(touched.propositions)
        if what & What.CONVERSATIONS and not self._timeline_waiting:
            # A whole timeline on its way may have been read before this edit: it is read again instead.
            if touched.conversations is None or len(touched.conversations) > FEW or self.session.reading("timeline"):
                self._read_timeline()
            else:
                self._update_timeline(touched.conversations)
        self._show_proposition_details()
        self._show_conversation_details()
        if self.chart is not None and what:
            self.chart.refresh()
            self.chart.show_propositions(self.selection.proposition_ids())
        if self.actions_ is not None:
            self.actions_.update_enabled()

    def reload(self) -> None:
        """Fetch everything the views show again (View > Reload)."""
        self.session.refresh()

    def _load_propositions(self) -> None:
        # Read here, not on the pool: the list is what the first paint shows and what a
        # person types into, and its one query is fast even for thousands of propositions.
        props = self.selection.proposition_ids()
        current = self.selection.current_proposition_id()
        self._reloading = True
        try:
            summaries = self.session.journal.summaries(include_archived=True)
            if not _same(summaries, [r.summary for r in self.props_model.rows()]):
                self.props_model.set_rows(build_rows(summaries))
                self._snapshot_later()
                self._refresh_tags()
                self.selection.select_propositions(props, current)
        finally:
            self._reloading = False
        self.stack.setCurrentWidget(self.first_run if not summaries else self.main_split)
        self._update_count()

    def _update_propositions(self, ids: frozenset[str]) -> None:
        """Show these propositions as they are now (read alone): the list keeps its order, filter and selection."""
        if not ids:
            return
        summaries = self.session.journal.summaries(include_archived=True, ids=ids)
        self._reloading = True
        try:
            self.props_model.replace_rows(build_rows(summaries), gone=ids - {s.proposition.id for s in summaries})
        finally:
            self._reloading = False
        self._snapshot_later()
        if self.props_model.tags() != [self.tag_filter.itemData(i) for i in range(1, self.tag_filter.count())]:
            self._refresh_tags()
        self.stack.setCurrentWidget(self.first_run if not self.props_model.rowCount() else self.main_split)
        self._update_count()

    def _update_timeline(self, ids: frozenset[str]) -> None:
        """Show these conversations as they are now (read alone) where their time puts them in the timeline."""
        if not ids:
            return
        rows = self.session.journal.conversation_overviews(ids)
        self._reloading = True
        try:
            self.convs_model.place(rows, gone=ids - {r.conversation.id for r in rows})
        finally:
            self._reloading = False
        self._timeline_shown()

    def _read_timeline(self) -> None:
        """The timeline of a years-long journal is the slowest read: it comes from the pool."""
        self.session.read("timeline", lambda journal: journal.conversation_overviews(), self._timeline_read)

    def _timeline_read(self, rows) -> None:
        if not raise_unexpected(rows):
            self.session.unreadable(rows)  # the timeline shown stays
            return
        self._reloading = True
        try:
            self.selection.set_timeline(rows)
        finally:
            self._reloading = False
        self._timeline_shown()

    def _timeline_shown(self) -> None:
        self._timeline_known = True
        self._snapshot_later()
        self._show_conversation_details()
        if self.actions_ is not None:
            self.actions_.update_enabled()
        self.timeline_loaded.emit()

    def _snapshot_later(self) -> None:
        if not self.from_snapshot and self.session.journal.location.path is not None:
            self._snapshot_due.start()

    def _flush_snapshot(self) -> None:
        """Write the snapshot now if one is due, and wait for any being written."""
        if self._snapshot_due.isActive():
            self._keep_snapshot(in_background=False)
        self._snapshot_writer.waitForDone()

    def _keep_snapshot(self, *, in_background: bool) -> None:
        self._snapshot_due.stop()
        if not self._timeline_known or self.from_snapshot or self.session.journal.location.path is None:
            return  # not a file, or the timeline was never read: the last snapshot stays as it was
        spec = self.session.journal.location.reopen_spec
        summaries = [r.summary for r in self.props_model.rows()]
        timeline = self.convs_model.first(TIMELINE_ROWS)

        def write() -> None:  # the records are immutable: another thread may read them
            try:
                snapshot.write(spec, summaries, timeline)
            except OSError as e:
                log.warning("could not keep a snapshot for the next start: %s", e)

        if in_background:
            self._snapshot_writer.start(write)  # at 10,000 propositions a write takes a sixth of a second
        else:
            write()

    def _refresh_tags(self) -> None:
        wanted = self.tag_filter.currentData() or self.settings.text("filter/tag")
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(ALL_TAGS, "")
        for t in self.props_model.tags():
            self.tag_filter.addItem(t, t)
        i = self.tag_filter.findData(wanted) if wanted else 0
        self.tag_filter.setCurrentIndex(max(i, 0))
        self.tag_filter.blockSignals(False)
        self.props_proxy.set_tag(self.tag_filter.currentData() or "")

    def _update_count(self) -> None:
        shown, total = self.props_proxy.rowCount(), self.props_model.rowCount()
        self.count_label.setText(f"{shown} of {total}" if shown != total else f"{total}")
        self.count_label.setToolTip(f"{shown} of {total} propositions shown")

    # -- selection ----------------------------------------------------------

    def _proposition_selection_changed(self, *_args) -> None:
        if self._reloading:
            return
        self._show_proposition_details()
        if self.chart is not None:
            chart = self.chart
            self._reading(lambda: chart.show_propositions(self.selection.proposition_ids()))
        if self.actions_ is not None:
            self.actions_.update_enabled()

    def _show_proposition_details(self) -> None:
        if self._reloading:
            return
        pid = self.selection.current_proposition_id()
        if pid is None:
            self.session.forget("history")
            self.prop_details.show_proposition(None, [])
            return
        # The pane keeps what it shows until the history arrives from the pool, then changes
        # in one go: no empty table in between, and never one proposition's title over another's rows.
        self.session.read("history", lambda journal: (journal.history(pid), crux_checks_of(journal, pid)),
                          lambda read: self._history_read(pid, read))

    def _history_read(self, pid: str, read) -> None:
        if not raise_unexpected(read):
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
        if self._reloading:
            return
        cid = self.selection.conversation_id()
        if cid is None:
            self.session.forget("conversation")
            self.conv_details.show_conversation(None)
        else:
            # Like the history: the shifts come from the pool and replace the pane's old content in one go.
            self.session.read("conversation", lambda journal: journal.conversation(cid),
                              lambda c: self._conversation_read(cid, c))
        if self.actions_ is not None:
            self.actions_.update_enabled()  # what the actions act on is the selection, known now

    def _conversation_read(self, cid: str, c) -> None:
        if isinstance(c, ServerUnavailable):
            self.session.unreadable(c)  # the pane keeps what it shows until the server is back
            return
        if cid == self.selection.conversation_id():
            # Not there any more means deleted by another program since the timeline was read.
            self.conv_details.show_conversation(c if raise_unexpected(c) else None)

    def _context_menu(self, view: QTableView, pos) -> None:
        menu = QMenu(self)
        for action in self.actions_.context_actions(view is self.convs_view):
            menu.addAction(action) if action is not None else menu.addSeparator()
        menu.popup(view.viewport().mapToGlobal(pos))

    # -- persistence of UI state ---------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {s.objectName(): s for s in (self.main_split, self.left_split, self.right_split)}

    def _headers(self) -> dict[str, QTableView]:
        return {"propositions": self.props_view, "conversations": self.convs_view,
                "history": self.prop_details.history, "shifts": self.conv_details.shifts}

    def _restore_state(self) -> None:
        s = self.settings
        if (geometry := s.bytes("window/geometry")) is not None:
            self.restoreGeometry(geometry)
        fit_to_screen(self)
        if (state := s.bytes("window/state")) is not None:
            self.restoreState(state)
        for name, splitter in self._splitters().items():
            if (value := s.bytes(f"splitters/{name}")) is not None:
                splitter.restoreState(value)
        for name, view in self._headers().items():
            if (value := s.bytes(f"headers/{name}")) is not None:
                view.horizontalHeader().restoreState(value)
        header = self.props_view.horizontalHeader()
        self.props_view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.show_archived.setChecked(s.flag("filter/show_archived"))

    def _save_selection(self) -> None:
        s = self.settings
        s.set("selection/journal", self.session.journal.location.reopen_spec)
        s.set("selection/propositions", self.selection.proposition_ids())
        s.set("selection/conversation", self.selection.conversation_id() or "")

    def save_state(self) -> None:
        s = self.settings
        s.set_bytes("window/geometry", self.saveGeometry())
        s.set_bytes("window/state", self.saveState())
        for name, splitter in self._splitters().items():
            s.set_bytes(f"splitters/{name}", splitter.saveState())
        for name, view in self._headers().items():
            s.set_bytes(f"headers/{name}", view.horizontalHeader().saveState())
        s.set("filter/show_archived", self.show_archived.isChecked())
        s.set("filter/tag", self.tag_filter.currentData() or "")
        if self.chart is not None:
            options = self.chart.view_options()
            s.set("chart/log_odds", bool(options["log_odds"]))
            s.set("chart/range", str(options["range"]))
            s.set("chart/implied", bool(options["implied"]))
        self._save_selection()
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self._flush_snapshot()
        self.session.close()
        super().closeEvent(event)
