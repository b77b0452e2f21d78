"""File > Export chart…: exports what the chart shows, and says inline what went wrong."""

from datetime import datetime

import pytest
from PySide6.QtWidgets import QDialog

from beliefupdate.charts.export_dialog import file_stem
from beliefupdate.charts.widget import HistoryChart

from .conftest import Holder, at
from .test_export import load_png

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def chart(qtbot, journal, career):
    w = HistoryChart(Holder(journal))
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.show_propositions([career.lab.id, career.impact.id])
    w.set_date_range(datetime(2026, 2, 1).astimezone(), datetime(2026, 4, 20).astimezone())
    return w


def open_dialog(chart, qtbot):
    chart.open_export_dialog()
    dialog = chart._export_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_exports_the_selection_and_visible_range_then_closes(chart, qtbot, tmp_path):
    dialog = open_dialog(chart, qtbot)
    assert "2 propositions" in dialog.summary.text()
    assert dialog.width_spin.value() == 1600 and dialog.height_spin.value() == 900
    # Zoomed to March on screen: the export covers March.
    chart._view.setXRange(at("2026-03-01").timestamp(), at("2026-03-31").timestamp(), padding=0)
    dialog.path_edit.setText(str(tmp_path / "march.svg"))
    dialog._path_edited(dialog.path_edit.text())
    assert dialog.format_combo.currentData() == "svg"
    dialog.title_edit.setText("March")
    with qtbot.waitSignal(chart.exported) as exported, qtbot.waitSignal(dialog.finished):
        dialog.export_button.click()
    assert exported.args == [str(tmp_path / "march.svg")]
    assert dialog.result() == QDialog.DialogCode.Accepted
    svg = (tmp_path / "march.svg").read_text()
    assert "March" in svg and "1 Mar – 31 Mar 2026" in svg
    assert "First chat about lab safety teams" not in svg


def test_size_and_format_choices(chart, qtbot, tmp_path):
    dialog = open_dialog(chart, qtbot)
    dialog.path_edit.setText(str(tmp_path / "chart.png"))
    dialog.format_combo.setCurrentIndex(2)
    assert dialog.path_edit.text().endswith("chart.pdf")
    dialog.format_combo.setCurrentIndex(0)
    dialog.width_spin.setValue(1000)
    dialog.height_spin.setValue(500)
    with qtbot.waitSignal(dialog.finished):
        dialog.export_button.click()
    assert load_png(tmp_path / "chart.png").shape == (500, 1000, 3)


def test_a_bad_path_is_reported_inline_and_the_dialog_stays(chart, qtbot, tmp_path):
    dialog = open_dialog(chart, qtbot)
    dialog.path_edit.setText(str(tmp_path / "missing" / "chart.png"))
    dialog.export_button.click()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Cannot write") and dialog.error.isVisibleTo(dialog)
    assert "does not exist" in dialog.error.text()
    dialog.path_edit.setText(str(tmp_path / "chart.gif"))
    dialog.export_button.click()
    assert ".png, .svg or .pdf" in dialog.error.text()
    assert not (tmp_path / "chart.gif").exists()
    dialog.reject()


def test_browse_uses_the_save_dialog(chart, qtbot, tmp_path, file_dialog):
    target = str(tmp_path / "picked.pdf")
    file_dialog.answer(target)
    dialog = open_dialog(chart, qtbot)
    dialog._browse()
    assert dialog.path_edit.text() == target
    assert dialog.format_combo.currentData() == "pdf"
    dialog.reject()


def test_nothing_to_export_disables_the_button(qtbot, journal):
    w = HistoryChart(Holder(journal))
    qtbot.addWidget(w)
    dialog = open_dialog(w, qtbot)
    assert not dialog.export_button.isEnabled()
    assert "nothing to export" in dialog.summary.text()
    dialog.reject()


def test_file_names_from_titles():
    assert file_stem("I should take a job at a large AI lab") == "i-should-take-a-job-at-a-large-ai-lab"
    assert file_stem("???") == "belief-history"
