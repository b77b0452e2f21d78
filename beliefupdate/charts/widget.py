"""The on-screen history chart (interface the main window relies on; filled in by the chart work)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class HistoryChart(QWidget):
    """Shows the history of the selected propositions.

    The main window calls ``set_journal`` when a journal is opened,
    ``show_propositions`` when the selection changes, ``refresh`` when the
    journal's data changed, and ``open_export_dialog`` for File > Export chart (Ctrl+E).
    """

    def __init__(self, journal=None, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._ids: tuple[str, ...] = ()
        self._label = QLabel("Select propositions to see their history.", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)

    def set_journal(self, journal) -> None:
        self._journal = journal
        self._ids = ()
        self.refresh()

    def show_propositions(self, ids: Sequence[str]) -> None:
        self._ids = tuple(ids)
        self.refresh()

    def refresh(self) -> None:
        n = len(self._ids)
        self._label.setText(f"{n} proposition(s) selected." if n else "Select propositions to see their history.")

    def open_export_dialog(self) -> None:
        pass
