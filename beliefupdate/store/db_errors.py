"""What a database error means for the person using the journal.

Errors are read by their type and their code (PostgreSQL's SQLSTATE, SQLite's
error name), never by their message text, which changes with versions and
languages. A connection that fails gives no SQLSTATE (libpq does not report
one), so :func:`connect_failure` asks the server a second, simpler question
to tell a wrong password from a missing database from no server at all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from beliefupdate.domain.errors import ChangedElsewhere, JournalUnavailable, ServerUnavailable, UserError

# PostgreSQL releases this app is tested with and needs (partial indexes, ON CONFLICT,
# pg_notify): the oldest still supported by its developers when this was written.
MIN_SERVER_VERSION = 120000

# Another transaction got in the way; running the same unit of work again succeeds.
SERIALIZATION_FAILURE = "40001"
DEADLOCK_DETECTED = "40P01"
UNIQUE_VIOLATION = "23505"
# A record read a moment ago was deleted by another device before this one's insert pointed
# at it: run again, the unit of work reads it afresh and says it is gone ("no proposition ...").
# Nothing else breaks a reference: imports check every id they point at first.
FOREIGN_KEY_VIOLATION = "23503"
# Unique keys that two devices can race for, which a retry then sees taken: numbers,
# people's names, open propositions' texts, a conversation's before or after for a
# proposition, the link between two beliefs. The retry gives the clear answer (a new
# number, the same person, "proposition #3 already says that", "already has a before").
RACED_KEYS = frozenset({
    "uq_propositions_handle", "uq_conversations_handle", "uq_people_name_key", "uq_propositions_text_key_open",
    "uq_credences_conversation_id_proposition_id_phase", "uq_crux_links_proposition_id_on_id",
})


def sqlstate(e: BaseException) -> str | None:
    orig = getattr(e, "orig", e)
    state = getattr(orig, "sqlstate", None)
    return state if isinstance(state, str) else None


def _sqlite_name(e: DBAPIError) -> str:
    name = getattr(e.orig, "sqlite_errorname", None)
    return name if isinstance(name, str) else ""


def _constraint(e: DBAPIError) -> str | None:
    diag = getattr(e.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name if isinstance(name, str) else None


def should_retry(e: BaseException) -> bool:
    """Whether running the whole unit of work again is the answer."""
    if not isinstance(e, DBAPIError):
        return False
    state = sqlstate(e)
    if state in (SERIALIZATION_FAILURE, DEADLOCK_DETECTED, FOREIGN_KEY_VIOLATION):
        return True
    if state == UNIQUE_VIOLATION:
        return _constraint(e) in RACED_KEYS
    # SQLite names no constraint; it cannot race there anyway (writers take the lock first).
    return False


def user_error(e: BaseException, where: str) -> UserError | None:
    """The error to show for ``e`` on the journal at ``where`` (masked), or None for a bug."""
    if isinstance(e, StaleDataError):
        return ChangedElsewhere("a record changed elsewhere while this was being saved; nothing was saved, reloaded")
    if not isinstance(e, DBAPIError):
        return None
    if e.connection_invalidated or (sqlstate(e) or "").startswith(("08", "57P")):
        return ServerUnavailable(
            f"lost the connection to {where}; the last change may not have been saved, check and try again",
            ServerUnavailable.LOST,
        )
    state = sqlstate(e)
    if state is not None:
        return _postgres_error(state, where)
    if getattr(e.orig, "pgconn", None) is not None or _unanswered(e.orig):
        # The driver could not (re)connect midway: the server is down, or the database gone.
        return ServerUnavailable(
            f"cannot reach the server holding {where} any more; nothing was saved, try again when it is back",
            ServerUnavailable.UNREACHABLE,
        )
    return _sqlite_error(_sqlite_name(e), where, str(e.orig))


def _postgres_error(state: str, where: str) -> UserError | None:
    if state == "25006":
        return JournalUnavailable(f"{where} is read-only for this user (a standby server?); nothing was saved")
    if state == "42501":
        return JournalUnavailable(f"the user has no permission to change {where}; nothing was saved")
    if state == "53100":
        return JournalUnavailable(f"the server holding {where} is out of disk space; nothing was saved")
    if state.startswith("53"):
        return UserError(f"the server holding {where} is overloaded ({state}); try again")
    return None


def _sqlite_error(name: str, where: str, detail: str) -> UserError | None:
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return UserError(f"the journal {where} is busy (another program is writing to it); try again")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return JournalUnavailable(f"{where} is damaged ({detail}); restore one of its backups")
    if name.startswith("SQLITE_READONLY"):
        return JournalUnavailable(f"{where} has become read-only; nothing was saved")
    if name.startswith("SQLITE_FULL"):
        return JournalUnavailable(f"the disk holding {where} is full; nothing was saved")
    return None


def connect_failure(e: BaseException, url: Any, where: str) -> ServerUnavailable | None:
    """Why a connection to the server at ``url`` (a SQLAlchemy URL) failed, or None if it was not that.

    libpq reports no SQLSTATE for a failed connection, only whether the server asked
    for a password; so a second connection, to the server's own ``postgres`` database,
    tells a wrong password (that fails too) from a missing database (that works).
    """
    orig = getattr(e, "orig", e)
    pgconn = getattr(orig, "pgconn", None)
    if sqlstate(orig) is not None:
        return None
    if pgconn is None:
        if not _unanswered(orig):
            return None
        # psycopg looks the host name up itself, before libpq: a name that is not known, or
        # none of its addresses answering in time, fails with no connection to say more.
        return ServerUnavailable(
            f"cannot reach a PostgreSQL server at {_server(url)} (is the host name right, and is the server running?)",
            ServerUnavailable.UNREACHABLE,
        )
    user = url.username or "the default user"
    if getattr(pgconn, "needs_password", False):
        return ServerUnavailable(
            f"the server at {_server(url)} wants a password for {user}: give it in ~/.pgpass or $PGPASSWORD",
            ServerUnavailable.AUTH,
        )
    probe = _probe(url)
    if probe == "unreachable":
        return ServerUnavailable(
            f"cannot reach a PostgreSQL server at {_server(url)} (is it running, and is the address right?)",
            ServerUnavailable.UNREACHABLE,
        )
    if probe == "no-database":
        return ServerUnavailable(
            f"the server at {_server(url)} has no database {url.database!r}; create it first (createdb {url.database})",
            ServerUnavailable.NO_DATABASE,
        )
    if probe == "refused":
        how = "the password" if getattr(pgconn, "used_password", False) else "the login"
        return ServerUnavailable(
            f"the server at {_server(url)} refused {how} for {user}; check the user name and password",
            ServerUnavailable.AUTH,
        )
    if url.query:
        # The server lets this user into this database without them: one of them is in the way
        # (an SSL mode the server does not offer, a certificate file that is not there).
        options = ", ".join(sorted(url.query))
        return ServerUnavailable(
            f"cannot open {where}: the server refused the connection with the URL's options ({options}); check them",
            ServerUnavailable.UNREACHABLE,
        )
    return ServerUnavailable(f"cannot open {where}: the server refused the connection", ServerUnavailable.UNREACHABLE)


def _unanswered(orig: object) -> bool:
    """Whether ``orig`` is psycopg's failure to connect at all (its OperationalError, no SQLSTATE)."""
    import sys

    psycopg = sys.modules.get("psycopg")  # loaded whenever a server was tried; a file journal never loads it
    return psycopg is not None and isinstance(orig, psycopg.OperationalError) and sqlstate(orig) is None


def _server(url: Any) -> str:
    host = url.host or "localhost"
    return f"{host}:{url.port}" if url.port else host


def _probe(url: Any) -> str:
    """'unreachable', 'no-database' (the server lets us in elsewhere), 'refused' (it does not), or 'other'."""
    import psycopg

    params: dict[str, Any] = {"dbname": "postgres", "connect_timeout": 5}
    for key, value in (("host", url.host), ("port", url.port), ("user", url.username), ("password", url.password)):
        if value is not None:
            params[key] = value
    try:
        conn = psycopg.connect(**params)
    except psycopg.OperationalError as e:
        pgconn = getattr(e, "pgconn", None)
        # Never asked for a password: nothing answered (or, rarely, the server's pg_hba.conf
        # rejects this user outright, which looks the same from here).
        reached = pgconn is not None and (pgconn.used_password or pgconn.needs_password)
        return "refused" if reached else "unreachable"
    with conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)).fetchone()
    return "other" if found else "no-database"


def check_server_version(conn: Any, where: str) -> None:
    number = int(conn.exec_driver_sql("SHOW server_version_num").scalar_one())
    if number < MIN_SERVER_VERSION:
        have = f"{number // 10000}.{number % 10000}" if number >= 100000 else str(number)
        raise ServerUnavailable(
            f"the server holding {where} runs PostgreSQL {have}; beliefupdate needs {MIN_SERVER_VERSION // 10000} or newer",
            ServerUnavailable.TOO_OLD,
        )
