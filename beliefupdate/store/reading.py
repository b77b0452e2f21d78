"""Reading a whole file a user named, safely whatever it turns out to be.

Only a regular file is read. A FIFO would block the open and the read for
ever, and a device such as /dev/zero reports a size of 0 and never ends, so
the file is opened without blocking, checked with fstat on the very file
opened, and read only up to the limit, counting the bytes actually read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from beliefupdate.domain.errors import InvalidInput

MAX_FILE_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


def read_file(path: Path, limit: int = MAX_FILE_BYTES, *, what: str = "import") -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read it ({e.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InvalidInput(f"{path} is a folder, not a file to {what}")
        if not stat.S_ISREG(mode):
            raise InvalidInput(f"{path} is not a regular file (a device, pipe or socket); {what} reads only files")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read it ({e.strerror})") from None
    finally:
        os.close(fd)
    if size > limit:
        raise InvalidInput(f"{path}: over the {limit // (1024 * 1024)} MB {what} limit")
    return b"".join(chunks)
