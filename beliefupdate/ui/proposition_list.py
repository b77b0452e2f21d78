"""The propositions list: its model, filter, search field, tag and archive filters, count, and its reloads.

The window composes it; what the list shows comes from the session's journal, and
what the window does when the selection changes it hears from ``QuietSelection``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from beliefupdate.ui import settings_keys as keys
from beliefupdate.ui.models.propositions import PropositionFilter, PropositionsModel, build_rows
from beliefupdate.ui.panels import table
from beliefupdate.ui.selection import Selection
from beliefupdate.ui.settings import UiSettings
from beliefupdate.ui.sparkline import SparklineDelegate

if TYPE_CHECKING:
    from beliefupdate.domain.types import PropositionSummary
    from beliefupdate.ui.session import JournalSession

ALL_TAGS = "All tags"

# Up to this many records named by a change are read again one by one; more (deleting hundreds
# at once) and the whole list is read, in about the time one pass over the list takes anyway.
FEW = 50


def _same(summaries: Sequence[PropositionSummary], shown: Sequence[PropositionSummary]) -> bool:
    """Whether the list already shows exactly these summaries: then it is left as it is (the journal
    opened after the snapshot's first paint, or a change elsewhere that did not touch the list), rather
    than sorted and laid out again. Versions count too: an edit names the version it was made from."""
    return len(summaries) == len(shown) and summaries == shown and all(
        a.proposition.version == b.proposition.version for a, b in zip(summaries, shown, strict=True))


class QuietSelection(QObject):
    """A view's selection changes, passed on except while its model is read again.

    Reading a list again resets its model: the selection empties, then is put back. The
    window would show empty details, ask the chart for nothing and then for the same
    propositions again in between; so those changes are not passed on, and whoever read
    the list shows the details once it is done.
    """

    changed = Signal()  # the selected rows
    current_changed = Signal()  # the current row

    def __init__(self, view: QTableView, parent: QObject | None = None):
        super().__init__(parent)
        self._reloading = False
        sm = view.selectionModel()
        sm.selectionChanged.connect(lambda *_: self._pass(self.changed))
        sm.currentRowChanged.connect(lambda *_: self._pass(self.current_changed))

    def _pass(self, signal: SignalInstance) -> None:
        if not self._reloading:
            signal.emit()

    @contextmanager
    def reloading(self) -> Iterator[None]:
        self._reloading = True
        try:
            yield
        finally:
            self._reloading = False


class PropositionList(QObject):
    def __init__(self, session: JournalSession, settings: UiSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.model = PropositionsModel(self)
        self.proxy = PropositionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = v = table("Propositions", self.proxy, PropositionsModel.TEXT)
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
        self.selected = QuietSelection(v, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search propositions (Ctrl+F)")
        self.search.setAccessibleName("Search propositions")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.installEventFilter(self)
        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName("Tag filter")
        self.tag_filter.setMinimumWidth(130)
        self.tag_filter.addItem(ALL_TAGS, "")
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_tag(self.tag_filter.currentData() or ""))
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setAccessibleName("Show archived propositions")
        self.show_archived.toggled.connect(self.proxy.set_show_archived)
        self.count_label = QLabel("")
        self.count_label.setEnabled(False)
        self.proxy.layoutChanged.connect(self._update_count)  # each search, tag or archive filter

        self.filters = QWidget()
        bar = QHBoxLayout(self.filters)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.tag_filter)
        bar.addWidget(self.show_archived)
        bar.addWidget(self.count_label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The search field claims Ctrl+Z even with nothing of its own to undo; then it
        # belongs to the journal's undo, or the edit just made could not be undone from there.
        if watched is self.search and event.type() == QEvent.Type.ShortcutOverride \
                and isinstance(event, QKeyEvent):  # a shortcut override is always a key event
            for sequence, available in ((QKeySequence.StandardKey.Undo, self.search.isUndoAvailable()),
                                        (QKeySequence.StandardKey.Redo, self.search.isRedoAvailable())):
                if event.matches(sequence) and not available:
                    event.ignore()
                    return True
        return super().eventFilter(watched, event)

    # -- reading the journal --------------------------------------------------

    def show_changes(self, ids: frozenset[str] | None, selection: Selection) -> None:
        """Show the propositions a change named (``None``: any of them) as they are now."""
        if ids is None or len(ids) > FEW:
            self.load(selection)
        else:
            self.update(ids)

    def load(self, selection: Selection) -> None:
        """Read the whole list again, keeping what is selected selected."""
        # Read here, not on the pool: the list is what the first paint shows and what a
        # person types into, and its one query is fast even for thousands of propositions.
        props = selection.proposition_ids()
        current = selection.current_proposition_id()
        with self.selected.reloading():
            summaries = self.session.reader.summaries(include_archived=True)
            if not _same(summaries, [r.summary for r in self.model.rows()]):
                self.model.set_rows(build_rows(summaries))
                self._refresh_tags()
                selection.select_propositions(props, current)
        self._update_count()

    def update(self, ids: frozenset[str]) -> None:
        """Show these propositions as they are now (read alone): the list keeps its order, filter and selection."""
        if not ids:
            return
        summaries = self.session.reader.summaries(include_archived=True, ids=sorted(ids))
        with self.selected.reloading():
            self.model.replace_rows(build_rows(summaries), gone=ids - {s.proposition.id for s in summaries})
        if self.model.tags() != [self.tag_filter.itemData(i) for i in range(1, self.tag_filter.count())]:
            self._refresh_tags()
        self._update_count()

    def _refresh_tags(self) -> None:
        wanted = self.tag_filter.currentData() or self.settings.get(keys.FILTER_TAG)
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(ALL_TAGS, "")
        for t in self.model.tags():
            self.tag_filter.addItem(t, t)
        i = self.tag_filter.findData(wanted) if wanted else 0
        self.tag_filter.setCurrentIndex(max(i, 0))
        self.tag_filter.blockSignals(False)
        self.proxy.set_tag(self.tag_filter.currentData() or "")

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total}" if shown != total else f"{total}")
        self.count_label.setToolTip(f"{shown} of {total} propositions shown")

    # -- kept between runs ------------------------------------------------------

    def restore(self) -> None:
        """The sort the column header was left with, and the archive filter (the tag comes with the tags)."""
        header = self.view.horizontalHeader()
        self.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.show_archived.setChecked(self.settings.get(keys.FILTER_SHOW_ARCHIVED))

    def save(self) -> None:
        self.settings.put(keys.FILTER_SHOW_ARCHIVED, self.show_archived.isChecked())
        self.settings.put(keys.FILTER_TAG, self.tag_filter.currentData() or "")
