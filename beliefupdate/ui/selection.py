"""What is selected in the two lists, and selecting there: what the edits and menus act on.

The Editor, File menu and Insights dock receive this (and the session), not the
window, so none of them depends on how the window lays its views out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QItemSelectionModel, QModelIndex, QObject
from PySide6.QtWidgets import QTableView

from beliefupdate.domain.errors import NotFound
from beliefupdate.domain.types import ConversationOverview, ConversationSummary, PropositionSummary
from beliefupdate.ui.models.base import ID_ROLE, ROW_ROLE

if TYPE_CHECKING:
    from beliefupdate.ui.models.conversations import ConversationsModel
    from beliefupdate.ui.models.propositions import PropositionFilter, PropositionsModel
    from beliefupdate.ui.session import JournalSession


def _id_at(model: QAbstractItemModel, index: QModelIndex) -> str | None:
    value = model.data(index, ID_ROLE)
    return value if isinstance(value, str) else None


class Selection(QObject):
    """The propositions list (a filter proxy over its model) and the conversation timeline."""

    def __init__(self, session: JournalSession, props_view: QTableView, convs_view: QTableView,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.props_view = props_view
        # The window's views over its own models (ui.proposition_list, main_window): a view knows only
        # that it has some model.
        self.props_proxy = cast("PropositionFilter", props_view.model())
        self.props_model = cast("PropositionsModel", self.props_proxy.sourceModel())
        self.convs_view = convs_view
        self.convs_model = cast("ConversationsModel", convs_view.model())
        self._pending_conversation: str | None = None  # to select once the timeline has it

    # -- propositions -------------------------------------------------------

    def proposition_ids(self) -> list[str]:
        rows = self.props_view.selectionModel().selectedRows()
        return [pid for i in sorted(rows, key=lambda i: i.row()) if (pid := _id_at(self.props_proxy, i)) is not None]

    def current_proposition_id(self) -> str | None:
        index = self.props_view.selectionModel().currentIndex()
        if index.isValid() and self.props_view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return _id_at(self.props_proxy, index)
        ids = self.proposition_ids()
        return ids[0] if ids else None

    def summary_of(self, proposition_id: str) -> PropositionSummary | None:
        row = self.props_model.row_of(proposition_id)
        summary: PropositionSummary | None = self.props_model.row(row).summary if row >= 0 else None
        return summary

    def current_summary(self) -> PropositionSummary | None:
        pid = self.current_proposition_id()
        return self.summary_of(pid) if pid else None

    def summaries(self) -> list[PropositionSummary]:
        return [s for pid in self.proposition_ids() if (s := self.summary_of(pid)) is not None]

    def all_summaries(self) -> list[PropositionSummary]:
        """Every proposition the list holds, shown or filtered out."""
        summaries: list[PropositionSummary] = [r.summary for r in self.props_model.rows()]
        return summaries

    def known_tags(self) -> list[str]:
        tags: list[str] = self.props_model.tags()
        return tags

    def select_propositions(self, ids: Iterable[str], current: str | None = None) -> None:
        sm = self.props_view.selectionModel()
        selection = QItemSelection()
        first = None
        for pid in ids:
            row = self.props_model.row_of(pid)
            if row < 0:
                continue
            index = self.props_proxy.mapFromSource(self.props_model.index(row, 0))
            if not index.isValid():
                continue
            selection.select(index, index)
            if first is None or pid == current:
                first = index
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        sm.select(selection, flags)
        if first is not None:
            sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.props_view.scrollTo(first)

    # -- conversations ------------------------------------------------------

    def conversation_id(self) -> str | None:
        index = self.convs_view.selectionModel().currentIndex()
        if index.isValid() and self.convs_view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return _id_at(self.convs_model, index)
        return None

    def conversation_overview(self) -> ConversationOverview | None:
        """The timeline's row for the selected conversation (no shifts: cheap to ask often)."""
        if self.conversation_id() is None:
            return None
        row = self.convs_model.data(self.convs_view.selectionModel().currentIndex(), ROW_ROLE)
        return row if isinstance(row, ConversationOverview) else None

    def conversation(self) -> ConversationSummary | None:
        """The selected conversation with its shifts, read from the journal."""
        cid = self.conversation_id()
        if cid is None:
            return None
        try:
            return self.session.journal.conversation(cid)
        except NotFound:  # deleted elsewhere since the timeline was read
            return None

    def waiting_conversations(self) -> list[ConversationOverview]:
        # While the timeline is on its way (just after start-up, or after a write) the list
        # shows an older one, or none: a key pressed then asks the journal itself.
        rows: Sequence[ConversationOverview] = self.session.reader.conversation_overviews() \
            if self.session.reading("timeline") else self.convs_model.rows()
        return [row for row in rows if row.awaiting_after]

    def conversations_focused(self) -> bool:
        return self.convs_view.hasFocus()

    def select_conversation(self, cid: str | None) -> None:
        """Select ``cid``; one the timeline does not hold yet is selected when the timeline being read arrives."""
        row = self.convs_model.row_of(cid) if cid else -1
        sm = self.convs_view.selectionModel()
        self._pending_conversation = None
        if row < 0:
            if cid and self.session.reading("timeline"):
                self._pending_conversation = cid
            sm.clearSelection()
            return
        index = self.convs_model.index(row, 0)
        sm.setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def set_timeline(self, rows: Sequence[ConversationOverview]) -> None:
        """Show a freshly read timeline, keeping the selected (or the awaited) conversation selected."""
        wanted = self._pending_conversation or self.conversation_id()
        self.convs_model.set_rows(rows)
        self.select_conversation(wanted)
