"""store.db_errors: a server that cannot be used is named in one line, without its password; told apart
by the driver's flags and a second question to the server, not by the wording of its messages."""

import pytest
from sqlalchemy.engine import make_url

from beliefupdate.domain.errors import ServerUnavailable
from beliefupdate.store.db_errors import connect_failure, user_error
from beliefupdate.store.location import resolve

pytestmark = pytest.mark.postgresql


def _failure(url: str) -> ServerUnavailable | None:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    location, _ = resolve(url)
    engine = create_engine(location.url)
    try:
        engine.connect().close()
    except DBAPIError as e:
        return connect_failure(e, engine.url, location.display)
    finally:
        engine.dispose()
    raise AssertionError("it connected")


def _with(url: str, **parts) -> str:
    return make_url(url).set(**parts).render_as_string(hide_password=False)


def _bare(url: str) -> str:
    return resolve(url)[0].reopen_spec


@pytest.mark.parametrize("change, reason, says", [
    (lambda u: _with(u, password="not-the-password"), ServerUnavailable.AUTH, "refused the password"),
    (_bare, ServerUnavailable.AUTH, "wants a password"),
    (lambda u: _with(u, database="no_such_journal"), ServerUnavailable.NO_DATABASE, "has no database"),
    (lambda u: _with(u, port=1), ServerUnavailable.UNREACHABLE, "cannot reach a PostgreSQL server"),
])
def test_each_way_a_server_refuses_has_its_reason_and_one_line(server_db, monkeypatch, change, reason, says):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")  # the password comes from the URL or nowhere
    url = change(server_db)
    error = _failure(url)
    assert error is not None and error.reason == reason
    message = str(error)
    assert says in message and "\n" not in message
    password = make_url(server_db).password
    assert password not in message
    assert make_url(url).host in message  # names the server


def test_other_database_errors_are_not_about_the_server(server_db):
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    engine = create_engine(resolve(server_db)[0].url)
    with pytest.raises(DBAPIError) as raised, engine.connect() as conn:
        conn.execute(text("SELECT * FROM no_such_table"))
    engine.dispose()
    assert user_error(raised.value, "somewhere") is None  # a bug, not the server's state
    assert user_error(ValueError("not a driver error"), "somewhere") is None


def test_a_connection_the_server_ended_is_lost(server_db):
    import psycopg
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError

    from tests import backends

    engine = create_engine(resolve(server_db)[0].url)
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with psycopg.connect(backends.admin_url(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(DBAPIError) as raised:
            conn.execute(text("SELECT 1"))
    engine.dispose()
    error = user_error(raised.value, "the journal")
    assert error is not None and error.reason == ServerUnavailable.LOST
