"""File > Export chart…: where to, which format, what size; exports what the chart shows."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.charts import file_dialogs
from beliefupdate.charts.export import FORMATS
from beliefupdate.charts.page import PrintOptions
from beliefupdate.charts.scales import date_range_text
from beliefupdate.charts.series import ChartData, default_title
from beliefupdate.charts.sizes import DEFAULT_HEIGHT, DEFAULT_WIDTH, MAX_SIZE, MIN_SIZE
from beliefupdate.domain.errors import UserError


class ShownChart(Protocol):
    """What the dialog asks of the chart it exports (widget.HistoryChart), which also parents it."""

    @property
    def data(self) -> ChartData | None: ...

    @property
    def log_odds(self) -> bool: ...

    def visible_range(self) -> tuple[float, float]: ...

    def export_to(self, path: str | os.PathLike[str], options: PrintOptions | None = None) -> str: ...

_FORMAT_NAMES = {"png": "PNG image", "svg": "SVG drawing", "pdf": "PDF document"}


def file_stem(title: str) -> str:
    """A file name from a chart title: 'I should work at a lab' -> 'i-should-work-at-a-lab'."""
    stem = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")
    return stem[:60].rstrip("-") or "belief-history"


class ExportDialog(QDialog):
    """Non-blocking: open() it; it exports on Export and closes, or shows what went wrong inline."""

    def __init__(self, chart: ShownChart, parent: QWidget | None = None):
        super().__init__(parent)
        self._chart = chart
        self._folder: Path | None = None
        self.setWindowTitle("Export chart")

        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(380)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.format_combo = QComboBox()
        for fmt in FORMATS:
            self.format_combo.addItem(f"{_FORMAT_NAMES[fmt]} (.{fmt})", fmt)
        self.width_spin = QSpinBox(minimum=MIN_SIZE, maximum=MAX_SIZE, value=DEFAULT_WIDTH, suffix=" px")
        self.height_spin = QSpinBox(minimum=MIN_SIZE, maximum=MAX_SIZE, value=DEFAULT_HEIGHT, suffix=" px")
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_spin)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_spin)
        size_row.addStretch(1)
        self.title_edit = QLineEdit()
        self.log_box = QCheckBox("Log-odds scale")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c5221f;")
        self.error.hide()

        form = QFormLayout()
        form.addRow("File:", path_row)
        form.addRow("Format:", self.format_combo)
        form.addRow("Size:", size_row)
        form.addRow("Title:", self.title_edit)
        form.addRow("", self.log_box)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._format_chosen)
        self.path_edit.textEdited.connect(self._path_edited)

    def prepare(self) -> None:
        """Fill in from what the chart shows now; called each time before opening."""
        self.error.hide()
        data = self._chart.data
        if data is None:
            self.summary.setText("There is nothing to export yet: select propositions that have credences.")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        start, end = self._chart.visible_range()
        n = len(data.series)
        self.summary.setText(
            f"Exports what the chart shows: {n} proposition{'s' if n != 1 else ''}, "
            f"{date_range_text(start, end)}, in a light print theme."
        )
        title = default_title(data.propositions)
        self.title_edit.setPlaceholderText(title)
        self.log_box.setChecked(self._chart.log_odds)
        fmt = self.format_combo.currentData()
        folder = self._folder or _default_folder()
        self.path_edit.setText(str(folder / f"{file_stem(self.title_edit.text() or title)}.{fmt}"))

    def options(self) -> PrintOptions:
        return PrintOptions(
            width=self.width_spin.value(),
            height=self.height_spin.value(),
            title=self.title_edit.text().strip() or None,
            log_odds=self.log_box.isChecked(),
        )

    def export(self) -> None:
        path = self.path_edit.text().strip()
        if not path:
            return self._fail("Choose a file to export to.")
        target = Path(path).expanduser()
        try:
            self._chart.export_to(target, self.options())
        except UserError as e:
            return self._fail(str(e))
        self._folder = target.parent
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message[:1].upper() + message[1:])
        self.error.show()

    def _browse(self) -> None:
        fmt = self.format_combo.currentData()
        filters = ";;".join(f"{_FORMAT_NAMES[f]} (*.{f})" for f in FORMATS)
        chosen = file_dialogs.save_file_name(
            self, "Export chart", self.path_edit.text(), filters, f"{_FORMAT_NAMES[fmt]} (*.{fmt})"
        )
        if chosen:
            self.path_edit.setText(chosen)
            self._path_edited(chosen)

    def _format_chosen(self, _index: int) -> None:
        fmt = self.format_combo.currentData()
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(f".{fmt}")))

    def _path_edited(self, text: str) -> None:
        suffix = Path(text).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            self.format_combo.blockSignals(True)
            self.format_combo.setCurrentIndex(FORMATS.index(suffix))
            self.format_combo.blockSignals(False)


def _default_folder() -> Path:
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    if pictures and Path(pictures).is_dir():
        return Path(pictures)
    return Path.home()
