"""Names of the files SQLite keeps beside a journal: its -wal, -shm and -journal.

A leaf: everything that looks beside a journal needs these names, so they depend on nothing.
"""

from __future__ import annotations

from pathlib import Path

SIDECARS = ("-wal", "-shm", "-journal")


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
