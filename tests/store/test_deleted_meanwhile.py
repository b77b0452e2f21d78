"""A write on a server about a proposition another device is deleting at that moment.

The write reads the proposition (still there: the deletion is not committed yet), then
its insert waits for the deleting device, which commits. Whatever the write was, the
person is told in one line that the proposition is gone, as on SQLite, where the two
take turns; never a database error.
"""

from __future__ import annotations

import threading

import psycopg
import pytest

from beliefupdate.domain.errors import NotFound
from beliefupdate.store.journal import Journal

pytestmark = pytest.mark.postgresql

WRITES = {
    "check-in": lambda j, gone, kept: j.check_in(gone, 0.4),
    "crux": lambda j, gone, kept: j.set_crux(kept, gone, 0.4, 0.6),
}


def _waiting_on_a_lock(admin: psycopg.Connection, pid: int) -> bool:
    row = admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()
    return row is not None and row[0] == "Lock"


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_on_a_proposition_deleted_meanwhile_says_it_is_gone(server_db, write):
    with Journal.open(server_db) as journal:
        gone = journal.add_proposition("Timelines are short").id
        kept = journal.add_proposition("I should work at a large lab").id
        journal.engine.dispose()
        with journal.engine.connect() as probe:  # the one pooled connection the write will use
            pid = probe.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        deleter = psycopg.connect(server_db)
        admin = psycopg.connect(server_db, autocommit=True)
        deleter.execute("DELETE FROM propositions WHERE id = %s", (gone,))
        outcome: list[BaseException | object] = []

        def run() -> None:
            try:
                outcome.append(WRITES[write](journal, gone, kept))
            except BaseException as e:
                outcome.append(e)

        thread = threading.Thread(target=run)
        thread.start()
        # The write has read the proposition and waits for the deleting device: now it commits.
        for _ in range(200_000):
            if _waiting_on_a_lock(admin, pid) or not thread.is_alive():
                break
        deleter.commit()
        thread.join(timeout=60)
        deleter.close()
        admin.close()
    assert len(outcome) == 1
    assert isinstance(outcome[0], NotFound), repr(outcome[0])
    assert str(outcome[0]) == f"no proposition with id {gone}"
