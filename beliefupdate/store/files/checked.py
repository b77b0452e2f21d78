"""Remembering which journal files passed their integrity check, so that an unchanged one is not read whole again.

SQLite's quick_check reads every page: half a second and more for a journal of years,
on every command. A file that passed and has not changed since cannot have been
damaged by a write, so its pass is kept in the user's cache folder, keyed by what any
write changes: the device, inode, size, modification and status-change times of the
file and of its write-ahead log. The status-change time cannot be set back by a
program as the modification time can. A pass counts for a day at most, so that damage
no write made (a failing disk) is still looked for daily.

The record holds numbers only, no file names or contents. Losing it, or failing to
read or write it, only means the next open checks again.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from beliefupdate import __version__
from beliefupdate.store.atomic import atomic_text

RECORD_NAME = "checked-journals.json"
KEEP = 32  # files remembered; the oldest passes are forgotten first
# KEEP entries take a few kilobytes; more is not a record this module wrote.
LIMIT = 256 * 1024
VALID_SECONDS = 24 * 3600
# A file changed this recently could be changed again within the same tick of its
# clock without its times moving (a coarse clock, FAT's two seconds): its pass is not kept.
SETTLED_NS = 3_000_000_000


def record_path() -> Path:
    from beliefupdate.store.location import cache_folder

    return cache_folder() / RECORD_NAME


def fingerprint(path: Path) -> str | None:
    """What any write to the journal or its log changes; None if either cannot be looked at."""
    parts = []
    for f in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(f)
        except FileNotFoundError:
            parts.append("-")
            continue
        except OSError:
            return None
        if st.st_size == 0 and f is not path:
            # An empty log holds nothing: SQLite makes and removes one as connections come and go.
            parts.append("-")
            continue
        parts.append(f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}")
    return "|".join(parts)


def passed_revision(key: str | None) -> str | None:
    """The schema revision recorded with a pass of the file as ``key`` describes it, if one counts still."""
    if key is None:
        return None
    entry = _read().get(key)
    if not isinstance(entry, dict) or entry.get("version") != __version__:
        return None
    checked_at, revision = entry.get("at"), entry.get("revision")
    if not isinstance(checked_at, (int, float)) or not isinstance(revision, str):
        return None
    if not 0 <= time.time() - checked_at < VALID_SECONDS:
        return None
    return revision


def remember(path: Path, key: str | None, revision: str, started: float) -> None:
    """Record that the file passed a check begun at ``started`` (time.time()) when it was as ``key`` describes.

    Nothing is recorded if the file changed meanwhile, or so shortly before the check
    that a later write might leave its times as they are.
    """
    if key is None or fingerprint(path) != key:
        return
    newest = max((int(part.split(":")[3]) for part in key.split("|") if part != "-"), default=0)
    if newest > started * 1e9 - SETTLED_NS:
        return
    entries = {k: v for k, v in _read().items() if k != key}
    entries[key] = {"revision": revision, "at": started, "version": __version__}
    target = record_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with atomic_text(target) as f:
            json.dump(dict(list(entries.items())[-KEEP:]), f)
    except OSError:
        pass  # a cache: the next open checks again


def _read() -> dict[str, Any]:
    # Read by every command before it opens a journal: a FIFO here once blocked them all, and a
    # symlink to /dev/zero filled the memory. The cache file reader refuses both and removes them.
    from beliefupdate.store.cache_file import discard, load_json

    data = load_json(record_path(), LIMIT)
    if data is not None and not isinstance(data, dict):
        discard(record_path())
        return {}
    return data or {}
