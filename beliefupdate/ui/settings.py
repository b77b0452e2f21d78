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
from typing import Any, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from beliefupdate.ui.settings_keys import RECENT_JOURNALS, Key, Kind

T = TypeVar("T")

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

    def get(self, key: Key[T]) -> T:
        """The value kept at ``key``, read the way its kind is; its default when there is none or it is damaged."""
        if not isinstance(key, Key):
            raise TypeError(f"not a settings key: {key!r}")  # every key is declared in settings_keys
        read = {Kind.TEXT: self._text, Kind.FLAG: self._flag, Kind.STRINGS: self._strings,
                Kind.STATE: self._state}[key.kind]
        value = read(key.name)
        # The reader is chosen by the key's kind, and each kind's reader gives that kind's values.
        return key.default if value is None else cast(T, value)

    def put(self, key: Key[T], value: T) -> None:
        if not isinstance(key, Key):
            raise TypeError(f"not a settings key: {key!r}")
        if key.kind is Kind.STATE:
            if not isinstance(value, QByteArray):
                raise TypeError(f"{key.name} keeps a saved state, not {type(value).__name__}")
            state = value.data()
            self.q.setValue(key.name, QByteArray(hashlib.sha256(state).digest()[:_SUM] + state))
        elif key.kind is Kind.STRINGS:
            self.q.setValue(key.name, list(value))  # type: ignore[call-overload]
        else:
            self.q.setValue(key.name, value)

    # -- the readers of each kind: None for what is not as a window wrote it ------

    def _state(self, key: str) -> QByteArray | None:
        """A state saved by put, as Qt gave it; None when there is none or it is not as saved."""
        value = self._value(key)
        if not isinstance(value, QByteArray) or not _SUM < value.size() <= MAX_STATE:
            return None
        raw = value.data()
        state = raw[_SUM:]
        return QByteArray(state) if hashlib.sha256(state).digest()[:_SUM] == raw[:_SUM] else None

    def _text(self, key: str) -> str | None:
        value = self._value(key, str)
        # Empty reads as the default too: no key keeps an empty string as a choice of its own.
        return value if isinstance(value, str) and 0 < len(value) <= MAX_TEXT else None

    def _flag(self, key: str) -> bool | None:
        value = self._value(key, bool)
        return value if isinstance(value, bool) else None

    def _strings(self, key: str) -> list[str]:
        value = self._value(key)
        # INI files hand back a one-element list as a plain string.
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        return [v for v in value[:MAX_STRINGS] if isinstance(v, str) and 0 < len(v) <= MAX_TEXT]

    def _value(self, key: str, kind: type | None = None) -> Any:
        """The value at ``key`` (converted to ``kind``), or None; a value Qt cannot convert (bytes
        that are not UTF-8 read as text) is None too."""
        try:
            return self.q.value(key, None) if kind is None else \
                (self.q.value(key, None, type=kind) if self.q.contains(key) else None)
        except (ValueError, TypeError):
            return None

    # -- recent journals ----------------------------------------------------

    def recent_journals(self) -> list[str]:
        return self.get(RECENT_JOURNALS)[:MAX_RECENT]

    def add_recent_journal(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_journals() if p != path]
        self.put(RECENT_JOURNALS, recent[:MAX_RECENT])

    def remove_recent_journal(self, path: str) -> None:
        self.put(RECENT_JOURNALS, [p for p in self.recent_journals() if p != path])

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
