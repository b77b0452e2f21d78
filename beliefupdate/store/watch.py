"""Noticing commits made to a journal file by other connections (the CLI, a second window)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from beliefupdate.store.engine import connect_readonly

# Every write to a journal on PostgreSQL sends this notification in its own transaction, so
# that it reaches the listeners (other windows, other devices) exactly when the write is
# committed, and never for a write that was rolled back.
CHANNEL = "beliefupdate_journal"


def announce_change(session) -> None:
    """Tell other connections, on commit, that the journal changed (SQLite has data_version instead)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


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
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
