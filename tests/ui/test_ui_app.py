"""Starting the app: a journal that cannot be opened, and the first-paint measurement."""

import os
import re
import subprocess
import sys

from PySide6.QtWidgets import QApplication, QLabel

from beliefupdate.store.journal import Journal
from beliefupdate.ui import app
from beliefupdate.ui.dialogs.unavailable import JournalUnavailableDialog


def not_a_journal(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are my notes, not a journal\n")
    return path


def test_unopenable_journal_dialog_says_why_and_offers_a_way_on(qtbot, tmp_path):
    dialog = JournalUnavailableDialog("notes.sqlite3 is not a beliefupdate journal (not a SQLite database)")
    qtbot.addWidget(dialog)
    dialog.open()
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Notes.sqlite3 is not a beliefupdate journal (not a SQLite database)." in text
    assert "Nothing was written" in text
    assert {b.text().replace("&", "") for b in (dialog.open_button, dialog.new_button, dialog.quit_button)} == {
        "Open another journal…", "Create a new journal…", "Quit"}
    with qtbot.waitSignal(dialog.finished) as finished:
        dialog.new_button.click()
    assert finished.args == [JournalUnavailableDialog.CREATE_NEW]


def test_missing_folder_reads_as_a_sentence_with_whole_paths(qtbot, tmp_path):
    reason = f"cannot create journal {tmp_path}/gone/j.sqlite3: folder {tmp_path}/gone does not exist"
    dialog = JournalUnavailableDialog(reason)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Cannot create journal" in text and "does not exist." in text
    assert f'<span style="white-space: nowrap">{tmp_path}/gone/j.sqlite3</span>' in text
    assert "has not been changed" not in text  # there is no file to speak of


def test_quitting_from_the_dialog_leaves_the_file_untouched(qtbot, tmp_path, monkeypatch):
    path = not_a_journal(tmp_path)
    content = path.read_bytes()
    shown = []

    def fake_exec(self):
        shown.append(self.reason)
        return JournalUnavailableDialog.QUIT

    monkeypatch.setattr(JournalUnavailableDialog, "exec", fake_exec)
    assert app.open_journal_interactively(str(path)) is None
    assert "not a beliefupdate journal" in shown[0]
    assert path.read_bytes() == content


def test_open_another_journal_after_a_failure(qtbot, tmp_path, monkeypatch, file_dialog):
    bad = not_a_journal(tmp_path)
    good = tmp_path / "good.sqlite3"
    Journal.open(good).close()
    monkeypatch.setattr(JournalUnavailableDialog, "exec", lambda self: JournalUnavailableDialog.OPEN_OTHER)
    file_dialog.answer(good)
    journal = app.open_journal_interactively(str(bad))
    assert journal.location.path == good
    journal.close()


def test_create_a_new_journal_after_a_failure(qtbot, tmp_path, monkeypatch, file_dialog):
    bad = not_a_journal(tmp_path)
    new = tmp_path / "fresh.sqlite3"
    monkeypatch.setattr(JournalUnavailableDialog, "exec", lambda self: JournalUnavailableDialog.CREATE_NEW)
    file_dialog.answer(new)
    journal = app.open_journal_interactively(str(bad))
    assert journal.location.path == new and journal.is_empty()
    journal.close()


def test_opening_a_bad_file_from_the_window_keeps_the_current_journal(qtbot, window, journal, tmp_path):
    bad = not_a_journal(tmp_path)
    assert not window.files.open_path(str(bad))
    assert window.session.journal is journal
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, JournalUnavailableDialog) and dialog.isVisible()
    assert dialog.quit_button.text() == "&Keep the current journal"
    dialog.quit_button.click()
    assert window.session.journal is journal


def test_first_paint_is_measured_and_the_app_quits(tmp_path):
    journal = tmp_path / "journal.sqlite3"
    with Journal.open(journal) as j:
        j.add_proposition("Something to list")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BELIEFUPDATE_QUIT_AFTER_PAINT="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    code = "import sys; from beliefupdate.ui.app import run; sys.exit(run(sys.argv[1], []))"
    done = subprocess.run([sys.executable, "-c", code, str(journal)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^first-paint-ms \d+\.\d+$", done.stdout, re.M), done.stdout


def test_the_window_paints_before_the_chart_library_is_loaded(tmp_path):
    script = tmp_path / "paint.py"
    script.write_text(
        "import sys\n"
        "from beliefupdate.ui.app import make_application\n"
        "app = make_application([])\n"
        "from beliefupdate.store.journal import Journal\n"
        "from beliefupdate.ui.main_window import MainWindow\n"
        "window = MainWindow(Journal.open(sys.argv[1]))\n"
        "window.grab()\n"  # a full paint, without running the event loop that then builds the chart
        "print('pyqtgraph loaded:', 'pyqtgraph' in sys.modules)\n"
        "app.processEvents()\n"
        "print('chart built:', window.chart is not None)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "j.sqlite3")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "pyqtgraph loaded: False" in done.stdout
    assert "chart built: True" in done.stdout
