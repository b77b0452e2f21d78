"""A snapshot is a cache anything may have written: whatever it holds, the window starts on the journal.

Each damaged snapshot below once crashed the first paint (a segmentation fault in a
model's data()), raised a traceback, ate the memory or blocked the start for ever.
Now the window opens as a first start does, shows the journal as it is, and the bad
file is gone so that the next start does not meet it again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import fields

import pytest
from PySide6.QtCore import Qt

from beliefupdate.domain.types import Conversation, ConversationOverview, CredenceEntry, Proposition, PropositionSummary
from beliefupdate.store.journal import Journal
from beliefupdate.ui import app, snapshot
from beliefupdate.ui.main_window import MainWindow
from beliefupdate.ui.models.propositions import PropositionsModel

TEXTS = ["I should work at a large lab", "Scaling alone gets to AGI"]


def fill(path) -> None:
    with Journal.open(path) as j:
        old = j.add_proposition(TEXTS[1], tags=["ai"])
        j.add_proposition(TEXTS[0])
        j.log_conversation("Coffee with Sam", [CredenceEntry(old.id, 0.3, 0.45, "compute curves")], person="Sam")


def keep_snapshot(path) -> dict:
    """A snapshot as the window writes it; returned as its JSON, to be damaged."""
    with Journal.open(path) as j:
        snapshot.write(str(path), j.summaries(include_archived=True), j.conversation_overviews())
    return json.loads(snapshot.path_for(str(path)).read_text(encoding="utf-8"))


def at(cls, name: str) -> int:
    return [f.name for f in fields(cls)].index(name)


def start(qtbot, path, settings) -> MainWindow:
    """The window as the app starts it (ui.app.run): from the snapshot if one is to be trusted."""
    stand_in = app._stand_in(str(path))
    window = MainWindow(stand_in or Journal.open(path), settings, timeline_after_paint=True,
                        opener=(lambda _window: Journal.open(path)) if stand_in is not None else None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.from_snapshot and window.convs_model.rowCount() == 1, timeout=10000)
    return window


def shown(window) -> list[tuple[str, str]]:
    proxy = window.props_proxy
    cell = lambda r, c: proxy.index(r, c).data(Qt.ItemDataRole.DisplayRole)
    return sorted((cell(r, PropositionsModel.TEXT), cell(r, PropositionsModel.CREDENCE))
                  for r in range(proxy.rowCount()))


def assert_the_journal_is_shown(window) -> None:
    assert shown(window) == [(TEXTS[0], "—"), (TEXTS[1], "45%")]
    assert window.convs_model.row(0).conversation.title == "Coffee with Sam"


def summary(data, name):
    return data["propositions"][0], at(PropositionSummary, name)


def proposition(data, name):
    return data["propositions"][0][at(PropositionSummary, "proposition")], at(Proposition, name)


def overview(data, name):
    return data["timeline"][0], at(ConversationOverview, name)


def conversation(data, name):
    return data["timeline"][0][at(ConversationOverview, "conversation")], at(Conversation, name)


# (where, field, the value put there): every one a value the journal never writes.
WRONG_VALUES = [
    (summary, "current", "0.5"), (summary, "current", 1.5), (summary, "current", -0.1), (summary, "current", True),
    (summary, "current", [0.5]), (summary, "current", {"x": 1}), (summary, "previous", "high"),
    (summary, "current_at", "yesterday"), (summary, "current_at", 1700000000),
    (summary, "credence_count", -1), (summary, "credence_count", "many"), (summary, "credence_count", 2.5),
    (summary, "recent", ["0.5", 0.2]), (summary, "recent", [0.1] * 1000), (summary, "recent", 0.4),
    (summary, "moved_from", 2), (summary, "moved_at", "2026-01-01T00:00:00"),  # without its zone
    (summary, "proposition", "Scaling"), (summary, "proposition", None),
    (proposition, "text", 5), (proposition, "text", {"a": 1}), (proposition, "text", None),
    (proposition, "text", ""), (proposition, "text", "x" * 10_000), (proposition, "text", ["Scaling"]),
    (proposition, "id", 17), (proposition, "id", ""), (proposition, "handle", "7"), (proposition, "handle", 0),
    (proposition, "handle", 1.5), (proposition, "handle", True), (proposition, "handle", 10**30),
    (proposition, "notes", 3), (proposition, "tags", "ai"), (proposition, "tags", [1]),
    (proposition, "tags", ["x" * 1000]), (proposition, "tags", ["t"] * 5000),
    (proposition, "created_at", "0001-01-01T00:00:00+14:00"), (proposition, "created_at", None),
    (proposition, "archived", "no"), (proposition, "archived", 0), (proposition, "resolution", "maybe"),
    (proposition, "resolution", 1), (proposition, "resolved_at", []), (proposition, "version", 0),
    (overview, "propositions", "3"), (overview, "moved", 5), (overview, "total_movement", -1),
    (overview, "total_movement", 7.5), (overview, "awaiting", None), (overview, "conversation", []),
    (conversation, "title", 5), (conversation, "kind", "chat"), (conversation, "occurred_at", None),
    (conversation, "person_name", 7), (conversation, "person_id", ["p"]), (conversation, "pre", {"#": 1}),
    (conversation, "version", "2"),
]


@pytest.mark.parametrize("where, name, value", WRONG_VALUES,
                         ids=[f"{w.__name__}.{n}={str(v)[:20]}" for w, n, v in WRONG_VALUES])
def test_a_snapshot_with_a_wrong_value_is_removed_and_the_journal_opens(qtbot, journal_path, settings,
                                                                         where, name, value):
    fill(journal_path)
    data = keep_snapshot(journal_path)
    record, i = where(data, name)
    record[i] = value
    kept = snapshot.path_for(str(journal_path))
    kept.write_text(json.dumps(data), encoding="utf-8")
    window = start(qtbot, journal_path, settings)
    assert_the_journal_is_shown(window)
    assert not kept.exists()


def _shape(data, change):
    change(data)
    return data


WRONG_SHAPES = {
    "a list, not a snapshot": lambda d: [d],
    "another format": lambda d: _shape(d, lambda d: d.update(format=2)),
    "another journal's": lambda d: _shape(d, lambda d: d.update(spec="/elsewhere/journal.sqlite3")),
    "a key more": lambda d: _shape(d, lambda d: d.update(extra=1)),
    "a key less": lambda d: _shape(d, lambda d: d.pop("timeline")),
    "propositions not a list": lambda d: _shape(d, lambda d: d.update(propositions={"0": d["propositions"][0]})),
    "a row short of a field": lambda d: _shape(d, lambda d: d["propositions"][0].pop()),
    "a row with a field more": lambda d: _shape(d, lambda d: d["propositions"][0].append(None)),
    "one proposition twice": lambda d: _shape(d, lambda d: d["propositions"].append(d["propositions"][0])),
    "a longer timeline than is kept": lambda d: _shape(
        d, lambda d: d.update(timeline=[d["timeline"][0]] * (snapshot.TIMELINE_ROWS + 1))),
}


@pytest.mark.parametrize("damage", WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_a_snapshot_of_the_wrong_shape_is_removed_and_the_journal_opens(qtbot, journal_path, settings, damage):
    fill(journal_path)
    kept = snapshot.path_for(str(journal_path))
    kept.write_text(json.dumps(damage(keep_snapshot(journal_path))), encoding="utf-8")
    window = start(qtbot, journal_path, settings)
    assert_the_journal_is_shown(window)
    assert not kept.exists()


def _text(replace):
    def damage(kept):
        kept.write_bytes(replace(kept.read_bytes()))
    return damage


def _symlink_to(target):
    def damage(kept):
        kept.unlink()
        kept.symlink_to(target)
    return damage


def _fifo(kept):
    kept.unlink()
    os.mkfifo(kept)


def _folder(kept):
    kept.unlink()
    kept.mkdir()


HOSTILE_FILES = {
    "empty": _text(lambda raw: b""),
    "cut short": _text(lambda raw: raw[:-40]),
    "not UTF-8": _text(lambda raw: raw.replace(b"Scaling", b"Sc\xff\xfeling")),
    "a lone surrogate": _text(lambda raw: raw.replace(b"Scaling", b"Sc\\ud800aling")),
    "NaN for a credence": _text(lambda raw: raw.replace(b"0.45", b"NaN", 1)),
    "Infinity for a credence": _text(lambda raw: raw.replace(b"0.45", b"Infinity", 1)),
    "too many digits": _text(lambda raw: raw.replace(b"0.45", b"9" * 5000, 1)),
    "nested deeply": _text(lambda raw: b"[" * 200_000 + b"]" * 200_000),
    "larger than a snapshot may be": _text(lambda raw: raw + b" " * snapshot.LIMIT),
    "a symlink to /dev/zero": _symlink_to("/dev/zero"),
    "a FIFO": _fifo,
    "a folder": _folder,
}


@pytest.mark.parametrize("damage", HOSTILE_FILES.values(), ids=HOSTILE_FILES.keys())
def test_a_hostile_snapshot_file_is_removed_and_the_journal_opens(qtbot, journal_path, settings, damage):
    fill(journal_path)
    keep_snapshot(journal_path)
    kept = snapshot.path_for(str(journal_path))
    damage(kept)
    window = start(qtbot, journal_path, settings)
    assert_the_journal_is_shown(window)
    assert not os.path.lexists(kept)


def test_a_symlink_to_a_good_snapshot_is_removed_and_what_it_points_to_is_left(qtbot, journal_path, settings,
                                                                               tmp_path):
    fill(journal_path)
    keep_snapshot(journal_path)
    kept = snapshot.path_for(str(journal_path))
    elsewhere = tmp_path / "elsewhere.json"
    kept.rename(elsewhere)
    kept.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    window = start(qtbot, journal_path, settings)
    assert_the_journal_is_shown(window)
    assert not os.path.lexists(kept)
    assert elsewhere.read_bytes() == before


def test_the_next_start_after_a_bad_snapshot_paints_from_a_good_one(qtbot, journal_path, settings):
    fill(journal_path)
    data = keep_snapshot(journal_path)
    data["propositions"][0][at(PropositionSummary, "current")] = "0.5"
    snapshot.path_for(str(journal_path)).write_text(json.dumps(data), encoding="utf-8")
    window = start(qtbot, journal_path, settings)
    window.close()  # as a person quits: the window keeps a snapshot of what it showed
    again = start(qtbot, journal_path, settings)
    assert snapshot.read(str(journal_path)) is not None
    assert_the_journal_is_shown(again)


def test_a_journal_whose_snapshot_would_be_too_large_starts_without_one(journal_path, monkeypatch):
    fill(journal_path)
    keep_snapshot(journal_path)
    monkeypatch.setattr(snapshot, "LIMIT", 100)
    with Journal.open(journal_path) as j:
        snapshot.write(str(journal_path), j.summaries(include_archived=True), j.conversation_overviews())
    assert not snapshot.path_for(str(journal_path)).exists()
    assert snapshot.read(str(journal_path)) is None


# The whole app, as a person starts it, on a snapshot that once blocked the start for ever (a
# FIFO: before any window) or filled the memory (/dev/zero): a hang fails on the timeout.
APP = "import sys; from beliefupdate.ui.app import run; sys.exit(run(sys.argv[1], []))"


@pytest.mark.parametrize("damage", [_fifo, _symlink_to("/dev/zero")], ids=["FIFO", "/dev/zero"])
def test_the_app_starts_on_a_snapshot_that_would_block_or_fill_the_memory(journal_path, tmp_path, damage):
    fill(journal_path)
    keep_snapshot(journal_path)
    kept = snapshot.path_for(str(journal_path))
    damage(kept)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BELIEFUPDATE_QUIT_AFTER_PAINT="1")
    done = subprocess.run([sys.executable, "-c", APP, str(journal_path)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ready-ms" in done.stdout
    assert "Traceback" not in done.stderr
    # Removed at the start; the window then kept a snapshot of the journal as it quit.
    assert kept.is_file() and not kept.is_symlink()
    assert snapshot.read(str(journal_path)) is not None
