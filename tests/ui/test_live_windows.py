"""A window shows what other programs and devices write, once, and its own writes once."""

import pytest
from PySide6.QtCore import Qt

from beliefupdate.store.journal import Journal
from beliefupdate.ui.models.propositions import PropositionsModel
from beliefupdate.ui.session import What
from beliefupdate.ui.watcher import ServerWatcher
from tests.ui.person import click_row, key, row_of, show

pytestmark = pytest.mark.server


def test_an_own_edit_refreshes_once_and_another_devices_write_shows_up(qtbot, window, journal):
    seen = []
    window.session.changed.connect(seen.append)
    show(qtbot, window)
    click_row(qtbot, window.props_view, row_of(window.props_view, PropositionsModel.TEXT, "AI safety is"))
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # archive
    before = window.props_model.rowCount()
    with Journal.open(journal.location.url) as device:
        device.add_proposition("Written on the laptop")
    qtbot.waitUntil(lambda: window.props_model.rowCount() == before + 1, timeout=3000)
    # Its own write was heard too (it came before the other one) and was not taken for a change.
    assert seen == [What.PROPOSITIONS, What.ALL]
    assert "changed by another program" in window.statusBar().currentMessage()


@pytest.mark.postgresql
def test_a_window_keeps_listening_after_the_server_dropped_its_connection(qtbot, server_db):
    import psycopg

    from tests import backends

    with Journal.open(server_db) as journal, Journal.open(server_db) as device:
        watcher = ServerWatcher(journal, reconnect_ms=20)
        with (qtbot.waitSignal(watcher.changed, timeout=5000),
              psycopg.connect(backends.admin_url(), autocommit=True) as admin):
            admin.execute("SELECT pg_terminate_backend(%s)", (watcher._source._conn.info.backend_pid,))
        qtbot.waitUntil(lambda: watcher._source.connected, timeout=5000)
        with qtbot.waitSignal(watcher.changed, timeout=5000):
            device.add_proposition("Written while the window was reconnecting")
        watcher.close()
