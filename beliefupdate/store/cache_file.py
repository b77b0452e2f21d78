"""Reading a file of the cache folder, which anything may have put there.

A cache file is only ever a shortcut, so it is read defensively: only a regular file
(not a symlink, which could lead to /dev/zero; not a FIFO, which would block the start
before any window), never more than a bound of bytes actually read, parsed by the C
JSON decoder with its depth guarded. Whatever is wrong with it, the reader gets None
and the file is removed, so that the next start does not meet it again.

This module loads neither Qt nor the database library: the window's first paint uses it.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any, NoReturn

_CHUNK = 1 << 20
# O_NOFOLLOW refuses a symlink as the last part of the name; O_NONBLOCK keeps a FIFO or a
# device from blocking the open itself (fstat then refuses them; a regular file ignores it).
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Unusable(ValueError):
    """The cache file is there but is not one to read."""


def read_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file ``path``, None when there is none; Unusable when the name holds
    something else (a symlink, FIFO, device, folder), more than ``limit`` bytes, or cannot be read."""
    try:
        fd = os.open(path, _FLAGS)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as e:  # ELOOP: a symlink; EACCES, EISDIR...
        raise Unusable(f"cannot be opened: {e.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unusable("not a regular file")
        parts: list[bytes] = []
        got = 0
        while got <= limit:  # counted as read, not as fstat says: a file may grow while it is read
            part = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not part:
                break
            parts.append(part)
            got += len(part)
        if got > limit:
            raise Unusable(f"larger than {limit} bytes")
        return b"".join(parts)
    except OSError as e:
        raise Unusable(f"cannot be read: {e.strerror}") from None
    finally:
        os.close(fd)


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number a cache holds")


def parse_json(raw: bytes) -> Any:
    """``raw`` as strict UTF-8 JSON (no NaN or Infinity); Unusable when it is not."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:  # the C decoder guards its depth and raises this, cleanly
        raise Unusable("nested too deeply") from None
    except ValueError as e:  # UnicodeDecodeError, JSONDecodeError, too many digits
        raise Unusable(f"not JSON: {e}") from None


def load_json(path: Path, limit: int) -> Any:
    """The JSON value held in the cache file ``path``; None when there is none, or when it is
    unusable, in which case it is removed."""
    try:
        raw = read_bytes(path, limit)
        return None if raw is None else parse_json(raw)
    except Unusable:
        discard(path)
        return None


def discard(path: Path) -> None:
    """Remove the name ``path`` itself: a symlink goes, never what it points to; a folder only if empty."""
    try:
        os.unlink(path)
    except IsADirectoryError:
        with contextlib.suppress(OSError):  # a folder with something in it is not ours to empty; never read
            os.rmdir(path)
    except OSError:
        pass  # gone already, or not ours to remove: it is only ever read defensively
