"""The timeline shows a conversation read again where its time puts it, and keeps the selection on it."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableView

from beliefupdate.domain.types import Conversation, ConversationOverview, Kind
from beliefupdate.ui.models.conversations import ConversationsModel

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def overview(handle, day):
    c = Conversation(id=f"c{handle}", handle=handle, title=f"Talk {handle}", person_id=None,
                     kind=Kind.CONVERSATION, occurred_at=T0 + timedelta(days=day), notes="")
    return ConversationOverview(c, 0, 0, 0.0, 0)


def titles(model):
    return [model.row(i).conversation.title for i in range(model.rowCount())]


def test_rows_are_put_by_time_moved_and_dropped_with_the_selection_following(qtbot):
    model = ConversationsModel()
    model.set_rows([overview(h, d) for h, d in ((4, 9), (3, 7), (2, 5), (1, 1))])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    sm = view.selectionModel()
    sm.setCurrentIndex(model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                       | QItemSelectionModel.SelectionFlag.Rows)

    model.place([overview(5, 6)])  # a new one, between days 7 and 5
    assert titles(model) == ["Talk 4", "Talk 3", "Talk 5", "Talk 2", "Talk 1"]
    model.place([overview(3, 0)])  # edited to the oldest date: to the bottom, still selected
    assert titles(model) == ["Talk 4", "Talk 5", "Talk 2", "Talk 1", "Talk 3"]
    assert sm.currentIndex().row() == 4 and sm.isRowSelected(4)
    model.place([overview(3, 20)])  # and to the newest
    assert titles(model) == ["Talk 3", "Talk 4", "Talk 5", "Talk 2", "Talk 1"]
    assert sm.currentIndex().row() == 0 and sm.isRowSelected(0)
    model.place([], gone={"c5", "c9"})
    assert titles(model) == ["Talk 3", "Talk 4", "Talk 2", "Talk 1"]
    assert [model.row_of(f"c{h}") for h in (1, 2, 3, 4, 5)] == [3, 2, 0, 1, -1]
