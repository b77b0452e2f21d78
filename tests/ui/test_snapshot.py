"""A start paints what the window last showed, then shows the journal as it is now."""

import os
import stat
import subprocess
import sys
from datetime import UTC

import pytest
from PySide6.QtCore import Qt

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.journal import Journal
from beliefupdate.ui import app, snapshot
from beliefupdate.ui.dialogs.unavailable import JournalUnavailableDialog
from beliefupdate.ui.main_window import MainWindow
from beliefupdate.ui.models.propositions import PropositionsModel


def listed(window) -> list[str]:
    proxy = window.props_proxy
    return [proxy.index(r, PropositionsModel.TEXT).data(Qt.ItemDataRole.DisplayRole) for r in range(proxy.rowCount())]


def timeline(window) -> list[str]:
    return [window.convs_model.row(r).conversation.title for r in range(window.convs_model.rowCount())]


def fill(path):
    with Journal.open(path) as j:
        old = j.add_proposition("Scaling alone gets to AGI")
        j.add_proposition("I should work at a large lab")
        j.log_conversation("Coffee with Sam", [CredenceEntry(old.id, 0.3, 0.45, "compute curves")], person="Sam")
        return old


def run_once(qtbot, path, settings):
    """A window on the journal, used and closed as a person would: it keeps a snapshot."""
    window = MainWindow(Journal.open(path), settings, timeline_after_paint=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.convs_model.rowCount() > 0 and window.chart is not None, timeout=10000)
    window.close()
    return window


def test_closing_the_window_keeps_a_private_snapshot_of_what_it_showed(qtbot, journal_path, settings):
    fill(journal_path)
    run_once(qtbot, journal_path, settings)
    kept = snapshot.read(str(journal_path))
    with Journal.open(journal_path) as j:
        assert kept.summaries == j.summaries(include_archived=True)
        assert kept.timeline == j.conversation_overviews()
    assert stat.S_IMODE(os.stat(snapshot.path_for(str(journal_path))).st_mode) == 0o600


def test_a_stale_snapshot_is_painted_first_then_replaced_by_the_journal(qtbot, journal_path, settings):
    old = fill(journal_path)
    run_once(qtbot, journal_path, settings)
    with Journal.open(journal_path) as j:  # another program changes the journal while the app is closed
        j.edit_proposition(old.id, text="Scaling plus search gets to AGI")
        j.add_proposition("Added from the command line")
        j.log_conversation("Read a paper", [CredenceEntry(old.id, 0.45, 0.5)])
    stand_in = app._stand_in(str(journal_path))
    window = MainWindow(stand_in, settings, timeline_after_paint=True,
                        opener=lambda _window: Journal.open(journal_path))
    qtbot.addWidget(window)
    # The first paint shows what the window showed last time, before the journal is open.
    assert window.from_snapshot
    assert sorted(listed(window)) == ["I should work at a large lab", "Scaling alone gets to AGI"]
    assert window.statusBar().currentMessage() == "Opening the journal…"
    window.show()
    qtbot.waitUntil(lambda: not window.from_snapshot, timeout=10000)
    assert window.statusBar().currentMessage() == ""
    assert sorted(listed(window)) == ["Added from the command line", "I should work at a large lab",
                                      "Scaling plus search gets to AGI"]
    qtbot.waitUntil(lambda: timeline(window) == ["Read a paper", "Coffee with Sam"], timeout=10000)


def test_the_first_paint_from_a_snapshot_loads_no_database_code(qtbot, journal_path, settings, tmp_path):
    fill(journal_path)
    run_once(qtbot, journal_path, settings)
    script = tmp_path / "paint.py"
    script.write_text(
        "import sys\n"
        "from beliefupdate.ui import app\n"
        "stand_in = app._stand_in(sys.argv[1])\n"
        "qt = app.make_application([])\n"
        "from beliefupdate.ui.main_window import MainWindow\n"
        "window = MainWindow(stand_in, opener=lambda w: None)\n"
        "window.grab()\n"  # a full paint, without the event loop that then opens the journal
        "print('rows', window.props_model.rowCount(), 'sqlalchemy loaded:', 'sqlalchemy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, str(script), str(journal_path)], env=dict(os.environ),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "rows 2 sqlalchemy loaded: False" in done.stdout


def test_edits_keep_the_snapshot_current(qtbot, journal_path, settings):
    fill(journal_path)
    window = MainWindow(Journal.open(journal_path), settings)
    qtbot.addWidget(window)
    window.snapshots.delay_ms = 0  # written right after the change instead of a little later
    window.session.journal.add_proposition("Written after a change")
    window.session.written()
    qtbot.waitUntil(lambda: (kept := snapshot.read(str(journal_path))) is not None
                    and "Written after a change" in [s.proposition.text for s in kept.summaries], timeout=5000)


def test_an_edit_shown_in_place_keeps_the_snapshot_current(qtbot, journal_path, settings):
    fill(journal_path)
    window = MainWindow(Journal.open(journal_path), settings)
    qtbot.addWidget(window)
    window.snapshots.delay_ms = 0
    journal = window.session.journal
    added = journal.add_proposition("Shown in place")
    conv = journal.log_conversation("Quick chat", [CredenceEntry(added.id, 0.2, 0.7)])
    window.session.written(propositions=[added.id], conversations=[conv.id])  # as the editor reports an edit

    def kept_both() -> bool:
        kept = snapshot.read(str(journal_path))
        return (kept is not None and "Shown in place" in [s.proposition.text for s in kept.summaries]
                and [o.conversation.title for o in kept.timeline][:1] == ["Quick chat"])

    qtbot.waitUntil(kept_both, timeout=5000)


def test_a_journal_that_no_longer_opens_hides_the_snapshot_and_says_why(qtbot, journal_path, settings, monkeypatch):
    fill(journal_path)
    run_once(qtbot, journal_path, settings)
    for side in ("-wal", "-shm"):
        journal_path.with_name(journal_path.name + side).unlink(missing_ok=True)
    journal_path.write_bytes(b"not a journal any more\n")
    seen = []
    stand_in = app._stand_in(str(journal_path))
    window = MainWindow(stand_in, settings, timeline_after_paint=True,
                        opener=lambda w: app.open_journal_interactively(str(journal_path), before_asking=w.hide))
    qtbot.addWidget(window)

    def quit_from_dialog(dialog):
        seen.append((dialog.reason, window.isVisible()))
        return JournalUnavailableDialog.QUIT

    monkeypatch.setattr(JournalUnavailableDialog, "exec", quit_from_dialog)
    with qtbot.waitSignal(window.gave_up, timeout=10000):  # the app leaves with exit code 1
        window.show()
    reason, window_visible = seen[0]
    assert "not a beliefupdate journal" in reason
    assert not window_visible  # the old picture is not left showing as if it were the journal
    assert window.from_snapshot and not window.isVisible()


def test_no_snapshot_when_it_is_damaged_gone_or_turned_off(journal_path, monkeypatch):
    fill(journal_path)
    with Journal.open(journal_path) as j:
        snapshot.write(str(journal_path), j.summaries(include_archived=True), j.conversation_overviews())
    assert snapshot.read(str(journal_path)) is not None
    monkeypatch.setenv(snapshot.DISABLE_ENV, "1")
    assert snapshot.read(str(journal_path)) is None
    monkeypatch.delenv(snapshot.DISABLE_ENV)
    kept = snapshot.path_for(str(journal_path))
    kept.write_text(kept.read_text()[:-40])
    assert snapshot.read(str(journal_path)) is None
    journal_path.unlink()
    assert snapshot.read(str(journal_path)) is None


def test_an_unchanged_journal_leaves_the_painted_list_as_it_is(qtbot, journal_path, settings):
    fill(journal_path)
    run_once(qtbot, journal_path, settings)
    window = MainWindow(app._stand_in(str(journal_path)), settings, timeline_after_paint=True,
                        opener=lambda _window: Journal.open(journal_path))
    qtbot.addWidget(window)
    resets = []
    window.props_model.modelReset.connect(lambda: resets.append(1))
    window.show()
    qtbot.waitUntil(lambda: not window.from_snapshot, timeout=10000)
    assert resets == []  # not sorted and laid out again: where the person scrolled or clicked stays
    assert sorted(listed(window)) == ["I should work at a large lab", "Scaling alone gets to AGI"]


def test_every_field_of_what_the_window_shows_comes_back_as_it_was(tmp_path):
    from dataclasses import fields
    from datetime import datetime, timedelta

    from beliefupdate.domain.types import (
        Conversation,
        ConversationOverview,
        Kind,
        Proposition,
        PropositionSummary,
        Resolution,
    )

    when = datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)
    prop = Proposition("p1", 7, "Text «quoted»", "notes\nmore", ("ai", "work"), when, archived=True,
                       resolution=Resolution.FALSE, resolved_at=when + timedelta(days=2), version=5)
    summary = PropositionSummary(prop, 0.25, 0.5, when, credence_count=9, recent=(0.1, 0.5, 0.25),
                                 moved_from=0.5, moved_at=when - timedelta(hours=3))
    conv = Conversation("c1", 3, "Chat", "person-1", Kind.AI, when, notes="n", pre="# Pre", post="*Post*",
                        person_name="Sam", version=4)
    overview = ConversationOverview(conv, 2, 1, 0.3, 1)
    for record in (prop, summary, conv, overview):  # every field differs from its default, or this proves less
        for f in fields(record):
            assert getattr(record, f.name) != f.default, f.name
    journal = tmp_path / "j.sqlite3"
    journal.write_bytes(b"")
    snapshot.write(str(journal), [summary], [overview])
    kept = snapshot.read(str(journal))
    assert kept.summaries == [summary] and kept.timeline == [overview]
    assert kept.summaries[0].proposition.version == 5 and kept.timeline[0].conversation.version == 4
    assert kept.summaries[0].proposition.created_at.tzinfo is not None


def test_the_stand_in_answers_the_windows_reads_as_the_journal_does(journal_path):
    """Until the journal is open the window reads the stand-in for the list and the timeline: any read
    it makes there (a few records shown again, the list without its trend) must give what the journal gives."""
    old = fill(journal_path)
    with Journal.open(journal_path) as j:
        j.set_archived([old.id], True)
        snapshot.write(str(journal_path), j.summaries(include_archived=True), j.conversation_overviews())
        stand_in = app._stand_in(str(journal_path))
        conversation = j.conversation_overviews()[0].conversation.id
        for include_archived in (False, True):
            for trend in (False, True):
                for ids in (None, [old.id], [old.id, "no-such-id"], []):
                    asked = dict(include_archived=include_archived, trend=trend, ids=ids)
                    assert stand_in.summaries(**asked) == j.summaries(**asked), asked
        for ids in (None, [conversation], ["no-such-id"]):
            assert stand_in.conversation_overviews(ids) == j.conversation_overviews(ids)
        assert stand_in.location == j.location


def test_what_the_snapshot_does_not_hold_waits_for_the_journal(journal_path, settings, qtbot):
    fill(journal_path)
    run_once(qtbot, journal_path, settings)
    window = MainWindow(app._stand_in(str(journal_path)), settings, timeline_after_paint=True,
                        opener=lambda _window: Journal.open(journal_path))
    qtbot.addWidget(window)
    stand_in = window.session.reader
    for read in (lambda: stand_in.history("p"), lambda: stand_in.cruxes(), lambda: stand_in.proposition_ids(),
                 lambda: window.session.journal.people()):
        with pytest.raises(snapshot.StillOpening, match="still opening"):
            read()
    # An edit asked for before the journal is open says why it waited, in one line; nothing is written.
    window.selection.select_propositions([s.proposition.id for s in stand_in.summaries()])
    window.actions_["archive"].trigger()
    assert window.statusBar().currentMessage() == "the journal is still opening; try again in a moment"
    window.show()
    qtbot.waitUntil(lambda: not window.from_snapshot, timeout=10000)
    assert not any(s.proposition.archived for s in window.session.journal.summaries(include_archived=True))
