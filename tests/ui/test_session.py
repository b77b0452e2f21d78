"""The journal session: what it says changed after edits, undo and other programs' writes; stale reads dropped."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.journal import Journal
from beliefupdate.ui.models.propositions import PropositionsModel
from beliefupdate.ui.session import JournalSession, What
from tests.ui.person import click_row, key, row_of, show


@pytest.fixture
def session(qtbot, journal, poll_ms):
    s = JournalSession(journal, poll_ms=poll_ms)
    yield s
    s.close()


def collect(session) -> list:
    seen = []
    session.changed.connect(seen.append)
    return seen


def test_an_edit_in_the_window_names_what_changed_and_undo_names_it_again(qtbot, window, journal, prop):
    seen = collect(window.session)
    show(qtbot, window)
    click_row(qtbot, window.props_view, row_of(window.props_view, PropositionsModel.TEXT, "AI safety is"))
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # archive
    assert seen == [What.PROPOSITIONS]
    key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seen == [What.PROPOSITIONS, What.PROPOSITIONS]
    assert not journal.proposition(prop("AI safety is").id).archived


def test_editing_a_proposition_does_not_read_the_timeline_again(qtbot, window, journal):
    show(qtbot, window)
    click_row(qtbot, window.props_view, 0)
    with qtbot.assertNotEmitted(window.convs_model.modelReset):
        key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        window.session.pool.waitForDone()
        QApplication.processEvents()
    assert window.props_model.rowCount() == len(journal.propositions())


def test_logging_a_conversation_reloads_the_timeline_from_the_pool(qtbot, window, journal):
    before = window.convs_model.rowCount()
    p = journal.propositions()[0]
    with qtbot.waitSignal(window.timeline_loaded):
        journal.log_conversation("Lunch with Kim", [CredenceEntry(p.id, 0.3, 0.6)])
        window.session.written(What.CONVERSATIONS | What.CREDENCES)
    assert window.convs_model.rowCount() == before + 1


@pytest.mark.written_elsewhere
def test_a_write_by_another_program_changes_everything(qtbot, session, journal):
    seen = collect(session)
    messages = []
    session.message.connect(lambda text, _ms: messages.append(text))
    with Journal.open(journal.location.url) as other:
        other.add_proposition("Written from the command line")
    with qtbot.waitSignal(session.changed, timeout=5000):
        pass
    assert seen == [What.ALL]
    assert "changed by another program" in messages[0]


def test_own_writes_are_not_taken_for_another_program(session, journal):
    seen = collect(session)
    journal.add_proposition("Mine")
    session.written(What.PROPOSITIONS)
    assert not session.watcher.poll()
    assert seen == [What.PROPOSITIONS]


def test_opening_another_journal_says_replaced_and_closes_the_old_one(qtbot, session, tmp_path):
    other = Journal.open(tmp_path / "other.sqlite3")
    first = session.journal
    first.add_proposition("Undoable, until another journal opens")
    session.undo_stack.beginMacro("something")
    session.undo_stack.endMacro()
    with qtbot.waitSignal(session.replaced):
        session.replace(other)
    assert session.journal is other and session.undo_stack.count() == 0
    session.close()
    other.close()


def _blocked_read(session, key, release: threading.Event, value, delivered):
    def slow(journal):
        release.wait(timeout=20)
        return value

    session.read(key, slow, delivered.append)


def test_a_read_made_stale_by_a_newer_one_is_dropped(qtbot, session):
    delivered = []
    release = threading.Event()
    _blocked_read(session, "timeline", release, "old", delivered)
    session.read("timeline", lambda journal: "new", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["new"])
    release.set()
    session.pool.waitForDone()
    QApplication.processEvents()
    assert delivered == ["new"], "the older read's result came back after the newer one and was dropped"


def test_reads_of_other_things_are_not_stale(qtbot, session):
    delivered = []
    session.read("timeline", lambda journal: "timeline", delivered.append)
    session.read("insights", lambda journal: "insights", delivered.append)
    qtbot.waitUntil(lambda: len(delivered) == 2)
    assert sorted(delivered) == ["insights", "timeline"]


def test_a_read_of_the_journal_before_another_was_opened_is_dropped(qtbot, session, tmp_path):
    delivered = []
    release = threading.Event()
    _blocked_read(session, "timeline", release, "old journal", delivered)
    other = Journal.open(tmp_path / "other.sqlite3")
    release.set()  # replace waits for reads in flight; their results arrive after it
    session.replace(other)
    QApplication.processEvents()
    assert delivered == []
    session.close()
    other.close()


def test_a_read_that_fails_hands_its_error_to_the_reader(qtbot, session):
    delivered = []

    def failing(journal):
        raise ValueError("broken")

    session.read("timeline", failing, delivered.append)
    qtbot.waitUntil(lambda: bool(delivered))
    assert isinstance(delivered[0], ValueError)


def _occupy_pool(session, release: threading.Event) -> None:
    """Keep every pool thread busy, so reads asked for now wait until ``release`` is set."""
    for n in range(session.pool.maxThreadCount()):
        _blocked_read(session, f"busy {n}", release, None, [])


def test_the_proposition_pane_keeps_its_content_until_the_next_history_arrives(qtbot, window, journal):
    show(qtbot, window)
    view, details = window.props_view, window.prop_details
    click_row(qtbot, view, row_of(view, PropositionsModel.TEXT, "AI safety is"))
    qtbot.waitUntil(lambda: "AI safety is" in details.title.text())
    first_rows = details.model.rowCount()
    assert first_rows > 0
    release = threading.Event()
    _occupy_pool(window.session, release)
    other = row_of(view, PropositionsModel.TEXT, "My highest-impact option")
    click_row(qtbot, view, other)
    QApplication.processEvents()
    assert "AI safety is" in details.title.text() and details.model.rowCount() == first_rows, "no empty pane meanwhile"
    release.set()
    qtbot.waitUntil(lambda: "My highest-impact option" in details.title.text())
    pid = window.selection.current_proposition_id()
    assert details.model.rowCount() == len(journal.history(pid))


def test_a_history_arriving_after_the_selection_was_cleared_is_dropped(qtbot, window):
    show(qtbot, window)
    view, details = window.props_view, window.prop_details
    row = row_of(view, PropositionsModel.TEXT, "AI safety is")
    release = threading.Event()
    _occupy_pool(window.session, release)
    click_row(qtbot, view, row)
    click_row(qtbot, view, row, Qt.KeyboardModifier.ControlModifier)  # and away again
    assert "No proposition selected" in details.title.text()
    release.set()
    window.session.pool.waitForDone()
    QApplication.processEvents()
    assert "No proposition selected" in details.title.text() and details.model.rowCount() == 0


def test_shifts_arriving_after_the_conversation_was_unselected_are_dropped(qtbot, window):
    show(qtbot, window)
    view, details = window.convs_view, window.conv_details
    release = threading.Event()
    _occupy_pool(window.session, release)
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 0, Qt.KeyboardModifier.ControlModifier)
    assert "No conversation selected" in details.title.text()
    release.set()
    window.session.pool.waitForDone()
    QApplication.processEvents()
    assert "No conversation selected" in details.title.text() and details.model.rowCount() == 0
