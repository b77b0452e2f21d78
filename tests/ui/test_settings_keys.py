"""Window state goes through one registry of keys: each read the way it was written, each spelled once."""

from __future__ import annotations

import inspect
import io
import tokenize
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

import beliefupdate
from beliefupdate.ui import settings_keys as keys
from beliefupdate.ui.settings import UiSettings

KEYS, FAMILIES = keys.declared()
EVERY_KEY = KEYS + [family["example"] for family in FAMILIES]

SAMPLES = {keys.Kind.TEXT: "/home/me/journals", keys.Kind.FLAG: True,
           keys.Kind.STRINGS: ["a1b2", "c3d4"], keys.Kind.STATE: QByteArray(b"\x00\x01saved by Qt\xff")}


def fresh(path: Path) -> UiSettings:
    return UiSettings(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.mark.parametrize("key", EVERY_KEY, ids=[k.name for k in EVERY_KEY])
def test_every_key_reads_back_what_was_kept_and_its_default_when_nothing_was(tmp_path, key):
    file = tmp_path / "ui.ini"
    assert fresh(file).get(key) == key.default
    kept = fresh(file)
    kept.put(key, SAMPLES[key.kind])
    kept.sync()
    assert fresh(file).get(key) == SAMPLES[key.kind]


def test_each_key_has_a_name_of_its_own():
    names = [k.name for k in KEYS] + [f.prefix for f in FAMILIES]
    assert len(names) == len(set(names))


def test_settings_are_read_and_written_only_through_declared_keys(settings):
    public = {name for name, _ in inspect.getmembers(UiSettings, callable) if not name.startswith("_")}
    assert public == {"get", "put", "recent_journals", "add_recent_journal", "remove_recent_journal", "sync"}
    with pytest.raises(TypeError):
        settings.get("view/theme")
    with pytest.raises(TypeError):
        settings.put("view/theme", "dark")


def test_no_key_is_spelled_outside_the_registry():
    """A key's name as a string anywhere else would be a second spelling, free to drift from the first."""
    names = {k.name for k in KEYS}
    prefixes = tuple(f.prefix + "/" for f in FAMILIES)
    package = Path(beliefupdate.__file__).parent
    registry = Path(keys.__file__)
    found = []
    for path in sorted(package.rglob("*.py")):
        if path == registry:
            continue
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            # From Python 3.12 an f-string's text is a token of its own.
            if token.type not in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
                continue
            text = token.string.lstrip("rbfuRBFU").strip("'\"")
            if text in names or text.startswith(prefixes):
                found.append(f"{path.relative_to(package)}:{token.start[0]}: {token.string}")
    assert found == []
