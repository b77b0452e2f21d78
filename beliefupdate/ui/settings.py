"""UI state kept between runs in QSettings (the journal's data lives in the journal, never here).

Values are read with an explicit type and stored as values, not as indices.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class UiSettings:
    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings if qsettings is not None else QSettings()
        self._keep_private()

    def bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key, None)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.q.setValue(key, value)

    def text(self, key: str, default: str = "") -> str:
        value = self.q.value(key, default, type=str)
        return value if isinstance(value, str) else default

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.q.value(key, default, type=bool)
        return bool(value)

    def strings(self, key: str) -> list[str]:
        value = self.q.value(key, [])
        # INI files hand back a one-element list as a plain string.
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value if v]
        return []

    def set(self, key: str, value) -> None:
        self.q.setValue(key, value)

    # -- recent journals ----------------------------------------------------

    def recent_journals(self) -> list[str]:
        return self.strings("recent/journals")

    def add_recent_journal(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_journals() if p != path]
        self.q.setValue("recent/journals", recent[:MAX_RECENT])

    def remove_recent_journal(self, path: str) -> None:
        self.q.setValue("recent/journals", [p for p in self.recent_journals() if p != path])

    def sync(self) -> None:
        self._keep_private()
        self.q.sync()
        self._keep_private()  # in case the file was removed meanwhile and Qt made it anew

    def _keep_private(self) -> None:
        """The file lists journals (paths, server users, hosts, databases): it is its owner's
        alone from its first byte, in a folder only its owner can enter. Qt writes it by
        itself, from the event loop, with the mode of the file it replaces (or 0644 for
        none): so the file is made 0600 before Qt ever writes it."""
        ini = self.q.format() == QSettings.Format.IniFormat or (
            self.q.format() == QSettings.Format.NativeFormat and sys.platform != "darwin"
        )
        if os.name != "posix" or not ini:
            return  # the registry and macOS's preferences system keep their own files
        file = Path(self.q.fileName())
        try:
            file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            file.parent.chmod(0o700)
            # Not blocking: a FIFO put there must not hold up the start.
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK, 0o600)
            try:
                os.fchmod(fd, 0o600)
            finally:
                os.close(fd)
        except OSError:
            pass  # a settings file that cannot be kept is not worth a failed start
