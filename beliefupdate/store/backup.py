"""Consistent copies of a SQLite journal, made with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from beliefupdate.store.engine import connect_readonly


def backups_dir(journal: Path) -> Path:
    return journal.parent / "backups"


def backup_to(journal: Path, target: Path) -> Path:
    """Copy ``journal`` to ``target`` consistently (readers and writers may be active)."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(target.name + ".part")
    source = connect_readonly(journal)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    os.chmod(tmp, 0o600)
    os.replace(tmp, target)
    return target


def backup_before_migration(journal: Path, from_revision: str) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name = f"{journal.stem}-before-migration-from-{from_revision}-{stamp}.sqlite3"
    return backup_to(journal, backups_dir(journal) / name)
