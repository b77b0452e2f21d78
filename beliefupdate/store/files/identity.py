"""A journal's identity: the UUID stored inside it (schema revision 0003).

Backups are kept in a folder named by it, and a backup's own copy of it tells
whose backup it is, so two journals whose file names share a stem
(notes.sqlite3, notes.db) keep, list and restore only their own copies.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from beliefupdate.store.backups import canonical
from beliefupdate.store.engine import connect_readonly
from beliefupdate.store.files.sidecars import sidecar
from beliefupdate.store.files.wal import wal_problem


class Unreadable(Exception):
    """The file is missing or SQLite cannot read it: whether it has an identity is unknown."""


def read_identity(path: Path) -> str | None:
    """The UUID inside the journal or backup at ``path``, read-only; None if it was
    made before journals had one. Raises Unreadable if the file cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise Unreadable(path)
    wal = sidecar(path, "-wal")
    has_wal = wal.exists()
    # As files/journal_file.py does: a log SQLite would replay or drop unasked is not read at all.
    if has_wal and wal_problem(path, wal):
        raise Unreadable(path)
    try:
        # Without its -shm SQLite would create one beside the journal: the log is left
        # out instead (the identity is written once, and checkpointed when the app closes).
        conn = connect_readonly(path, immutable=not (has_wal and sidecar(path, "-shm").exists()))
        try:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_identity'").fetchone():
                row = conn.execute("SELECT uuid FROM journal_identity WHERE id = 1").fetchone()
            else:
                row = None
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise Unreadable(path) from e
    if row is None:
        return None
    return canonical(row[0])


def fresh_identity() -> str:
    return str(uuid.uuid4())
