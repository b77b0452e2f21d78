"""What an import will add and what it will skip, shown before anything is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from beliefupdate.domain.types import ImportResult
from beliefupdate.interchange.registry import ImportFile

KINDS = ("propositions", "people", "conversations", "credences")
COLUMNS = ("new", "already present")


class ImportPreviewDialog(QDialog):
    """Counts of new and already present records; Import writes them all as one step, Cancel nothing."""

    def __init__(self, name: str, found: ImportFile, preview: ImportResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Import {name}")
        layout = QVBoxLayout(self)
        self.heading = QLabel(f"{name} is {found.importer.described}.")
        layout.addWidget(self.heading)

        grid = QGridLayout()
        for col, heading in enumerate(COLUMNS, start=1):
            label = QLabel(f"<b>{heading.capitalize()}</b>")
            grid.addWidget(label, 0, col, Qt.AlignmentFlag.AlignRight)
        # Each count by (kind, column), as the user reads it.
        self.cells: dict[tuple[str, str], QLabel] = {}
        for row, kind in enumerate(KINDS, start=1):
            grid.addWidget(QLabel(kind.capitalize()), row, 0)
            for col, (column, counts) in enumerate(zip(COLUMNS, (preview.added, preview.skipped), strict=True), start=1):
                cell = QLabel(str(counts.get(kind, 0)))
                cell.setAccessibleName(f"{kind} {column}")
                grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignRight)
                self.cells[(kind, column)] = cell
        layout.addLayout(grid)

        anything = any(preview.added.values())
        summary = "Import adds the new records as one step that Undo takes back." if anything else (
            "Everything in this file is already in the journal: there is nothing to import."
        )
        lines = [summary] + ([f"Deliberately {found.note}."] if found.note else [])
        lines += [f"Note: {n}." for n in preview.notes]
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Import")
        self.ok_button.setAccessibleName("Import")
        self.ok_button.setEnabled(anything)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        (self.ok_button if anything else self.cancel_button).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
