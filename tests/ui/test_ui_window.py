"""The main window around the edits: external changes, first run, persisted UI state, accessibility."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from beliefupdate.store.journal import Journal
from beliefupdate.ui import settings_keys as keys
from beliefupdate.ui.first_run import FirstRunPanel
from beliefupdate.ui.main_window import MainWindow
from beliefupdate.ui.models.base import ID_ROLE
from beliefupdate.ui.resources import APP_ID


def test_title_names_the_journal(window, journal):
    assert window.windowTitle() == f"{journal.location.name} — beliefupdate"


@pytest.mark.written_elsewhere
def test_change_by_another_program_shows_up(qtbot, window, journal):
    before = window.props_model.rowCount()
    with Journal.open(journal.location.url) as cli:
        cli.add_proposition("Written from the command line")
    qtbot.waitUntil(lambda: window.props_model.rowCount() == before + 1, timeout=3000)
    assert "changed by another program" in window.statusBar().currentMessage()


def test_own_writes_are_not_reported_as_external(qtbot, window, journal):
    window.selection.select_propositions([journal.propositions()[0].id])
    window.actions_["archive"].trigger()
    assert not window.session.watcher.poll()


@pytest.mark.written_elsewhere
def test_selection_survives_an_external_change(qtbot, window, journal):
    p = journal.propositions()[3]
    window.selection.select_propositions([p.id])
    with Journal.open(journal.location.url) as cli:
        cli.check_in(p.id, 0.5)
    qtbot.waitUntil(lambda: window.selection.current_summary().current == 0.5, timeout=3000)
    assert window.selection.proposition_ids() == [p.id]


def test_first_run_explains_and_offers_two_ways_in(qtbot, make_window, journal, tmp_path):
    window = make_window(journal)
    assert window.stack.currentWidget() is window.first_run
    assert "before and after every conversation" in window.first_run.explanation.text()

    dialog = None

    def opened():
        nonlocal dialog
        dialog = QApplication.activeModalWidget()

    window.first_run.add_button.click()
    opened()
    assert dialog is not None and dialog.windowTitle() == "New proposition"
    dialog.text.setText("I should apply to a lab safety team this year")
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    assert window.stack.currentWidget() is window.main_split


def test_sample_journal_opens_as_a_copy(qtbot, make_window, journal, private_dirs):
    window = make_window(journal)
    window.first_run.sample_button.click()
    assert window.session.journal is not journal
    copy = window.session.journal.location.path
    assert copy.parent == private_dirs / "xdg_data_home" / "beliefupdate" / "samples"
    assert window.props_model.rowCount() >= 10
    assert window.stack.currentWidget() is window.main_split
    assert window.windowTitle() == "Sample journal — beliefupdate"
    # it opens on the conversation that moved the most, with what it moved on the chart
    qtbot.waitUntil(lambda: window.selection.conversation() is not None)
    assert window.selection.conversation().conversation.title.startswith("Coffee with Sam")
    assert len(window.selection.proposition_ids()) == 6
    again = Journal.open(journal.location.path)
    assert again.is_empty()  # the user's own journal was not written to
    again.close()
    window.session.journal.close()


def test_ui_state_is_restored(qtbot, sample, settings):
    first = MainWindow(sample, settings)
    qtbot.addWidget(first)
    first.main_split.setSizes([900, 380])
    first.show_archived.setChecked(True)
    first.tag_filter.setCurrentIndex(first.tag_filter.findData("career"))
    first.props_view.horizontalHeader().resizeSection(2, 150)
    first.props_view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    wanted = [first.props_proxy.data(first.props_proxy.index(1, 0), ID_ROLE)]
    first.selection.select_propositions(wanted)
    sizes = first.main_split.sizes()
    first.close()

    second = MainWindow(sample, settings)
    qtbot.addWidget(second)
    assert second.main_split.sizes() == sizes
    assert second.show_archived.isChecked()
    assert second.tag_filter.currentData() == "career"
    assert second.props_view.horizontalHeader().sectionSize(2) == 150
    assert second.props_view.horizontalHeader().sortIndicatorSection() == 3
    assert second.selection.proposition_ids() == wanted
    # stored as values, not indices
    assert settings.q.value(keys.FILTER_TAG.name) == "career"


@pytest.mark.server  # a server journal is listed too, without its password
def test_recent_journals_menu(qtbot, window, journal, tmp_path, settings):
    other = tmp_path / "second.sqlite3"
    assert window.files.open_path(str(other))
    assert window.windowTitle().startswith("second")
    recent = [a.text() for a in window.actions_.recent_menu.actions()]
    assert journal.location.reopen_spec in recent
    window.session.journal.close()


def test_every_interactive_widget_has_an_accessible_name(window):
    dialogs = [window.editor.log_conversation(), window.editor.new_proposition()]
    window.selection.select_propositions([window.props_model.row(0).id])
    dialogs.append(window.editor.check_in())
    interactive = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QDateTimeEdit)
    missing = []
    for root in [window, *dialogs]:
        for w in root.findChildren(QWidget):
            if not isinstance(w, interactive) or w.objectName().startswith("qt_") or not w.isVisibleTo(root):
                continue
            if isinstance(w.parent(), (QComboBox, QDateTimeEdit)) or w.parent().objectName().startswith("qt_"):
                continue  # the inner parts of a composite widget speak through it
            if not w.accessibleName():
                missing.append(f"{type(root).__name__}: {type(w).__name__} {w.text() if hasattr(w, 'text') else ''}")
    for d in dialogs:
        d.reject()
    assert missing == []


def test_app_icon_and_first_run_use_packaged_resources(qapp):
    from beliefupdate.ui.resources import app_icon, sample_journal_dict

    assert not app_icon().isNull()
    assert sample_journal_dict()["format"] == "beliefupdate"
    assert APP_ID.count(".") == 2
    assert FirstRunPanel().add_button.text() == "Add your first proposition"


def test_about_names_version_and_journal(window, journal):
    from beliefupdate import __version__

    box = window.files.about()
    assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal  # does not block the app
    assert __version__ in box.text() and journal.location.display in box.text()
    box.close()


def test_export_journal_as_json(window, journal, tmp_path, file_dialog):
    from beliefupdate.interchange.exchange import read_json

    target = tmp_path / "backup.json"
    file_dialog.answer(target)
    window.actions_["export"].trigger()
    assert len(read_json(target).propositions) == len(journal.propositions())


def test_new_journal_never_reuses_an_existing_file(window, journal, tmp_path, file_dialog):
    existing = tmp_path / "existing.sqlite3"
    existing.write_bytes(b"keep me")
    file_dialog.answer(existing)
    window.actions_["new_journal"].trigger()
    assert window.session.journal is journal and existing.read_bytes() == b"keep me"
    box = QApplication.activeModalWidget()
    assert "already exists" in box.text()
    box.close()

    fresh = tmp_path / "fresh.sqlite3"
    file_dialog.answer(fresh)
    window.actions_["new_journal"].trigger()
    assert window.session.journal.location.path == fresh
    assert window.stack.currentWidget() is window.first_run
    assert window.session.undo_stack.count() == 0
    window.session.journal.close()
