"""A server that restarts under open windows: each keeps showing its journal as last read, says so in
one line in the status bar, tries again, and shows the journal as it is once the server is back."""

from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.engine import make_url

from beliefupdate.interchange.exchange import from_dict
from beliefupdate.store.journal import Journal
from beliefupdate.ui.insights.view import InsightsView
from beliefupdate.ui.models.propositions import PropositionsModel
from beliefupdate.ui.resources import sample_journal_dict
from tests import backends
from tests.ui.person import click_row, key, row_of, show

pytestmark = [pytest.mark.postgresql, pytest.mark.server]

BACK_WITHIN_MS = 30000  # the first tries come a second or two apart; the watcher's own every five


@contextmanager
def restarting(*urls: str):
    """The server as its windows see it while it restarts: every connection to these databases
    cut, and none let in again until the block ends."""
    import psycopg
    from psycopg import sql

    names = [make_url(u).database for u in urls]
    with psycopg.connect(backends.admin_url(), autocommit=True) as admin:
        try:
            for name in names:
                admin.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name)))
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          " WHERE datname = ANY(%s) AND pid <> pg_backend_pid()", (names,))
            yield
        finally:
            for name in names:
                admin.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(name)))


def status_line(window) -> str:
    """What the status bar says: its message and its lines of their own."""
    from PySide6.QtWidgets import QLabel

    bar = window.statusBar()
    parts = [bar.currentMessage()] + [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]
    return " | ".join(p for p in parts if p)


def away(window) -> str | None:
    """The line that says the server is away, if the status bar shows one."""
    return next((part for part in status_line(window).split(" | ") if "Cannot reach the server" in part), None)


def shown(window) -> dict:
    """What a person reads in the window."""
    model, convs = window.props_model, window.convs_model
    return {
        "propositions": [model.index(r, PropositionsModel.TEXT).data() for r in range(model.rowCount())],
        "timeline": [convs.index(r, 0).data() for r in range(convs.rowCount())],
        "proposition": (window.prop_details.title.text(), window.prop_details.model.rowCount()),
        "conversation": (window.conv_details.title.text(), window.conv_details.model.rowCount()),
        "chart": window.chart.shown_ids(),
        "chart data": window.chart.data is not None,
    }


@pytest.fixture
def windows(qtbot, make_window, server_db):
    """A window on a journal with the sample in it, a proposition and a conversation selected, Insights
    open; and one on another database of the same server, left alone."""
    with backends.database() as other_url:
        journal = Journal.open(server_db)
        journal.import_data(from_dict(sample_journal_dict()))
        other = Journal.open(other_url)
        other.add_proposition("Idle on another database")
        busy, idle = make_window(journal), make_window(other)
        try:
            show(qtbot, idle)
            show(qtbot, busy)
            qtbot.waitUntil(lambda: busy.convs_model.rowCount() > 0)
            click_row(qtbot, busy.props_view, row_of(busy.props_view, PropositionsModel.TEXT, "AI safety is"))
            click_row(qtbot, busy.convs_view, 0)
            qtbot.waitUntil(lambda: busy.prop_details.model.rowCount() > 0 and busy.conv_details.model.rowCount() > 0)
            key(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            qtbot.waitUntil(lambda: busy.findChild(InsightsView) is not None)
            qtbot.waitUntil(lambda: busy.findChild(InsightsView).current, timeout=10000)
            yield busy, idle, server_db, other_url
        finally:
            for w in (busy, idle):
                w.close()
            journal.close()
            other.close()


def test_a_restart_keeps_every_window_as_it_was_then_shows_the_journal_as_it_is(qtbot, windows, caplog):
    busy, idle, url, other_url = windows
    before, idle_before = shown(busy), shown(idle)
    insights = busy.findChild(InsightsView)
    measured = insights.insights
    password = make_url(url).password
    lines: list[str] = []

    def tried_again() -> bool:
        line = away(busy)
        if line and line not in lines:
            lines.append(line)
        return len(lines) >= 3  # each try that fails says when the next one comes

    with caplog.at_level(logging.INFO), restarting(url, other_url):
        # Each window hears its listening connection go, reads the journal again and meets the server away.
        qtbot.waitUntil(lambda: away(busy) is not None and away(idle) is not None, timeout=10000)
        # A person goes on looking meanwhile: View > Reload, another proposition.
        busy.reload()
        click_row(qtbot, busy.props_view, row_of(busy.props_view, PropositionsModel.TEXT, "Red-teaming and evals"))
        qtbot.waitUntil(tried_again, timeout=15000)
        for window in (busy, idle):
            line = away(window)
            assert line.startswith("Cannot reach the server holding") and "trying again" in line
            assert "\n" not in line and password not in line and "Traceback" not in line
        assert shown(idle) == idle_before
        after = shown(busy)
        assert after["propositions"] == before["propositions"] and after["timeline"] == before["timeline"]
        assert after["conversation"] == before["conversation"]  # the panes keep what they showed
        assert after["proposition"] == before["proposition"] and after["chart data"]
        qtbot.waitUntil(lambda: "last measured" in insights.status.text())  # between tries, each measuring again
        assert insights.insights is measured
    qtbot.waitUntil(lambda: away(busy) is None and away(idle) is None, timeout=BACK_WITHIN_MS)
    qtbot.waitUntil(lambda: busy.prop_details.title.text().find("Red-teaming and evals") >= 0)
    # Listening again: another device's write shows up in both windows' journals.
    with Journal.open(url) as device:
        device.add_proposition("Written after the restart")
    with Journal.open(other_url) as device:
        device.add_proposition("Also written after the restart")
    qtbot.waitUntil(lambda: "Written after the restart" in shown(busy)["propositions"], timeout=BACK_WITHIN_MS)
    qtbot.waitUntil(lambda: "Also written after the restart" in shown(idle)["propositions"], timeout=BACK_WITHIN_MS)
    qtbot.waitUntil(lambda: insights.current, timeout=10000)
    # Said once, as a warning, each time the server went and came back: nothing unhandled.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    for r in caplog.records:
        assert password not in r.getMessage()
