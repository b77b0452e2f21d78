"""What an Insights tab is made of: labels that wrap, a page that asks for no more height than it needs,
and a titled table that says what is missing instead of showing no rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from beliefupdate.ui.insights.table_model import InsightModel
from beliefupdate.ui.panels import table

MAX_FITTED_WIDTH = 260  # a column sized to its contents grows no wider than this
FIT_SAMPLE_ROWS = 50  # sizing to contents looks at this many rows, not all ten thousand


def text_label(text: str = "", *, italic: bool = False, rich: bool = False) -> QLabel:
    """A label that wraps and whose text can be selected (and copied)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if italic:
        font = widget.font()
        font.setItalic(True)
        widget.setFont(font)
    return widget


class Page(QWidget):
    """A tab's page, asking its scroll area for no more height than its lines and tables need at least."""

    def heightForWidth(self, width: int) -> int:
        # The preferred height would scroll a page whose table could simply show fewer rows.
        layout = self.layout()
        return layout.minimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)


class TableBox(QWidget):
    """A titled table that says what is missing instead of showing no rows."""

    def __init__(self, name: str, model: InsightModel[Any], stretch: int, sort: tuple[int, Qt.SortOrder],
                 empty: str, title: str = ""):
        super().__init__()
        self.name = name
        self.model = model
        self.view: QTableView = table(name, model, stretch)
        # The text column is sized like the others and the last column takes what is left over:
        # a stretched text column shrinks to nothing when a narrow split cannot hold every number.
        self.view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(*sort)
        self.view.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.fitted = False  # columns sized to their contents, or to what the user chose last time
        self.empty = text_label(empty, italic=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setAccessibleName(f"{name}: nothing yet")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if title:
            layout.addWidget(QLabel(f"<b>{title}</b>"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.set_rows([])

    def set_rows(self, rows: Sequence[Any]) -> None:
        current = self.view.currentIndex()
        keep = self.model.row_id(self.model.row(current.row())) if current.isValid() else None
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows and not self.fitted:
            self.fit_columns()
        if keep is not None and (row := self.model.row_of(keep)) >= 0:
            # Put the selection back without telling the main window again.
            sm = self.view.selectionModel()
            sm.blockSignals(True)
            sm.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                               | QItemSelectionModel.SelectionFlag.Rows)
            sm.blockSignals(False)
            self.view.viewport().update()

    def fit_columns(self) -> None:
        self.fitted = True
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column), MAX_FITTED_WIDTH))
