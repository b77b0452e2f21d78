"""File > Import…: any registered format, with a preview of what is new and what is already there."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from beliefupdate.ui.dialogs.import_preview import ImportPreviewDialog
from tests.backends import journal_state

FATEBOOK = Path(__file__).resolve().parents[2] / "fixtures" / "fatebook-forecasts.csv"


def data_files(journal):
    """What the journal holds (a file's bytes, or a server's records): what "nothing was written" means."""
    location = journal.location
    return journal_state(str(location.path) if location.path else location.url)


@pytest.fixture
def choose(file_dialog):
    """Answer the open-file dialog with ``path``; returns the filters each dialog was given, as it asks."""

    def choose(path):
        file_dialog.answer(path)
        return file_dialog.offered

    return choose


def preview(window) -> ImportPreviewDialog:
    return next(d for d in window.findChildren(ImportPreviewDialog) if d.isVisible())


def counts(dialog) -> dict:
    return {key: int(label.text()) for key, label in dialog.cells.items()}


def test_a_fatebook_export_is_previewed_then_imported_as_one_undoable_step(qtbot, window, journal, choose):
    offered = choose(FATEBOOK)
    before, steps = journal.export_data(), window.session.undo_stack.count()
    window.actions_["import"].trigger()
    assert "Fatebook CSV export (*.csv)" in offered[0] and "(*.json)" in offered[0]

    dialog = preview(window)
    assert "fatebook-forecasts.csv is a Fatebook CSV export" in dialog.heading.text()
    shown = counts(dialog)
    assert shown[("propositions", "new")] == 2 and shown[("credences", "new")] == 3
    assert shown[("propositions", "already present")] == 0
    assert "left out 1 forecasts by people other than Alex" in dialog.summary.text()
    assert journal.export_data() == before  # nothing written while the preview is up

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert journal.find_proposition("Will I take the lab job?")
    assert "Imported 2 propositions, 3 credences from fatebook-forecasts.csv" in window.statusBar().currentMessage()
    assert window.session.undo_stack.count() == steps + 1
    window.session.undo_stack.undo()
    assert journal.export_data() == before


def test_cancel_writes_nothing(qtbot, window, journal, choose):
    choose(FATEBOOK)
    files, steps = data_files(journal), window.session.undo_stack.count()
    window.actions_["import"].trigger()
    dialog = preview(window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert data_files(journal) == files
    assert window.session.undo_stack.count() == steps
    assert "Will I take the lab job?" not in {p.text for p in journal.propositions()}


def test_a_second_import_of_the_same_file_shows_everything_already_present(qtbot, window, journal, choose):
    choose(FATEBOOK)
    window.actions_["import"].trigger()
    qtbot.mouseClick(preview(window).ok_button, Qt.MouseButton.LeftButton)
    window.actions_["import"].trigger()
    dialog = preview(window)
    shown = counts(dialog)
    assert shown[("propositions", "new")] == 0 and shown[("propositions", "already present")] == 2
    assert shown[("credences", "already present")] == 3
    assert not dialog.ok_button.isEnabled() and "nothing to import" in dialog.summary.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_clash_is_reported_naming_the_row_before_any_preview(qtbot, window, journal, choose, tmp_path):
    journal.add_proposition("Will the paper be accepted?")
    choose(FATEBOOK)
    files = data_files(journal)
    window.actions_["import"].trigger()
    assert not [d for d in window.findChildren(ImportPreviewDialog) if d.isVisible()]
    message = window.statusBar().currentMessage()
    assert "fatebook-forecasts.csv: row 5" in message
    assert data_files(journal) == files


def test_a_registered_format_is_offered_by_the_file_dialog(window, choose):
    from beliefupdate.interchange import registry

    registry.importers()
    registry.register(registry.Importer("notes", "Plain notes", "plain notes", ("*.txt", "*.md"),
                                        sniff=lambda sample: False, parse=lambda sample: None))
    try:
        offered = choose("")
        window.actions_["import"].trigger()
    finally:
        registry.unregister("notes")
    filters = offered[0].split(";;")
    assert filters[0] == "Importable files (*.csv *.json *.md *.txt)"
    assert "Plain notes (*.txt *.md)" in filters and filters[-1] == "All files (*)"
