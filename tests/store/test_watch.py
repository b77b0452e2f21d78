"""store.watch: how the app notices what other processes wrote (SQLite's data_version, PostgreSQL's notifications)."""

import select

import pytest

from beliefupdate.store.journal import Journal
from beliefupdate.store.watch import DataVersion, Notifications, writer_token


def test_a_commit_elsewhere_changes_the_data_version(tmp_path):
    path = tmp_path / "odd #name?%.sqlite3"  # characters that a raw file: URI would cut short
    with Journal.open(path) as journal:
        watch = DataVersion.open(path)
        assert watch is not None
        first = watch.current()
        assert watch.current() == first
        journal.add_proposition("Something changed")
        assert watch.current() != first
        watch.close()
        assert watch.current() is None
    # nothing was opened (or created) under a name cut short at '#' or '?'
    assert all(p.name.startswith("odd #name?%.sqlite3") for p in tmp_path.iterdir() if p.is_file())


def test_a_missing_file_is_not_created(tmp_path):
    assert DataVersion.open(tmp_path / "missing.sqlite3") is None
    assert list(tmp_path.iterdir()) == []


def test_a_restore_by_another_program_changes_the_data_version(tmp_path):
    from beliefupdate.store.files.restore import restore_backup

    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.add_proposition("Before the backup")
        made = journal.back_up()
        journal.add_proposition("After the backup")
        watch = DataVersion.open(path)
        first = watch.current()
        restore_backup(path, made)  # as `beliefupdate restore` does, from another process
        assert watch.current() != first
        assert [p.text for p in journal.propositions()] == ["Before the backup"]
        watch.close()


def _readable(notifications: Notifications) -> bool:
    """Wait (without polling) until the listening socket has something to read."""
    ready, _, _ = select.select([notifications.fileno()], [], [], 10)
    return bool(ready)


@pytest.mark.postgresql
def test_a_write_by_another_journal_is_heard_and_a_write_of_ones_own_is_not(server_db):
    with Journal.open(server_db) as mine, Journal.open(server_db) as other:
        heard = Notifications(server_db)
        assert heard.connect()
        me = writer_token(mine.engine)
        mine.add_proposition("Written here")
        assert _readable(heard)
        assert not heard.pending(ignore=me), "this window's own write came back as a change"
        other.add_proposition("Written on another device")
        assert _readable(heard)
        assert heard.pending(ignore=me)
        assert not heard.pending(ignore=me)  # taken once
        heard.close()


@pytest.mark.postgresql
def test_a_lost_listening_connection_counts_as_a_change_and_listens_again(server_db):
    import psycopg

    from tests import backends

    with Journal.open(server_db) as journal:
        heard = Notifications(server_db)
        assert heard.connect()
        with psycopg.connect(backends.admin_url(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (heard._conn.info.backend_pid,))
        assert _readable(heard)
        assert heard.pending() and not heard.connected
        assert heard.connect()
        journal.add_proposition("Written after the server came back")
        assert _readable(heard)
        assert heard.pending()
        heard.close()


def test_a_server_that_cannot_be_reached_is_not_listened_to():
    heard = Notifications("postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    assert not heard.connect() and not heard.connected
    assert not heard.pending()
