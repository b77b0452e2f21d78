"""A journal URL that cannot be used is refused in one line, exit 2, and its password is in no message,
whatever the URL looks like; a credence starting with '-' is read (and refused) as a credence."""

from __future__ import annotations

import logging
from urllib.parse import unquote

import pytest

from beliefupdate.cli import main
from beliefupdate.store.journal import Journal
from beliefupdate.store.location import mask_passwords, resolve
from tests.command import Cli

# Each password holds SECRET and maybe one of these: none may show anywhere, raw or decoded.
FRAGMENTS = ("SECRET", "Zq1", "Zq2", "Zq3", "Zq4", "Zq5")

NOWHERE = "127.0.0.1:1"  # nothing listens on port 1: a URL that gets as far as connecting fails at once

MALFORMED = {
    # The schemes people write for PostgreSQL, and others.
    "postgres alias": f"postgres://bu:SECRET@{NOWHERE}/journal",
    "psycopg2 driver": "postgresql+psycopg2://bu:SECRET@127.0.0.1:5432/journal",
    "asyncpg driver": "postgresql+asyncpg://bu:SECRET@127.0.0.1:5432/journal",
    "postgres psycopg2": "postgres+psycopg2://bu:SECRET@127.0.0.1:5432/journal",
    "mysql": "mysql://bu:SECRET@127.0.0.1:5432/journal",
    "mysql driver": "mysql+pymysql://bu:SECRET@127.0.0.1/journal",
    "oracle": "oracle://bu:SECRET@127.0.0.1/journal",
    "unknown scheme": "mongodb://bu:SECRET@127.0.0.1/journal",
    "ftp": "ftp://bu:SECRET@example.org/journal",
    "capital scheme": "PostgreSQL://bu:SECRET@127.0.0.1/journal",
    "space in scheme": "postgre sql://bu:SECRET@127.0.0.1/journal",
    "empty scheme": "://bu:SECRET@127.0.0.1/journal",
    # Ports and hosts.
    "port not a number": "postgresql://bu:SECRET@127.0.0.1:notaport/journal",
    "port too large": "postgresql://bu:SECRET@127.0.0.1:99999/journal",
    "port zero": "postgresql://bu:SECRET@127.0.0.1:0/journal",
    "unclosed ipv6": "postgresql://bu:SECRET@[::1:55432/journal",
    "unopened ipv6": "postgresql://bu:SECRET@::1]:55432/journal",
    "bracket in host": "postgresql://bu:SECRET@ho[st:5432/journal",
    "empty host": "postgresql://bu:SECRET@:1/journal",
    "unknown host": "postgresql://bu:SECRET@no-such-host.invalid/journal",
    "port option not a number": "postgresql://bu:SECRET@/journal?port=notaport",
    # Options.
    "timeout not a number": "postgresql://bu:SECRET@127.0.0.1/journal?connect_timeout=abc",
    "negative timeout": "postgresql://bu:SECRET@127.0.0.1/journal?connect_timeout=-5",
    "bad sslmode": f"postgresql://bu:SECRET@{NOWHERE}/journal?sslmode=bogus",
    "bad keepalives": "postgresql://bu:SECRET@127.0.0.1/journal?keepalives=yes",
    "bad session attrs": "postgresql://bu:SECRET@127.0.0.1/journal?target_session_attrs=writable",
    "unknown option": "postgresql://bu:SECRET@127.0.0.1/journal?colour=blue",
    "option twice": "postgresql://bu:SECRET@127.0.0.1/journal?sslmode=require&sslmode=disable",
    "password option": f"postgresql://bu@{NOWHERE}/journal?password=SECRET",
    "password option and a bad one": "postgresql://bu@127.0.0.1/journal?password=SECRET&colour=blue",
    "password option with @": "postgresql://bu@127.0.0.1:5/journal?password=SECRET@Zq1&sslmode=bogus",
    "ssl password option": "postgresql://bu@127.0.0.1/journal?sslpassword=SECRET&sslmode=bogus",
    # Passwords with URL syntax in them, raw and percent-encoded.
    "raw @ in password": "postgresql://bu:SECRET@Zq1@127.0.0.1/journal",
    "raw @ and : in password": "postgresql://bu:SE@Zq1:SECRET@127.0.0.1/journal",
    "raw : in password": f"postgresql://bu:SECRET:Zq2@{NOWHERE}/journal",
    "raw / in password": f"postgresql://bu:SECRET/Zq3@{NOWHERE}/journal",
    "raw ? in password": "postgresql://bu:SECRET?Zq4@127.0.0.1/journal",
    "encoded @ in password": f"postgresql://bu:SECRET%40Zq4@{NOWHERE}/journal",
    "encoded password": f"postgresql://bu:%53%45%43%52%45%54Zq5@{NOWHERE}/journal",
    "empty user": f"postgresql://:SECRET@{NOWHERE}/journal",
    "unicode password": f"postgresql://bu:SECRETé€😀@{NOWHERE}/journal",
    "unicode host": "postgresql://bu:SECRET@hôst:notaport/journal",
    "newline in URL": f"postgresql://bu:SECRET@{NOWHERE}/jour\nnal?sslmode=bogus",
    "very long database": f"postgresql://bu:SECRET@{NOWHERE}/{'j' * 5000}",
    "very long password": f"postgresql://bu:SECRET{'x' * 5000}@127.0.0.1:notaport/journal",
    "very long malformed": f"postgresql://bu:SECRET@127.0.0.1:notaport/{'j' * 20000}",
    "sqlite with options": "sqlite:///journal.sqlite3?password=SECRET",
    # '://' mistyped: otherwise a file name, named password and all in the message about it.
    "one slash": "postgresql:/bu:SECRET@127.0.0.1/journal",
    "no slash": "postgresql:bu:SECRET@127.0.0.1/journal",
    "no colon": "postgresql//bu:SECRET@127.0.0.1/journal",
    "one slash, alias": "postgres:/bu:SECRET@Zq1@127.0.0.1/journal",
}


def refusal(capsys, url: str, *command: str) -> str:
    code, out, err = Cli(url, capsys)(*(command or ("list",)))
    assert code == 2, (out, err)
    assert out == "" and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def assert_no_password(text: str) -> None:
    for shown in (text, unquote(text)):
        assert not any(f in shown for f in FRAGMENTS), shown


@pytest.fixture(autouse=True)
def no_stored_password(monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    monkeypatch.chdir(tmp_path)  # the sqlite case names a file here


@pytest.mark.parametrize("url", list(MALFORMED.values()), ids=list(MALFORMED))
def test_a_url_that_cannot_be_used_is_one_line_exit_2_without_its_password(url, capsys):
    for command in (("list",), ("add", "Rain tomorrow")):
        assert_no_password(refusal(capsys, url, *command))


@pytest.mark.parametrize("url", list(MALFORMED.values()), ids=list(MALFORMED))
def test_a_url_that_cannot_be_used_as_copy_to_destination_or_in_the_environment_is_refused_alike(
        url, tmp_path, capsys, monkeypatch):
    journal = str(tmp_path / "j.sqlite3")
    assert main(["--db", journal, "add", "Rain tomorrow"]) == 0
    capsys.readouterr()
    assert_no_password(refusal(capsys, journal, "copy-to", url))
    monkeypatch.setenv("BELIEFUPDATE_DB", url)
    for command in (["list"], ["backups"]):
        code = main(command)
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1, err
        assert_no_password(err)


@pytest.mark.parametrize("name", ["notes:2024@home.sqlite3", "me@home:journal.sqlite3", "postgresql.sqlite3",
                                  "sqlite-journal.sqlite3"])
def test_a_file_name_with_a_colon_or_an_at_is_still_a_file(name, tmp_path, capsys):
    assert main(["--db", name, "add", "Rain tomorrow"]) == 0  # relative to tmp_path, the working folder here
    assert (tmp_path / name).is_file()


@pytest.mark.parametrize("url, says", [
    ("postgresql://bu:SECRET@127.0.0.1:notaport/journal", "the port after the host is not a number"),
    ("postgresql://bu:SECRET@[::1:55432/journal", "needs its closing ']'"),
    ("postgresql://bu:SECRET@127.0.0.1:70000/journal", "the port 70000 is not one from 1 to 65535"),
    ("postgresql://bu:SECRET@127.0.0.1/journal?connect_timeout=abc", "connect_timeout 'abc' is not a whole number"),
    ("postgresql://bu:SECRET@127.0.0.1/journal?sslmode=bogus", "sslmode 'bogus' is not one of disable, allow"),
    ("postgresql://bu:SECRET@127.0.0.1/journal?colour=blue", "'colour' is not a PostgreSQL connection option"),
    ("postgresql+psycopg2://bu:SECRET@127.0.0.1/journal", "through psycopg only"),
    ("mysql://bu:SECRET@127.0.0.1/journal", "mysql"),
])
def test_a_malformed_url_says_what_is_wrong_with_it(url, says, capsys):
    err = refusal(capsys, url)
    assert says in err and "refused" not in err, err
    assert "bu:***@127.0.0.1" in err or "bu:***@[" in err  # which URL it was, masked


def test_what_a_url_is_remembered_and_shown_as_leaves_a_password_in_the_query_out():
    location, _ = resolve("postgresql://bu@db.example/journal?password=SECRET&sslmode=require")
    assert location.has_password
    assert "SECRET" not in location.display and "sslmode=require" in location.display
    assert "SECRET" not in location.reopen_spec and "password" not in location.reopen_spec
    assert resolve(location.reopen_spec)[0].display == location.display.replace("password=***&", "")
    # A password typed in when asked replaces the one in the query, which libpq would prefer.
    typed = location.with_password("typed-in")
    assert "SECRET" not in typed.url and ":typed-in@" in typed.url and "sslmode=require" in typed.url


@pytest.mark.parametrize("line", [
    "could not reach postgresql://bu:SE/CRET@127.0.0.1/journal (lost)",
    "could not reach 'postgresql://bu:SECRET@Zq1@127.0.0.1/journal', retrying",
    "sqlalchemy.exc.ArgumentError: mysql+pymysql://bu:SECRET:Zq2@h/j",
    "opened postgresql://bu@h/journal?sslmode=require&password=SECRET",
    "two: postgres://a:SECRET@h/x and postgresql://b:Zq3@h/y",
])
def test_the_log_masks_passwords_of_every_shape(line, tmp_path):
    from beliefupdate.ui.crash import log, setup_logging

    log_file = setup_logging(tmp_path / "logs")
    try:
        log.warning("%s", line)
        assert_no_password(mask_passwords(line))
        written = log_file.read_text(encoding="utf-8")
    finally:
        for h in list(log.handlers):
            if isinstance(h, logging.FileHandler):
                log.removeHandler(h)
                h.close()
    assert "could not" in written or "opened" in written or "two" in written or "ArgumentError" in written
    assert_no_password(written)


@pytest.mark.postgresql
def test_postgres_is_accepted_as_the_alias_it_is(server_db, capsys):
    alias = "postgres://" + server_db.split("://", 1)[1]
    assert main(["--db", alias, "add", "Rain tomorrow"]) == 0
    assert main(["--db", alias, "list"]) == 0
    assert "Rain tomorrow" in capsys.readouterr().out
    with Journal.open(server_db) as journal:
        assert [s.proposition.text for s in journal.summaries()] == ["Rain tomorrow"]


@pytest.mark.postgresql
def test_options_a_server_will_not_take_are_named_not_taken_for_a_refused_login(server_db, capsys):
    # The test server offers no SSL: the user and password are right, the option is in the way.
    err = refusal(capsys, server_db + "?sslmode=require")
    assert "with the URL's options (sslmode); check them" in err and "password" not in err


# -- credences that start with '-' ------------------------------------------------------------

@pytest.fixture
def two_props(tmp_path, capsys):
    cli = Cli(tmp_path / "j.sqlite3", capsys)
    cli.ok("add", "Rain tomorrow")
    cli.ok("add", "Snow in May")
    cli.ok("log", "Talk", "--credence", "1", "40%", "-")
    return cli


COMMANDS = {
    "checkin": ["checkin", "1", "{v}"],
    "log before": ["log", "Talk", "--credence", "1", "{v}", "50%"],
    "log after": ["log", "Talk", "--credence", "1", "50%", "{v}"],
    "log new": ["log", "Talk", "--new-credence", "Hail", "{v}"],
    "log expect": ["log", "Talk", "--credence", "1", "40%", "50%", "--expect", "1", "{v}"],
    "finish": ["finish", "1", "--credence", "1", "{v}"],
    "finish new": ["finish", "1", "--new-credence", "Hail", "{v}"],
    "crux if true": ["crux", "add", "1", "--on", "2", "--if-true", "{v}", "--if-false", "50%"],
    "crux if false": ["crux", "add", "1", "--on", "2", "--if-true", "50%", "--if-false", "{v}"],
}


@pytest.mark.parametrize("value, says", [
    ("-inf", "credence '-inf' is negative"),
    ("-5%", "credence '-5%' is negative"),
    ("-.3", "credence '-.3' is negative"),
    ("-1e3", "credence '-1e3' is negative"),
    ("-Infinity", "credence '-Infinity' is negative"),
    ("-nan", "cannot read '-nan' as a credence"),
    ("-x", "cannot read '-x' as a credence"),
])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_credence_starting_with_a_dash_is_refused_by_the_credence_parser(two_props, command, value, says):
    argv = [a.format(v=value) for a in COMMANDS[command]]
    code, _out, err = two_props(*argv)
    assert code == 2 and err.count("\n") == 1, err
    assert says in err, err
    assert "required" not in err and "expected one argument" not in err and "unrecognized" not in err


def test_options_of_a_command_are_still_options(two_props):
    two_props.ok("checkin", "1", "55%", "--note", "-why")
    assert "unrecognized arguments: -z" in two_props.fails("list", "-z")
    assert "unrecognized arguments: --bogus" in two_props.fails("list", "--bogus")
