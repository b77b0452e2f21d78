"""Engine set-up. SQLite-specific pragmas are set here and only here."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

BUSY_TIMEOUT_MS = 5000
BUSY_TIMEOUT_ENV = "BELIEFUPDATE_BUSY_TIMEOUT_MS"
SERVER_CONNECT_TIMEOUT_S = 10


def busy_timeout_ms() -> int:
    """How long a writer waits for another one before giving up (tests shorten it)."""
    try:
        return max(0, int(os.environ[BUSY_TIMEOUT_ENV]))
    except (KeyError, ValueError):
        return BUSY_TIMEOUT_MS


def make_engine(url: str) -> Engine:
    # Errors name the statement but not its parameters, which are journal text:
    # a traceback goes to the log file and into bug reports.
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms() / 1000}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling is bypassed so that writers can take
        # the write lock up front (BEGIN IMMEDIATE): a deferred transaction that
        # later wants to write fails at once with "database is locked" instead of
        # waiting out the busy timeout.
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    from beliefupdate.store.models import for_postgresql

    for_postgresql()
    from sqlalchemy.engine import make_url

    # libpq waits for a host that has gone from the network as long as TCP does (about two
    # minutes), and a window reads its list on the UI thread; the URL may say otherwise.
    connect_args = {} if "connect_timeout" in make_url(url).query else {"connect_timeout": SERVER_CONNECT_TIMEOUT_S}
    # A server may drop idle connections (a restart, a network blip, a timeout): each unit of
    # work checks its pooled connection first and opens a new one instead of failing.
    return create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cursor.execute("PRAGMA journal_mode = WAL")
    # A journal must survive power loss; writes are human-paced, so FULL costs nothing noticeable.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def writer(engine: Engine) -> Engine:
    """The same engine, beginning transactions that will write."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="IMMEDIATE")
    return engine


def connect_readonly(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection that cannot write to ``path``.

    The file name goes into a ``file:`` URI percent-encoded: a raw '#' or '?'
    would cut the name short and open (or create) some other file. ``immutable``
    also keeps SQLite from creating -wal/-shm files beside it; only for a file
    that no one has open (it has no -wal file).
    """
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?{query}", uri=True, timeout=busy_timeout_ms() / 1000)
