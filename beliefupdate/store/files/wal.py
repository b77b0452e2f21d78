"""Whether a journal's write-ahead log (its ``-wal`` file) belongs to it.

SQLite replays whatever ``-wal`` lies beside a database, if its own checksums
hold, and silently drops one whose checksums do not: a log copied from another
journal swaps that journal's pages in, and a log with a flipped bit loses the
commits it held. Before SQLite sees a log, it is read here (see "WAL file
format" in SQLite's file format document): its header, and the chain of frames
up to the last commit, which is laid over the database in memory and checked
as a journal. Nothing is written: a log that does not fit is left for the user.

A log is normal when it is empty, holds only a header, or stops validating
after a commit (frames of an older generation, or a write cut off by a crash).
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)  # the low bit says the checksums are big-endian
_VERSION = 3007000
_HEADER = 32
_FRAME_HEADER = 24
_ATTEMPTS = 3  # a live writer may restart its log between two reads; it will not do so three times running


def wal_problem(db: Path, wal: Path) -> str | None:
    """Why ``wal`` cannot be ``db``'s write-ahead log, or None if it can be."""
    problem = None
    for _ in range(_ATTEMPTS):
        problem = _read_and_check(db, wal)
        if problem is None:
            return None
    return problem


def _read_and_check(db: Path, wal: Path) -> str | None:
    try:
        log = wal.read_bytes()
        with open(db, "rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return None
    if len(log) < _HEADER:
        return None  # no frame was ever written to it
    magic, version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", log[:_HEADER])
    big = bool(magic & 1)
    frame_size = _FRAME_HEADER + page_size
    has_frames = page_size > 0 and len(log) >= _HEADER + frame_size
    if magic not in _MAGIC or version != _VERSION or _checksum(log[:24], 0, 0, big) != (c1, c2):
        return "its write-ahead log (-wal) has a broken header" if has_frames else None
    if not has_frames:
        return None
    db_page_size = int.from_bytes(header[16:18], "big") if len(header) >= 100 else 0
    db_page_size = 65536 if db_page_size == 1 else db_page_size
    if page_size != db_page_size:
        return f"its write-ahead log (-wal) has {page_size}-byte pages, the journal {db_page_size}-byte ones"

    sums = (c1, c2)
    committed: list[tuple[int, int]] = []  # (page number, offset of its data) up to the last commit
    pending: list[tuple[int, int]] = []
    size = 0
    offset = _HEADER
    while offset + frame_size <= len(log):
        page, commit_size, s1, s2, f1, f2 = struct.unpack(">6I", log[offset : offset + _FRAME_HEADER])
        if (s1, s2) != (salt1, salt2):
            if offset == _HEADER:
                return "its write-ahead log (-wal) does not match its own header"
            break
        data = offset + _FRAME_HEADER
        sums = _checksum(log[data : data + page_size], *_checksum(log[offset : offset + 8], *sums, big), big)
        if sums != (f1, f2):
            if offset == _HEADER:
                return "its write-ahead log (-wal) fails its checksum, so SQLite would drop what it holds"
            break
        pending.append((page, data))
        if commit_size:
            committed += pending
            pending = []
            size = commit_size
        offset += frame_size
    if not committed:
        return None

    # Read only now: most logs hold no commit (a log SQLite left empty beside a closed journal),
    # and the whole journal in memory, several times over, is what opening a large one costs most.
    try:
        image = bytearray(db.read_bytes())
    except FileNotFoundError:
        return None
    return _image_problem(_overlaid(image, log, committed, page_size, size))


def _overlaid(image: bytearray, log: bytes, committed: list[tuple[int, int]], page_size: int, size: int) -> bytes:
    """The journal as SQLite reads it: ``committed`` pages of the log laid over ``image``, ``size`` pages long."""
    for page, data in committed:
        start = (page - 1) * page_size
        if len(image) < start:
            image.extend(bytes(start - len(image)))
        image[start : start + page_size] = log[data : data + page_size]
    # The last commit says how many pages the database has; pages past the end of the file read as zeros.
    image.extend(bytes(max(0, size * page_size - len(image))))
    del image[size * page_size :]
    image[28:32] = size.to_bytes(4, "big")
    return bytes(image)


def _image_problem(image: bytes) -> str | None:
    """Checks the journal with its log laid over it, as SQLite would read it."""
    from beliefupdate.store.schema_check import schema_problem
    from beliefupdate.store.schema_versions import APPLICATION_ID

    foreign = "its write-ahead log (-wal) comes from another database"
    # Marked as a rollback-journal file so that the copy in memory does not look for a log of its own.
    image = image[:18] + b"\x01\x01" + image[20:]
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return foreign
        # The full check: a page from another database can fit the b-tree yet disagree with an index.
        if [r[0] for r in conn.execute("PRAGMA integrity_check(1)")] != ["ok"]:
            return foreign
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            return foreign
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if len(rows) != 1 or schema_problem(conn, rows[0][0]):
            return foreign
    except sqlite3.DatabaseError:
        return foreign
    finally:
        conn.close()
    return None


def _checksum(data: bytes, s0: int, s1: int, big: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1
