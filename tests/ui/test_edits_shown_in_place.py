"""An edit made in the window shows at once, and only the records it touched are read again:
the list keeps its sort, filter and selection, the timeline puts the conversation where its time
belongs. A change made elsewhere still shows the whole journal again."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.journal import Journal
from beliefupdate.ui.models.base import ID_ROLE, SORT_ROLE
from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.models.propositions import PropositionsModel
from tests.ui.person import key, show

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def reads(monkeypatch, journal):
    """Records the ids each summaries / conversation_overviews read asked for (None: all of them)."""
    asked = {"summaries": [], "overviews": []}
    summaries, overviews = journal.summaries, journal.conversation_overviews

    def reading_summaries(*args, **kw):
        asked["summaries"].append(None if kw.get("ids") is None else set(kw["ids"]))
        return summaries(*args, **kw)

    def reading_overviews(ids=None):
        asked["overviews"].append(None if ids is None else set(ids))
        return overviews(ids)

    monkeypatch.setattr(journal, "summaries", reading_summaries)
    monkeypatch.setattr(journal, "conversation_overviews", reading_overviews)
    return asked


def log_in_dialog(qtbot, window, title, afters: dict[int, str]):
    """Log ``title`` through the dialog: for each handle, its after as typed."""
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, title)
    for handle in afters:
        qtbot.keyClicks(dialog.add_field, f"#{handle}")
        qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    for row in dialog.rows:
        handle = next(h for h in afters if window.selection.summary_of(row.proposition_id).proposition.handle == h)
        qtbot.keyClicks(row.after.edit, afters[handle])
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.rows[-1].after.edit, Qt.Key.Key_Return)


def shown(window, column):
    """The list's column as it reads top to bottom."""
    proxy = window.props_proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def credence_shown(window, handle):
    return dict(zip(shown(window, PropositionsModel.HANDLE), shown(window, PropositionsModel.CREDENCE),
                    strict=True)).get(str(handle))


def sort_by_credence(qtbot, window):
    header = window.props_view.horizontalHeader()
    x = header.sectionViewportPosition(PropositionsModel.CREDENCE) + header.sectionSize(PropositionsModel.CREDENCE) // 2
    for _ in range(2):  # the first click sorts ascending if it was on another column; the second descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        if header.sortIndicatorSection() == PropositionsModel.CREDENCE \
                and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
            return
    assert header.sortIndicatorSection() == PropositionsModel.CREDENCE


def in_order(window):
    proxy = window.props_proxy
    keys = [proxy.index(r, PropositionsModel.CREDENCE).data(SORT_ROLE) for r in range(proxy.rowCount())]
    keys = [k if k is not None else -1 for k in keys]
    order = window.props_view.horizontalHeader().sortIndicatorOrder()
    return keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)


def test_logging_shows_the_credences_and_the_conversation_on_top_reading_only_those(
        qtbot, window, journal, monkeypatch):
    show(qtbot, window)
    sort_by_credence(qtbot, window)
    assert in_order(window)
    asked = reads(monkeypatch, journal)
    rows = window.props_model.rowCount()

    log_in_dialog(qtbot, window, "Coffee with Sam", {1: "2%", 9: "99%"})

    # At once: no read on the pool to wait for.
    assert credence_shown(window, 1) == "2%" and credence_shown(window, 9) == "99%"
    assert in_order(window)  # the changed rows moved to where their new credence sorts
    assert window.props_proxy.index(0, PropositionsModel.HANDLE).data() == "9"
    assert window.props_model.rowCount() == rows
    assert window.convs_model.index(0, ConversationsModel.TITLE).data() == "Coffee with Sam"
    assert window.selection.conversation_id() == window.convs_model.index(0, 0).data(ID_ROLE)
    ids = {journal.find_proposition("1").id, journal.find_proposition("9").id}
    assert asked["summaries"] == [ids]
    assert asked["overviews"] == [{window.selection.conversation_id()}]


def test_undo_and_redo_put_the_rows_back(qtbot, window, journal):
    show(qtbot, window)
    was = credence_shown(window, 1)
    top = window.convs_model.index(0, ConversationsModel.TITLE).data()
    count = window.convs_model.rowCount()
    log_in_dialog(qtbot, window, "Coffee with Sam", {1: "2%"})
    assert credence_shown(window, 1) == "2%"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert credence_shown(window, 1) == was
    assert window.convs_model.rowCount() == count
    assert window.convs_model.index(0, ConversationsModel.TITLE).data() == top

    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert credence_shown(window, 1) == "2%"
    assert window.convs_model.index(0, ConversationsModel.TITLE).data() == "Coffee with Sam"
    assert window.convs_model.rowCount() == count + 1


def test_a_search_still_applies_to_a_changed_row(qtbot, window, journal, prop):
    show(qtbot, window)
    lab = prop("My highest-impact")
    window.search.setFocus()
    qtbot.keyClicks(window.search, "highest-impact")
    assert shown(window, PropositionsModel.HANDLE) == [str(lab.handle)]

    log_in_dialog(qtbot, window, "Coffee with Sam", {lab.handle: "12%", 9: "88%"})

    assert shown(window, PropositionsModel.HANDLE) == [str(lab.handle)]  # #9 moved, but is still not found
    assert credence_shown(window, lab.handle) == "12%"
    assert window.count_label.text() == f"1 of {window.props_model.rowCount()}"


def test_a_new_proposition_with_a_new_tag_appears_and_undo_takes_both_away(qtbot, window, journal, monkeypatch):
    show(qtbot, window)
    asked = reads(monkeypatch, journal)
    rows = window.props_model.rowCount()
    dialog = window.editor.new_proposition()
    qtbot.keyClicks(dialog.text, "Evals work is learnable in three months")
    qtbot.keyClicks(dialog.tags, "apprenticeship")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    p = journal.find_proposition("Evals work is learnable in three months")

    assert window.props_model.rowCount() == rows + 1
    assert window.tag_filter.findData("apprenticeship") > 0
    assert window.selection.current_proposition_id() == p.id
    assert asked["summaries"] == [{p.id}]

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.props_model.rowCount() == rows and window.props_model.row_of(p.id) == -1
    assert window.tag_filter.findData("apprenticeship") == -1


@pytest.mark.written_elsewhere
def test_a_change_made_by_another_program_still_reads_everything(qtbot, window, journal, journal_db, monkeypatch):
    show(qtbot, window)
    asked = reads(monkeypatch, journal)
    first = journal.find_proposition("1")
    with Journal.open(journal_db) as other:
        other.check_in(first.id, 0.03)
        other.log_conversation("Written elsewhere", [CredenceEntry(first.id, 0.03, 0.04)])
    qtbot.waitUntil(lambda: bool(asked["summaries"] and asked["overviews"]), timeout=5000)
    assert asked["summaries"] == [None] and asked["overviews"] == [None]
    qtbot.waitUntil(lambda: window.convs_model.index(0, ConversationsModel.TITLE).data() == "Written elsewhere")
    assert credence_shown(window, 1) == "4%"
    QApplication.processEvents()
