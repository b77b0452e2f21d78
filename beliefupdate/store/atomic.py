"""Writing a file so that a crash leaves the old file or the new one, never half of one.

Such a file holds journal content, so it is private (0600) from its first byte,
also when it replaces a file that others could read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from beliefupdate.domain.errors import UserError


@contextmanager
def atomic_text(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    # A name of its own (created exclusively, 0600, never through a link someone left there):
    # two writers of the same file do not write into one temporary file.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with open(fd, "w", encoding=encoding, newline=newline) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename into ``folder`` survive a power cut (where the file system can)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system syncs folders
    finally:
        os.close(fd)


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def disk_errors(target: Path) -> Iterator[None]:
    """A copy that cannot be written (full disk, a file in the way), said on one line."""
    try:
        yield
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise
        raise UserError(f"cannot write {target}: {e} (is the disk full?)") from None
    except OSError as e:
        raise UserError(f"cannot write {target}: {e.strerror or e}") from None


def own_name(path: Path, suffix: str) -> Path:
    """The name this process builds ``path`` under, beside it, before it takes its name."""
    return path.with_name(f".{path.name}.{os.getpid()}{suffix}")


def remove_cut_short(path: Path, suffix: str, remove: Callable[[Path], None]) -> None:
    """Remove what builds of ``path`` cut short (killed, or the machine stopped) left beside it
    under :func:`own_name`: those of processes no longer running, and this one's."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            number = entry.name[len(prefix) : -len(suffix)]
            if (entry.name.startswith(prefix) and entry.name.endswith(suffix) and number.isdigit()
                    and (int(number) == os.getpid() or not _running(int(number)))):
                remove(Path(entry.path))


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # Windows' os.kill(pid, 0) would stop the process, not ask about it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # someone else's process, or a number we cannot ask about: left alone
    return True
