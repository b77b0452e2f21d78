"""A journal on a server that cannot be used says why in one line, exit 2, and never shows the password."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy.engine import make_url

from tests import backends

pytestmark = pytest.mark.postgresql


@pytest.fixture
def server():
    if backends.admin_url() is None:
        pytest.skip(backends.why_no_server())
    with backends.database() as url:
        yield make_url(url)


def run(db: str, *argv: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "beliefupdate", "--db", db, *argv],
                          capture_output=True, text=True, env=env, timeout=60)


def url_with(server, **changes) -> str:
    return server.set(**changes).render_as_string(hide_password=False)


@pytest.mark.parametrize(
    "change, words",
    [
        ({"password": "not-the-password"}, "refused the password for beliefupdate_test"),
        ({"database": "no_such_journal"}, "has no database 'no_such_journal'; create it first"),
        ({"port": 1}, "cannot reach a PostgreSQL server at 127.0.0.1:1"),
    ],
    ids=["wrong password", "unknown database", "no server"],
)
def test_a_server_that_cannot_be_used_says_why_in_one_line(server, change, words):
    for command in (["list"], ["add", "Timelines are short"]):
        done = run(url_with(server, **change), *command)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and done.stdout == ""
        assert server.password not in done.stderr and "not-the-password" not in done.stderr


def test_no_password_given_names_where_one_can_come_from(server):
    done = run(url_with(server).replace(f":{server.password}@", "@"), "list")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "wants a password for beliefupdate_test" in done.stderr and "~/.pgpass" in done.stderr


def test_the_password_may_come_from_pgpassword_or_pgpass(server, tmp_path):
    bare = url_with(server).replace(f":{server.password}@", "@")
    assert run(bare, "add", "From PGPASSWORD", env_extra={"PGPASSWORD": server.password}).returncode == 0
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{server.host}:{server.port}:{server.database}:{server.username}:{server.password}\n")
    pgpass.chmod(0o600)
    done = run(bare, "list", env_extra={"PGPASSFILE": str(pgpass)})
    assert done.returncode == 0 and "From PGPASSWORD" in done.stdout


def test_a_server_too_old_is_named(server, monkeypatch, capsys):
    from beliefupdate.cli import main
    from beliefupdate.store import db_errors

    monkeypatch.setattr(db_errors, "MIN_SERVER_VERSION", 990000)
    assert main(["--db", url_with(server), "list"]) == 2
    err = capsys.readouterr().err
    assert "runs PostgreSQL 15." in err and "needs 99 or newer" in err and err.count("\n") == 1
    assert server.password not in err


def test_a_connection_lost_mid_session_is_picked_up_again(server):
    """The server dropped the connection between two commands (a restart, a network blip): the next
    one reconnects instead of failing."""
    import psycopg

    from beliefupdate.store.journal import Journal

    with Journal.open(url_with(server)) as j:
        j.add_proposition("Before the blip")
        with psycopg.connect(backends.admin_url(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                          (server.database,))
        j.add_proposition("After the blip")
        assert [p.text for p in j.propositions()] == ["Before the blip", "After the blip"]


def test_at_a_terminal_the_password_is_asked_for_and_not_kept(server, monkeypatch, capsys, tmp_path):
    import getpass

    from beliefupdate.cli import main

    asked = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or server.password)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setenv("HOME", str(tmp_path))
    bare = url_with(server).replace(f":{server.password}@", "@")
    assert main(["--db", bare, "add", "Typed at the prompt"]) == 0
    assert len(asked) == 1 and "beliefupdate_test@127.0.0.1" in asked[0] and server.password not in asked[0]
    out = capsys.readouterr()
    assert server.password not in out.out + out.err
    assert not any(server.password in p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file())


def test_a_server_gone_midway_is_said_in_one_line_and_nothing_is_half_written(server, capsys):
    """The database disappears (or the server stops) while the journal is open: the next write says so."""
    import psycopg

    from beliefupdate.domain.errors import ServerUnavailable
    from beliefupdate.store.journal import Journal

    j = Journal.open(url_with(server))
    try:
        j.add_proposition("Before the server went away")
        with psycopg.connect(backends.admin_url(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{server.database}" WITH (FORCE)')
        with pytest.raises(ServerUnavailable) as raised:
            j.add_proposition("After")
        assert "cannot reach the server holding" in str(raised.value) and "\n" not in str(raised.value)
        assert server.password not in str(raised.value)
    finally:
        j.close()
