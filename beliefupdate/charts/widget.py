"""The on-screen history chart: the range bar above, the plot (or a word on why there is none), the legend below.

It reads the shown propositions' histories from the journal and hands them on: the parts
(range_bar, plot, hover, legend) each hold one concern.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QPalette, QResizeEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLabel, QStackedWidget, QVBoxLayout, QWidget

from beliefupdate.charts.colours import DARK, LIGHT, Theme, assign_slots
from beliefupdate.charts.export import export_chart
from beliefupdate.charts.hover import Hover
from beliefupdate.charts.items import TimeAxis
from beliefupdate.charts.legend import Legend
from beliefupdate.charts.lines import ImpliedLine, Track, track
from beliefupdate.charts.page import PrintOptions
from beliefupdate.charts.plot import HistoryPlot, PlotItems
from beliefupdate.charts.range_bar import RangeBar
from beliefupdate.charts.series import ChartData, chart_data, load_implied, load_tracks
from beliefupdate.domain.errors import InvalidInput, NotFound, UserError
from beliefupdate.store.reader import JournalReader

if TYPE_CHECKING:
    from beliefupdate.charts.export_dialog import ExportDialog


class JournalSource(Protocol):
    """Whatever holds the open journal (the window's session). The chart asks it for the journal
    each time it reads, so it never keeps a journal that was closed and replaced."""

    @property
    def journal(self) -> JournalReader | None: ...


class HistoryChart(QWidget):
    """Shows the history of the selected propositions, read from ``source``'s journal.

    The main window calls ``journal_replaced`` when another journal is opened,
    ``show_propositions`` when the selection changes, ``refresh`` when the
    journal's data changed, and ``open_export_dialog`` for File > Export chart (Ctrl+E).
    """

    exported = Signal(str)  # the path of a chart just exported

    def __init__(self, source: JournalSource | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._source = source
        self._read_from: JournalReader | None = None  # the journal the cached tracks and slots come from
        self._ids: tuple[str, ...] = ()
        self._tracks: dict[str, Track] = {}
        self._slots: dict[str, int] = {}
        self._since: float | None = None
        self._until: float | None = None
        self._export_dialog: ExportDialog | None = None
        self.show_implied = False  # the dashed lines of what cruxes imply
        self._implied: dict[str, list[ImpliedLine]] = {}  # by the proposition they are implied for

        self.fit_action = QAction("Fit all", self)
        self.fit_action.setToolTip("Show all of the history in the chosen range")
        self.fit_action.triggered.connect(self.fit_all)
        self.export_action = QAction("Export…", self)
        self.export_action.setToolTip("Save the chart as PNG, SVG or PDF")
        self.export_action.triggered.connect(self.open_export_dialog)
        self.range_bar = RangeBar((self.fit_action, self.export_action))
        # Going to the chart pane by keyboard lands on its first control.
        self.setFocusProxy(self.range_bar.range_combo)
        self.history_plot = HistoryPlot(self)
        self.plot = self.history_plot.widget
        self.hover = Hover(self.history_plot)
        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self.plot)
        self.legend = Legend()

        layout = QVBoxLayout(self)
        layout.addWidget(self.range_bar)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.legend)

        self.range_bar.range_chosen.connect(self._range_chosen)
        self.range_bar.log_odds_toggled.connect(self.set_log_odds)
        self.range_bar.implied_toggled.connect(self.set_show_implied)
        self.history_plot.refit.connect(self.redraw)
        self.range_bar.show_dates(None, None, self._data_span())
        self._apply_theme()
        with contextlib.suppress(UserError):  # the server is away: it starts empty, the next reload fills it
            self.refresh()

    # -- the interface the main window uses ------------------------------------

    def journal_replaced(self) -> None:
        """Another journal is open: what was shown and read of the old one is dropped."""
        self._ids = ()
        self._tracks.clear()
        self._implied.clear()
        self.refresh()

    def show_propositions(self, ids: Sequence[str]) -> None:
        self._ids = tuple(dict.fromkeys(ids))
        self._load(missing_only=True)
        self.history_plot.fitted = True
        self.redraw()

    def refresh(self) -> None:
        """Re-read the shown propositions from the journal (their data changed).

        Raises UserError when the journal cannot be read (its server is away); the chart then
        still shows what it showed.
        """
        shown = self._tracks, self._implied, self._slots
        self._tracks, self._implied = {}, {}
        try:
            self._load(missing_only=False)
        except UserError:
            self._tracks, self._implied, self._slots = shown
            raise
        self.redraw()

    def open_export_dialog(self) -> None:
        from beliefupdate.charts.export_dialog import ExportDialog

        if self._export_dialog is None:
            self._export_dialog = ExportDialog(self, self)
        self._export_dialog.prepare()
        self._export_dialog.open()

    def export_to(self, path: str | os.PathLike[str], options: PrintOptions | None = None) -> str:
        """Export what is shown (selection and visible time range) to ``path``; returns the format.

        Raises UserError (and writes nothing) when there is nothing to export or the file cannot be written.
        """
        if self.data is None:
            raise InvalidInput("nothing to export: select propositions that have credences")
        if self._journal is not None:
            from beliefupdate.store.files.journal_file import refuse_own_files

            refuse_own_files(Path(path), self._journal.location.path)
        start, end = self.visible_range()
        data = chart_data(self._shown_tracks(), start, end, self._slots, implied=self._implied_lines())
        fmt = export_chart(data, path, options or PrintOptions(log_odds=self.log_odds))
        self.exported.emit(str(path))
        return fmt

    # -- state ----------------------------------------------------------------

    @property
    def data(self) -> ChartData | None:
        """What is drawn now (None when there is nothing to draw)."""
        return self.history_plot.data

    @property
    def log_odds(self) -> bool:
        return self.history_plot.log_odds

    @property
    def theme(self) -> Theme:
        return self.history_plot.theme

    @property
    def hover_text(self) -> str | None:
        """The tooltip the mouse has brought up, if any."""
        return self.hover.text

    def hover_text_at(self, x: float, y: float) -> str | None:
        """The tooltip for view coordinates (time, credence in axis units), or None."""
        return self.hover.text_at(x, y)

    @property
    def _journal(self) -> JournalReader | None:
        journal = self._source.journal if self._source is not None else None
        if journal is not self._read_from:
            # Read from a journal since replaced: nothing of it may be shown with the new one's.
            self._read_from = journal
            self._tracks.clear()
            self._implied.clear()
            self._slots = {}
        return journal

    def shown_ids(self) -> tuple[str, ...]:
        return tuple(pid for pid in self._ids if pid in self._tracks)

    def _shown_tracks(self) -> list[Track]:
        return [self._tracks[pid] for pid in self._ids if pid in self._tracks]

    def _implied_lines(self) -> list[ImpliedLine]:
        """The implied lines of the shown propositions, when they are asked for (read once per journal change)."""
        if not self.show_implied or self._journal is None:
            return []
        missing = [pid for pid in self.shown_ids() if pid not in self._implied]
        if missing:
            try:
                lines = load_implied(self._journal, missing)
            except UserError:  # the server is away: drawn without them until the journal is read again
                lines = None
            if lines is not None:
                for pid in missing:
                    self._implied[pid] = []
                for line in lines:
                    self._implied[line.id].append(line)
        return [line for pid in self.shown_ids() for line in self._implied.get(pid, [])]

    def _load(self, missing_only: bool) -> None:
        if self._journal is None:
            self._tracks.clear()
            self._slots = {}
            return
        journal = self._journal
        wanted = [pid for pid in self._ids if not (missing_only and pid in self._tracks)]
        # Tracks of propositions no longer shown, and the colour slots, stay cached until
        # the journal changes (refresh), so changing the selection costs no query.
        known = journal.proposition_ids() if wanted or not missing_only or not self._slots else []
        if not missing_only or not self._slots:
            self._slots = assign_slots(known)
        if not wanted:
            return
        present = set(known)
        for pid in wanted:
            if pid not in present:
                self._tracks.pop(pid, None)
        wanted = [pid for pid in wanted if pid in present]
        try:
            # All at once: a few queries for the whole selection rather than two per proposition.
            self._tracks.update((t.id, t) for t in load_tracks(journal, wanted))
        except NotFound:
            # Deleted elsewhere since the ids were read: each one on its own, the gone ones dropped.
            for pid in wanted:
                try:
                    self._tracks[pid] = track(journal.proposition(pid), journal.history(pid))
                except NotFound:
                    self._tracks.pop(pid, None)

    def set_log_odds(self, on: bool) -> None:
        if on == self.log_odds:
            return
        self.history_plot.set_log_odds(on)
        self.range_bar.set_log_odds(on)
        self.redraw(keep_view=True)

    def set_show_implied(self, on: bool) -> None:
        if on == self.show_implied:
            return
        self.show_implied = on
        if self.range_bar.implied_box.isChecked() != on:
            self.range_bar.implied_box.setChecked(on)
        self.redraw(keep_view=True)

    def set_date_range(self, since: datetime | None, until: datetime | None) -> None:
        """Show only [since, until]; None on either side means from the first / up to now."""
        self._since = since.timestamp() if since else None
        self._until = until.timestamp() if until else None
        self.range_bar.show_range(since, until, self._data_span())
        self.history_plot.fitted = True
        self.redraw()

    def view_options(self) -> dict[str, object]:
        """What a window keeps between runs: the scale, and the range preset by its name."""
        return {"log_odds": self.log_odds, "range": self.range_bar.preset_name(), "implied": self.show_implied}

    def restore_view_options(self, options: Mapping[str, object]) -> None:
        """Put back what view_options gave; a custom range is not kept (its dates belong to that day's work)."""
        self.set_log_odds(bool(options.get("log_odds", False)))
        self.set_show_implied(bool(options.get("implied", False)))
        self.range_bar.choose_preset(options.get("range"))

    def date_range(self) -> tuple[float | None, float | None]:
        return self._since, self._until

    def visible_range(self) -> tuple[float, float]:
        return self.history_plot.visible_range()

    def fit_all(self) -> None:
        """Show the whole chosen range of the selected propositions, every arrow whole."""
        self.history_plot.fitted = True
        if self.data is not None:
            self.redraw()

    # -- drawing --------------------------------------------------------------

    def redraw(self, keep_view: bool = False) -> None:
        """Recompute the series from the fetched tracks and update the plot items in place."""
        journal = self._journal  # first: a replaced journal's tracks are dropped here
        tracks = self._shown_tracks()
        plot = self.history_plot
        plot.data = None
        if journal is None:
            return self._show_message("Open a journal to see the history of your beliefs.")
        if not tracks:
            return self._show_message("Select one or more propositions to see how your credence in them changed.")
        if not any(len(t.times) for t in tracks):
            return self._show_message(
                "No credences recorded yet for the selected propositions.\n"
                "Log a conversation or a check-in and the line starts here."
            )
        data = plot.window(tracks, self._since, self._until, self._slots, self._implied_lines())
        if not data.has_data and self._since is not None:
            return self._show_message("No credences recorded in this date range.\nChoose a wider range or All time.")
        # Set before the plot is shown: showing it may resize it, and a resize looks at what is drawn.
        plot.data = data
        self._stack.setCurrentWidget(self.plot)
        self.range_bar.set_dates_enabled(True)
        plot.draw()
        self.legend.show_series(data, self.theme)
        self._fit_legend()
        if self._since is None and self._until is None:
            self.range_bar.show_dates(None, None, self._data_span())
        plot.settle(keep_view)

    def _show_message(self, text: str) -> None:
        self._placeholder.setText(text)
        self._stack.setCurrentWidget(self._placeholder)
        # Nothing drawn and no range chosen: the date fields would only show today twice.
        self.range_bar.set_dates_enabled(self._since is not None or self._until is not None)
        self.legend.clear()
        self.history_plot.clear()

    def _fit_legend(self) -> None:
        # Up to four lines, or two in a short chart, whose plot comes first.
        self.legend.fit(4 if self.height() >= 360 else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.legend.isVisible():
            self._fit_legend()

    # -- date range --------------------------------------------------------------

    def _data_span(self) -> tuple[float, float] | None:
        times = [self._tracks[pid].times for pid in self.shown_ids() if len(self._tracks[pid].times)]
        if not times:
            return None
        return float(min(a[0] for a in times)), float(max(a[-1] for a in times))

    def _range_chosen(self, since: float | None, until: float | None) -> None:
        self._since, self._until = since, until
        if since is None and until is None:
            self.range_bar.show_dates(None, None, self._data_span())
        self.history_plot.fitted = True
        self.redraw()

    # -- theme ------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and hasattr(self, "history_plot"):
            self._apply_theme()
            if self.data is not None:
                self.redraw(keep_view=True)
        super().changeEvent(event)

    def _apply_theme(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        theme = DARK if dark else LIGHT
        self.history_plot.apply_theme(theme)
        self._placeholder.setStyleSheet(f"color: {theme.muted_text}; font-size: 11pt;")

    # -- parts the tests and the main window reach by their old names -----------------

    @property
    def _view(self) -> pg.ViewBox:
        return self.history_plot.view

    @property
    def _date_axis(self) -> TimeAxis:
        return self.history_plot.date_axis

    @property
    def _items(self) -> dict[str, PlotItems]:
        return self.history_plot.items

    @property
    def _range_combo(self) -> QComboBox:
        return self.range_bar.range_combo

    @property
    def _from(self) -> QDateEdit:
        return self.range_bar.from_edit

    @property
    def _to(self) -> QDateEdit:
        return self.range_bar.to_edit

    @property
    def _log_box(self) -> QCheckBox:
        return self.range_bar.log_box
