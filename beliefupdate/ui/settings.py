"""UI state kept between runs in QSettings (the journal's data lives in the journal, never here).

Values are read with an explicit type and stored as values, not as indices. The file is
anyone's to damage, so what is read from it is bounded, and a value of the wrong type
reads as the default. Qt's saved states (window, splitters, column headers) are kept
with a checksum and given back to Qt only when it matches: Qt's restoreState() trusts its
bytes, and a header state with a few bytes changed ended the process.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
MAX_TEXT = 10_000  # a path, a theme's or a tag's name
MAX_STRINGS = 100_000  # the ids of a selection
MAX_STATE = 64 * 1024  # a window's or a header's state takes a few hundred bytes
_SUM = 16  # bytes of SHA-256 before a saved state


class UiSettings:
    def __init__(self, qsettings: QSettings | None = None):
        if qsettings is None:
            from beliefupdate.ui.settings_file import files_qt_reads, set_aside_unreadable

            set_aside_unreadable(files_qt_reads())  # QSettings() itself reads its file, whatever it is
            qsettings = QSettings()
        self.q = qsettings
        self._keep_private()

    def bytes(self, key: str) -> QByteArray | None:
        """A state saved by set_bytes, as Qt gave it; None when there is none or it is not as saved."""
        value = self._value(key)
        if not isinstance(value, QByteArray) or not _SUM < value.size() <= MAX_STATE:
            return None
        raw = value.data()
        state = raw[_SUM:]
        return QByteArray(state) if hashlib.sha256(state).digest()[:_SUM] == raw[:_SUM] else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        state = value.data()
        self.q.setValue(key, QByteArray(hashlib.sha256(state).digest()[:_SUM] + state))

    def text(self, key: str, default: str = "") -> str:
        value = self._value(key, str)
        return value if isinstance(value, str) and len(value) <= MAX_TEXT else default

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._value(key, bool)
        return value if isinstance(value, bool) else default

    def strings(self, key: str) -> list[str]:
        value = self._value(key)
        # INI files hand back a one-element list as a plain string.
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        return [v for v in value[:MAX_STRINGS] if isinstance(v, str) and 0 < len(v) <= MAX_TEXT]

    def _value(self, key: str, kind: type | None = None):
        """The value at ``key`` (converted to ``kind``), or None; a value Qt cannot convert (bytes
        that are not UTF-8 read as text) is None too."""
        try:
            return self.q.value(key, None) if kind is None else \
                (self.q.value(key, None, type=kind) if self.q.contains(key) else None)
        except (ValueError, TypeError):
            return None

    def set(self, key: str, value) -> None:
        self.q.setValue(key, value)

    # -- recent journals ----------------------------------------------------

    def recent_journals(self) -> list[str]:
        return self.strings("recent/journals")[:MAX_RECENT]

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
