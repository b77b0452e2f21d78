"""The settings file is read by Qt whole, and at once: what is at its name must be a settings file.

QSettings reads its file as it is constructed, with a blocking read of all of it: a FIFO
at that name blocked the start before any window, and a file of gigabytes would be
read into memory. Before the window's settings are made, whatever at those names is not
a regular file of a sensible size is set aside under another name (a symlink to a
regular file, as dotfile managers make, is left alone), and the window starts with the
settings of a first start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

# Eight recent journals, a selection, window and column state: a few kilobytes.
LIMIT = 1024 * 1024
ASIDE = ".unreadable"


def files_qt_reads() -> list[Path]:
    """The application's settings file and the organisation's one Qt falls back to (both INI on Linux)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    org, app = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    if not folder or not org:
        return []
    return [Path(folder) / org / f"{app or org}.conf", Path(folder) / f"{org}.conf"]


def set_aside_unreadable(paths: list[Path]) -> None:
    for path in paths:
        try:
            st = os.stat(path)  # a symlink counts as what it leads to
        except FileNotFoundError:
            continue
        except OSError as e:  # a symlink loop, a folder on the way that is not one
            why = e.strerror
        else:
            why = None if stat.S_ISREG(st.st_mode) and st.st_size <= LIMIT else \
                "larger than a settings file" if stat.S_ISREG(st.st_mode) else "not a regular file"
        if why is None:
            continue
        aside = path.with_name(path.name + ASIDE)
        try:
            os.replace(path, aside)  # renames the name itself, never what a symlink points to
            log.warning("settings file %s was %s: set aside as %s", path, why, aside.name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(path)
