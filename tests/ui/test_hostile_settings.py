"""The settings file is anyone's to damage: whatever it holds, the window starts, with the defaults where needed."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QByteArray

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.journal import Journal
from beliefupdate.ui import settings_keys as keys
from beliefupdate.ui.main_window import MainWindow
from beliefupdate.ui.settings import MAX_RECENT


def fill(path) -> None:
    with Journal.open(path) as j:
        a = j.add_proposition("Scaling alone gets to AGI", tags=["ai"])
        j.log_conversation("Coffee with Sam", [CredenceEntry(a.id, 0.3, 0.45)])


def test_text_that_is_not_utf8_and_lists_of_any_length_read_as_defaults(qtbot, journal_path, settings):
    fill(journal_path)
    damaged = {keys.THEME: QByteArray(b"\xd0\x00dark"), keys.FILTER_TAG: "x" * 1_000_000,
               keys.RECENT_JOURNALS: [f"/journals/{i}.sqlite3" for i in range(50_000)],
               keys.SELECTION_PROPOSITIONS: {"not": "a list"}}
    for key, value in damaged.items():
        settings.q.setValue(key.name, value)  # as another program (or a damaged disk) left the file
    window = MainWindow(Journal.open(journal_path), settings)
    qtbot.addWidget(window)
    window.actions_.refresh_recent()
    assert len(window.actions_.recent_menu.actions()) <= MAX_RECENT
    assert settings.get(keys.THEME) == "system" and settings.get(keys.FILTER_TAG) == ""
    assert window.props_model.rowCount() == 1


# Window, splitter and header states as a window saved them, then a few bytes of each changed
# (or cut, or lengthened): Qt's restoreState() trusted them, and one such header state ended
# the process with a segmentation fault before any window.
DAMAGED_STATES = """
import os, random, sys
from PySide6.QtCore import QByteArray, QSettings
from beliefupdate.store.journal import Journal
from beliefupdate.ui import app
from beliefupdate.ui.settings import UiSettings
qt = app.make_application([])
from beliefupdate.ui.main_window import MainWindow
journal = Journal.open(sys.argv[1])
good = UiSettings(QSettings(sys.argv[2] + "/good.ini", QSettings.Format.IniFormat))
window = MainWindow(journal, good)
window.show(); qt.processEvents(); window.save_state(); window.close()
rnd = random.Random(3)
for i in range(12):
    bad = UiSettings(QSettings(f"{sys.argv[2]}/bad{i}.ini", QSettings.Format.IniFormat))
    for key in good.q.allKeys():
        value = good.q.value(key)
        if isinstance(value, QByteArray):
            raw = bytearray(value.data())
            for _ in range(rnd.randrange(1, 8)):
                raw[rnd.randrange(len(raw))] = rnd.randrange(256)
            value = QByteArray(bytes(raw[: rnd.randrange(len(raw) + 1)] if i % 3 == 1 else raw))
        bad.q.setValue(key, value)
    window = MainWindow(journal, bad)
    window.show(); qt.processEvents(); window.grab(); window.close()
print("started", i + 1, "times")
"""


def test_damaged_window_and_column_states_are_ignored(journal_path, tmp_path):
    fill(journal_path)
    done = subprocess.run([sys.executable, "-c", DAMAGED_STATES, str(journal_path), str(tmp_path)],
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "started 12 times" in done.stdout


APP = "import sys; from beliefupdate.ui.app import run; sys.exit(run(sys.argv[1], []))"


def test_a_settings_file_that_is_a_fifo_is_set_aside_and_the_app_starts(journal_path, private_dirs):
    # QSettings reads its file as it is made: a FIFO there blocked the start before any window.
    fill(journal_path)
    folder = private_dirs / "xdg_config_home" / "beliefupdate"
    folder.mkdir()
    fifo = folder / "beliefupdate.conf"
    os.mkfifo(fifo)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BELIEFUPDATE_QUIT_AFTER_PAINT="1")
    done = subprocess.run([sys.executable, "-c", APP, str(journal_path)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ready-ms" in done.stdout
    assert fifo.is_file() and (folder / "beliefupdate.conf.unreadable").exists()
