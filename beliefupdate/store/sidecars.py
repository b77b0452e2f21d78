"""Names of the files a journal keeps beside it: SQLite's own (its -wal, -shm and
-journal) and the folder its backups go in.

A leaf: everything that looks beside a journal needs these names, so they depend on nothing.
"""

from __future__ import annotations

from pathlib import Path

BACKUPS_FOLDER = "backups"
SIDECARS = ("-wal", "-shm", "-journal")


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
