"""Noticing commits made to a journal by other connections (the CLI, a second window, another device).

SQLite: ``PRAGMA data_version`` (:class:`DataVersion`). PostgreSQL: LISTEN/NOTIFY
(:class:`Notifications`); no table is polled on either.
"""

from __future__ import annotations

import sqlite3
import uuid
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from beliefupdate.store.engine import connect_readonly

# Every write to a journal on PostgreSQL sends this notification in its own transaction, so
# that it reaches the listeners (other windows, other devices) exactly when the write is
# committed, and never for a write that was rolled back.
CHANNEL = "beliefupdate_journal"


# The payload names the engine that wrote, so that a window can tell its own writes (which it
# has already shown) from everyone else's however late the notification arrives. Keyed by the
# connection pool, which an engine shares with its execution_options() copies.
_writers: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def writer_token(bind: Engine | Connection) -> str:
    """What the notifications of writes made through ``bind`` (an Engine or Connection) carry."""
    pool = bind.engine.pool  # an Engine is its own .engine
    token = _writers.get(pool)
    if token is None:
        token = _writers[pool] = uuid.uuid4().hex
    return token


def announce_change(session: Session) -> None:
    """Tell other connections, on commit, that the journal changed (SQLite has data_version instead)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, :writer)"), {"channel": CHANNEL, "writer": writer_token(bind)})


class DataVersion:
    """SQLite's ``PRAGMA data_version`` on a read-only connection of its own.

    The value changes whenever any other connection commits to the file, this
    process's own Journal included. ``current()`` is None when it cannot be read.
    """

    def __init__(self, conn: sqlite3.Connection):
        self._conn: sqlite3.Connection | None = conn

    @classmethod
    def open(cls, path: Path) -> DataVersion | None:
        """Watch ``path``; None if it cannot be opened (then there is nothing to watch)."""
        try:
            conn = connect_readonly(path)
            conn.isolation_level = None
        except (sqlite3.Error, OSError):
            return None
        return cls(conn)

    def current(self) -> int | None:
        if self._conn is None:
            return None
        try:
            version: int = self._conn.execute("PRAGMA data_version").fetchone()[0]
            return version
        except sqlite3.Error:
            return None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class Notifications:
    """LISTEN on :data:`CHANNEL` on a dedicated autocommit connection to a PostgreSQL journal.

    Nothing blocks: :meth:`pending` takes what has arrived on the socket (watch
    :meth:`fileno` for it to become readable). A lost connection is reported once
    by ``pending`` (as a change: notifications may have been missed), and
    :meth:`connect` listens again.
    """

    CONNECT_TIMEOUT_S = 3  # a window reconnects on its UI thread: an unreachable host must not freeze it long

    def __init__(self, url: str):
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        self._args, self._params = parsed.get_dialect()().create_connect_args(parsed)
        self._conn: Any = None

    def connect(self) -> bool:
        """Start (or, after a lost connection, resume) listening; whether the server could be reached."""
        if self._conn is not None:
            return True
        import psycopg

        try:
            params = {"connect_timeout": self.CONNECT_TIMEOUT_S, **self._params}  # one in the URL wins
            conn = psycopg.connect(*self._args, autocommit=True, **params)
        except psycopg.Error:
            return False
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            conn.close()
            return False
        self._conn = conn
        return True

    @property
    def connected(self) -> bool:
        return self._conn is not None

    def fileno(self) -> int | None:
        return None if self._conn is None else self._conn.fileno()

    def pending(self, ignore: str | None = None) -> bool:
        """Whether anyone but the writer ``ignore`` (a :func:`writer_token`) committed since the last call.

        Also True once when the connection is lost; :attr:`connected` is then False.
        """
        if self._conn is None:
            return False
        import psycopg

        try:
            writers = [n.payload for n in self._conn.notifies(timeout=0)]
            if not writers:
                # Woken with nothing to hear: psycopg takes a server's goodbye (or a dropped
                # socket) quietly there, and only the next statement finds the connection gone.
                self._conn.execute("SELECT 1")
                # One that arrived meanwhile was read off the socket with the answer: take it now.
                writers = [n.payload for n in self._conn.notifies(timeout=0)]
        except psycopg.Error:
            self.close()
            return True
        return any(w != ignore for w in writers)

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()
