"""The Insights view: the measures of docs/measures.md as sortable tables, one tab per question.

Measuring a big journal takes seconds (reading 100k credences alone does), so it
runs on the session's read pool and only while the view is visible; the result is kept
until the journal changes (``journal_changed``), so showing the view again or
switching tabs costs nothing.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from beliefupdate.domain.errors import ServerUnavailable, UserError
from beliefupdate.domain.measures.report import Filter
from beliefupdate.ui.insights.boxes import TableBox, text_label
from beliefupdate.ui.insights.data import Insights, gather
from beliefupdate.ui.insights.filters import FilterBar
from beliefupdate.ui.insights.table_model import Target
from beliefupdate.ui.insights.tabs import InsightTabs
from beliefupdate.ui.session import JournalSession
from beliefupdate.ui.settings import UiSettings
from beliefupdate.ui.settings_keys import INSIGHTS_HEADERS, INSIGHTS_TAB

log = logging.getLogger(__name__)

Wanted = tuple[int, Filter]  # the journal's version and the filters it is measured through


class InsightsView(QWidget):
    conversation_chosen = Signal(str)
    propositions_chosen = Signal(list)
    updated = Signal()  # the tables show the journal as it is now

    def __init__(self, session: JournalSession, settings: UiSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Insights")
        self.session = session
        self.settings = settings
        self._version = 0  # bumped whenever the journal changes
        self._shown: Wanted | None = None  # the (version, filter) the tables show
        self._asked: Wanted | None = None  # the (version, filter) last sent to be measured
        session.changed.connect(self.journal_changed)
        session.replaced.connect(self.journal_changed)
        self.insights: Insights | None = None

        self.filters = FilterBar()
        self.filters.changed.connect(self._refresh_if_needed)
        self.status = text_label(italic=True)
        self.status.setAccessibleName("Insights status")
        self.tabs = InsightTabs()
        self.tabs.chosen.connect(self._emit)
        self.tabs.headers_changed.connect(self._save_headers)
        self.tabs.currentChanged.connect(self._save_tab)
        # What the tabs hold, by the names the window and its tests know them by.
        self.boxes = self.tabs.boxes
        self.tab_of = self.tabs.tab_of
        self.summaries = self.tabs.summaries
        self.plot = self.tabs.plot
        self.reaction_totals = self.tabs.reaction_totals
        self.momentum = self.tabs.momentum

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._restore()

    def sizeHint(self) -> QSize:
        # As a dock at the bottom of the window: room for a few rows, not a screenful.
        return QSize(900, 320)

    # -- state kept between runs --------------------------------------------

    def _restore(self) -> None:
        if self.settings is None:
            return
        with contextlib.suppress(KeyError):
            self.show_tab(self.settings.get(INSIGHTS_TAB))
        for key, box in self.boxes.items():
            if (state := self.settings.get(INSIGHTS_HEADERS[key])) is not None:
                header = box.view.horizontalHeader()
                box.fitted = header.restoreState(state)
                box.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _save_tab(self, index: int) -> None:
        if self.settings is not None:
            self.settings.put(INSIGHTS_TAB, self.tabs.tabText(index))

    def _save_headers(self) -> None:
        if self.settings is None:
            return
        for key, box in self.boxes.items():
            self.settings.put(INSIGHTS_HEADERS[key], box.view.horizontalHeader().saveState())

    # -- keeping up with the journal ----------------------------------------

    def journal_changed(self, *_what: object) -> None:
        """The journal was written or replaced: measure again, now if visible, else when next shown."""
        self._version += 1
        self._refresh_if_needed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_needed()

    def _wanted(self) -> Wanted:
        return self._version, self.filters.filter()

    @property
    def current(self) -> bool:
        """Whether the tables show the journal as it is now, through the chosen filters."""
        return self._shown == self._wanted()

    def _refresh_if_needed(self) -> None:
        if not self.isVisible() or self.current or self._asked == self._wanted():
            return
        wanted = self._asked = self._wanted()
        flt = wanted[1]
        self.status.setText("Measuring the journal…")
        # gather is looked up when the read runs, not now: tests stand in for it.
        self.session.read("insights", lambda journal: gather(journal, flt),
                          lambda result: self._finished(wanted, result))

    def _finished(self, wanted: Wanted, result: object) -> None:
        if wanted != self._wanted():
            self._refresh_if_needed()  # the journal or the filter changed meanwhile; what came back is stale
            return
        if isinstance(result, ServerUnavailable):
            # The tables keep what they show; the session says why and reads again when it is back.
            self._asked = None
            self.status.setText("The server is away: these are the figures last measured." if self.insights else "")
            self.session.unreadable(result)
            return
        if isinstance(result, UserError):
            self.status.setText(f"Could not measure the journal: {result}")
            log.warning("insights: %s", result)
            return
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, Insights), result  # what gather returns when it does not raise
        self.filters.set_choices(result.people_names, result.tags)
        if wanted != self._wanted():
            return  # the chosen person or tag has gone from the journal: measured again without it
        self._shown = wanted
        self.show_insights(result)
        self.status.setText("")
        self.updated.emit()

    # -- showing ------------------------------------------------------------

    def show_insights(self, ins: Insights) -> None:
        """Show ``ins``: the current tab now, each other tab when it is first opened (10k rows take a while)."""
        self.insights = ins
        self.tabs.show_insights(ins, self.filters.describe())

    def show_tab(self, name: str) -> None:
        self.tabs.show_tab(name)

    def box(self, key: str) -> TableBox:
        return self.boxes[key]

    def _emit(self, target: Target) -> None:
        if target.conversation_id:
            self.conversation_chosen.emit(target.conversation_id)
        if target.proposition_ids:
            self.propositions_chosen.emit(list(target.proposition_ids))
