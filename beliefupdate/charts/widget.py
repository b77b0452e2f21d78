"""The on-screen history chart (pyqtgraph), with its date range, scale and export controls."""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.charts.colours import DARK, LIGHT, Theme, series_colour
from beliefupdate.charts.items import CredenceAxis, JumpArrows, TimeAxis
from beliefupdate.charts.scales import credence_range, utc_offset_west
from beliefupdate.charts.series import (
    ChartData,
    Track,
    arrow_margin_px,
    chart_data,
    jump_text,
    logit,
    palette_slots,
    record_text,
    side_by_side,
    spaced,
    track,
)
from beliefupdate.charts.export import export_chart
from beliefupdate.charts.picture import PrintOptions
from beliefupdate.domain.errors import InvalidInput, NotFound

HOVER_RADIUS_PX = 9
# Arrows of one conversation stand this many pixels apart (see series.side_by_side).
_ARROW_SIDE_PX = 6
_LEGEND_TEXT_PX = 360
_MAX_MARKER_LABELS = 40
_PRESETS = (
    ("All time", None),
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
    ("Custom", "custom"),
)


@dataclass
class _Items:
    """The plot items of one proposition: created once, then updated with setData."""

    step: pg.PlotDataItem
    arrows: JumpArrows
    dots: pg.ScatterPlotItem

    def all(self):
        return (self.step, self.arrows, self.dots)


class HistoryChart(QWidget):
    """Shows the history of the selected propositions.

    The main window calls ``set_journal`` when a journal is opened,
    ``show_propositions`` when the selection changes, ``refresh`` when the
    journal's data changed, and ``open_export_dialog`` for File > Export chart (Ctrl+E).
    """

    exported = Signal(str)  # the path of a chart just exported

    def __init__(self, journal=None, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal = journal
        self._ids: tuple[str, ...] = ()
        self._tracks: dict[str, Track] = {}
        self._slots: dict[str, int] = {}
        self._items: dict[str, _Items] = {}
        self._spare: list[_Items] = []
        self._data: ChartData | None = None
        self._since: float | None = None
        self._until: float | None = None
        self._log_odds = False
        self._fitted = True
        self._fitted_width = 0.0
        self._theme: Theme = LIGHT
        self._export_dialog = None
        self.hover_text: str | None = None

        self._build()
        self._apply_theme()
        self.refresh()

    # -- construction -------------------------------------------------------

    def _build(self) -> None:
        self._range_combo = QComboBox()
        for label, _days in _PRESETS:
            self._range_combo.addItem(label)
        self._range_combo.setToolTip("Which part of the history to show")
        self._range_combo.setAccessibleName("Chart range")
        # Going to the chart pane by keyboard lands on its first control.
        self.setFocusProxy(self._range_combo)
        self._from = QDateEdit(calendarPopup=True)
        self._to = QDateEdit(calendarPopup=True)
        for edit, tip in ((self._from, "First day shown"), (self._to, "Last day shown")):
            edit.setDisplayFormat("d MMM yyyy")
            edit.setToolTip(tip)
        self._log_box = QCheckBox("Log-odds")
        self._log_box.setToolTip(
            "Equal steps are equal evidence: moving from 50% to 75% is as big as from 75% to 90%"
        )
        self.fit_action = QAction("Fit all", self)
        self.fit_action.setToolTip("Show all of the history in the chosen range")
        self.fit_action.triggered.connect(self.fit_all)
        fit_button = QToolButton()
        fit_button.setDefaultAction(self.fit_action)
        self.export_action = QAction("Export…", self)
        self.export_action.setToolTip("Save the chart as PNG, SVG or PDF")
        self.export_action.triggered.connect(self.open_export_dialog)
        export_button = QToolButton()
        export_button.setDefaultAction(self.export_action)

        dates = QHBoxLayout()
        dates.addWidget(self._range_combo)
        dates.addWidget(self._from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self._to)
        dates.addStretch(1)
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self._log_box)
        tools.addWidget(fit_button)
        tools.addWidget(export_button)
        # One row when it fits; on a narrow chart the tools go under the dates instead of clipping them.
        self._bar = bar = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addLayout(dates, 1)
        bar.addLayout(tools)
        self._bar_parts = (dates, tools)

        self._date_axis = TimeAxis()
        self._credence_axis = CredenceAxis()
        # 0% and 100% sit near the plot's edges; their labels may reach a little beyond it.
        self._credence_axis.setStyle(hideOverlappingLabels=False)
        self.plot = pg.PlotWidget(axisItems={"bottom": self._date_axis, "left": self._credence_axis})
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        item = self.plot.getPlotItem()
        # pyqtgraph's context menu offers its own exporters, which produce unlabelled or broken files.
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setLabel("left", "Credence")
        self._view = item.getViewBox()
        self._view.setMouseEnabled(x=True, y=False)
        self._view.setDefaultPadding(0)
        self._markers = pg.PlotDataItem(connect="pairs")
        item.addItem(self._markers, ignoreBounds=True)
        self._marker_labels: list[pg.TextItem] = []
        self._marker_times = np.zeros(0)
        self._view.sigXRangeChanged.connect(self._view_changed)
        self._view.sigResized.connect(self._resized)
        self._view.sigRangeChangedManually.connect(self._user_moved)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

        self._placeholder = QLabel()
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self._placeholder)
        self._stack.addWidget(self.plot)

        self._legend = QLabel()
        self._legend.setWordWrap(True)
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        # Many propositions would push the plot away: past four lines the legend scrolls.
        self._legend_area = QScrollArea()
        self._legend_area.setWidget(self._legend)
        self._legend_area.setWidgetResizable(True)
        self._legend_area.setFrameShape(QFrame.Shape.NoFrame)
        self._legend_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._legend_line = QFontMetrics(self._legend.font()).lineSpacing()
        self._legend_area.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._legend_area)

        self._range_combo.currentIndexChanged.connect(self._preset_chosen)
        self._from.dateChanged.connect(self._dates_edited)
        self._to.dateChanged.connect(self._dates_edited)
        self._log_box.toggled.connect(self.set_log_odds)
        self._set_dates_quietly(None, None)

    # -- the interface the main window uses ------------------------------------

    def set_journal(self, journal) -> None:
        self._journal = journal
        self._ids = ()
        self._tracks.clear()
        self.refresh()

    def show_propositions(self, ids: Sequence[str]) -> None:
        self._ids = tuple(dict.fromkeys(ids))
        self._load(missing_only=True)
        self._fitted = True
        self.redraw()

    def refresh(self) -> None:
        """Re-read the shown propositions from the journal (their data changed)."""
        self._tracks.clear()
        self._load(missing_only=False)
        self.redraw()

    def open_export_dialog(self) -> None:
        from beliefupdate.charts.export_dialog import ExportDialog

        if self._export_dialog is None:
            self._export_dialog = ExportDialog(self)
        self._export_dialog.prepare()
        self._export_dialog.open()

    def export_to(self, path, options: PrintOptions | None = None) -> str:
        """Export what is shown (selection and visible time range) to ``path``; returns the format.

        Raises UserError (and writes nothing) when there is nothing to export or the file cannot be written.
        """
        if self._data is None:
            raise InvalidInput("nothing to export: select propositions that have credences")
        if self._journal is not None:
            from beliefupdate.store.journal_file import refuse_own_files

            refuse_own_files(Path(path), self._journal.location.path)
        start, end = self.visible_range()
        tracks = [self._tracks[pid] for pid in self._ids if pid in self._tracks]
        data = chart_data(tracks, start, end, self._slots)
        fmt = export_chart(data, path, options or PrintOptions(log_odds=self._log_odds))
        self.exported.emit(str(path))
        return fmt

    # -- state ----------------------------------------------------------------

    @property
    def data(self) -> ChartData | None:
        """What is drawn now (None when there is nothing to draw)."""
        return self._data

    @property
    def log_odds(self) -> bool:
        return self._log_odds

    @property
    def theme(self) -> Theme:
        return self._theme

    def shown_ids(self) -> tuple[str, ...]:
        return tuple(pid for pid in self._ids if pid in self._tracks)

    def _load(self, missing_only: bool) -> None:
        if self._journal is None:
            self._tracks.clear()
            self._slots = {}
            return
        for pid in self._ids:
            if missing_only and pid in self._tracks:
                continue
            try:
                self._tracks[pid] = track(self._journal.proposition(pid), self._journal.history(pid))
            except NotFound:
                self._tracks.pop(pid, None)
        # Tracks of propositions no longer shown, and the colour slots, stay cached until
        # the journal changes (refresh), so changing the selection costs no query.
        if not missing_only or not self._slots:
            self._slots = palette_slots(self._journal)

    def set_log_odds(self, on: bool) -> None:
        if on == self._log_odds:
            return
        self._log_odds = on
        if self._log_box.isChecked() != on:
            self._log_box.setChecked(on)
        self._credence_axis.log_odds = on
        self._credence_axis.setLabel("Credence (log-odds scale)" if on else "Credence")
        self.redraw(keep_view=True)

    def set_date_range(self, since: datetime | None, until: datetime | None) -> None:
        """Show only [since, until]; None on either side means from the first / up to now."""
        self._since = since.timestamp() if since else None
        self._until = until.timestamp() if until else None
        self._set_dates_quietly(since, until)
        self._range_combo.blockSignals(True)
        self._range_combo.setCurrentIndex(0 if since is None and until is None else len(_PRESETS) - 1)
        self._range_combo.blockSignals(False)
        self._fitted = True
        self.redraw()

    def view_options(self) -> dict[str, object]:
        """What a window keeps between runs: the scale, and the range preset by its name."""
        return {"log_odds": self._log_odds, "range": _PRESETS[self._range_combo.currentIndex()][0]}

    def restore_view_options(self, options: dict) -> None:
        """Put back what view_options gave; a custom range is not kept (its dates belong to that day's work)."""
        self.set_log_odds(bool(options.get("log_odds", False)))
        names = [name for name, days in _PRESETS if days != "custom"]
        if options.get("range") in names:
            self._range_combo.setCurrentIndex(names.index(options["range"]))

    def date_range(self) -> tuple[float | None, float | None]:
        return self._since, self._until

    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self._view.viewRange()
        return float(x0), float(x1)

    # -- drawing --------------------------------------------------------------

    def redraw(self, keep_view: bool = False) -> None:
        """Recompute the series from the fetched tracks and update the plot items in place."""
        tracks = [self._tracks[pid] for pid in self._ids if pid in self._tracks]
        self._data = None
        if self._journal is None:
            return self._show_message("Open a journal to see the history of your beliefs.")
        if not tracks:
            return self._show_message("Select one or more propositions to see how your credence in them changed.")
        if not any(len(t.times) for t in tracks):
            return self._show_message(
                "No credences recorded yet for the selected propositions.\n"
                "Log a conversation or a check-in and the line starts here."
            )
        data = chart_data(
            tracks, self._since, self._until, self._slots,
            width_px=self._view.width(),
            margin_px=arrow_margin_px(len(tracks), _ARROW_SIDE_PX, JumpArrows.HEAD_HALF_WIDTH),
        )
        if not data.has_data and self._since is not None:
            return self._show_message("No credences recorded in this date range.\nChoose a wider range or All time.")
        self._data = data
        self._stack.setCurrentWidget(self.plot)
        self._set_dates_enabled(True)
        self._date_axis.utcOffset = utc_offset_west((data.start + data.end) / 2)
        self._apply_y_range()
        self._sync_items(data)
        self._draw_markers(data)
        self._update_legend(data)
        if self._since is None and self._until is None:
            self._set_dates_quietly(None, None)
        if not keep_view and self._fitted:
            self._fit_view()
        else:
            self._view_changed()

    def _show_message(self, text: str) -> None:
        self._placeholder.setText(text)
        self._stack.setCurrentWidget(self._placeholder)
        # Nothing drawn and no range chosen: the date fields would only show today twice.
        self._set_dates_enabled(self._since is not None or self._until is not None)
        # The legend keeps its place (empty): showing and hiding it would resize the plot each time.
        self._legend.clear()
        self._marker_times = np.zeros(0)
        self._markers.setData([], [])
        for pid in list(self._items):
            self._drop_items(pid)

    def _y(self, values: np.ndarray) -> np.ndarray:
        return logit(values) if self._log_odds else values

    def _sync_items(self, data: ChartData) -> None:
        wanted = {s.track.id for s in data.series}
        for pid in list(self._items):
            if pid not in wanted:
                self._drop_items(pid)
        item = self.plot.getPlotItem()
        for s, dodge in zip(data.series, side_by_side(data), strict=True):
            items = self._items.get(s.track.id)
            if items is None:
                if self._spare:
                    items = self._spare.pop()
                    for it in items.all():
                        it.setVisible(True)
                else:
                    items = _Items(_step_curve(), JumpArrows(), pg.ScatterPlotItem(pxMode=True, symbol="o"))
                    for it in items.all():
                        item.addItem(it)
                self._items[s.track.id] = items
            self._style_items(s.track.id, items)
            t = s.track
            items.step.setData(s.step_x, self._y(s.step_y))
            items.arrows.set_data(
                t.jump_times[s.jumps], self._y(t.jump_before[s.jumps]), self._y(t.jump_values[s.jumps]),
                dodge * _ARROW_SIDE_PX,
            )
            items.dots.setData(x=t.times[s.lone], y=self._y(t.values[s.lone]))

    def _style_items(self, pid: str, items: _Items) -> None:
        colour = QColor(series_colour(pid, self._theme.name, self._slots))
        items.step.setPen(pg.mkPen(colour, width=2))
        items.arrows.set_colours(colour, QColor(self._theme.plot_background))
        items.dots.setPen(pg.mkPen(QColor(self._theme.plot_background), width=1.2))
        items.dots.setBrush(pg.mkBrush(colour))
        items.dots.setSize(9)

    def _drop_items(self, pid: str) -> None:
        """Hide a proposition's items and keep them for the next one shown: creating items is the slow part."""
        items = self._items.pop(pid)
        items.step.setData([], [])
        items.arrows.set_data([], [], [])
        items.dots.setData([], [])
        for it in items.all():
            it.setVisible(False)
        self._spare.append(items)

    def _draw_markers(self, data: ChartData) -> None:
        self._marker_times = np.array([m.at for m in data.markers], dtype=float)
        self._markers.setPen(pg.mkPen(QColor(self._theme.marker), width=1, style=Qt.PenStyle.DashLine))
        self._markers.setZValue(-10)

    def _resized(self, *_args) -> None:
        width = self._view.width()
        if self._data is not None and self._fitted and width != self._fitted_width:
            # The room kept for the arrows at the ends is in pixels: a new width needs a new window.
            return self.redraw()
        if self._data is not None:
            self._apply_y_range()
        self._view_changed()

    def _view_changed(self, *_args) -> None:
        self._thin_markers()
        self._place_marker_labels()

    def _thin_markers(self) -> None:
        """Marker lines at least 3 px apart at the current zoom."""
        (x0, x1), _ = self._view.viewRange()
        lo, hi = np.searchsorted(self._marker_times, [x0, x1])
        visible = self._marker_times[lo:hi]
        px_per_s = max(self._view.width(), 1.0) / max(x1 - x0, 1e-9)
        xs = visible[spaced((visible - x0) * px_per_s, 3)]
        low, high = credence_range(True)
        self._markers.setData(np.repeat(xs, 2), np.tile([low * 4, high * 4], len(xs)))

    def _update_legend(self, data: ChartData) -> None:
        fm = QFontMetrics(self._legend.font())
        parts = []
        tips = []
        for s in data.series:
            p = s.track.proposition
            colour = series_colour(p.id, self._theme.name, self._slots)
            text = fm.elidedText(p.text, Qt.TextElideMode.ElideRight, _LEGEND_TEXT_PX)
            # Non-breaking spaces: the legend wraps between entries, never inside one.
            words = html.escape(text).replace(" ", "&nbsp;")
            parts.append(f'<span style="color:{colour}; font-weight:bold">━━</span>&nbsp;{words}')
            tips.append(f"#{p.handle} {p.text}")
        self._legend.setText("&nbsp;&nbsp;&nbsp; ".join(parts))
        self._legend.setToolTip("\n".join(tips))
        self._legend_area.setVisible(True)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """As tall as its lines, up to four (two in a short chart, whose plot comes first); past that it scrolls."""
        height = self._legend.heightForWidth(max(self._legend_area.viewport().width(), 100))
        lines = 4 if self.height() >= 360 else 2
        self._legend_area.setFixedHeight(max(min(height, self._legend_line * lines), self._legend_line))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        one_row = sum(part.sizeHint().width() for part in self._bar_parts) + self._bar.spacing()
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        self._bar.setDirection(QBoxLayout.Direction.LeftToRight if room >= one_row
                               else QBoxLayout.Direction.TopToBottom)
        if self._legend_area.isVisible():
            self._fit_legend()

    def fit_all(self) -> None:
        """Show the whole chosen range of the selected propositions, every arrow whole."""
        self._fitted = True
        if self._data is not None:
            self.redraw()

    def _fit_view(self) -> None:
        self._fitted_width = self._view.width()
        self._view.setXRange(self._data.start, self._data.end, padding=0)
        self._apply_y_range()
        self._view_changed()

    def _apply_y_range(self) -> None:
        lo, hi = credence_range(self._log_odds, self._view.height())
        self._view.setLimits(yMin=lo, yMax=hi)
        self._view.setYRange(lo, hi, padding=0)

    def _user_moved(self, *_args) -> None:
        self._fitted = False

    def _place_marker_labels(self, *_args) -> None:
        """Label the conversation markers that have room, along the top of the plot."""
        data = self._data
        if data is None:
            for label in self._marker_labels:
                label.setVisible(False)
            return
        (x0, x1), (_y0, y1) = self._view.viewRange()
        width_px = max(self._view.width(), 1.0)
        px_per_s = width_px / max(x1 - x0, 1e-9)
        fm = QFontMetrics(self._label_font())
        lo, hi = np.searchsorted(self._marker_times, [x0, x1], side="left")
        xs = np.append((self._marker_times[lo:hi] - x0) * px_per_s, width_px)
        # Each label may run up to the next marker line; markers with less room than a short word stay unlabelled.
        room = np.minimum(np.diff(xs) - 6, 240)
        placed = []
        for i in np.flatnonzero(room >= 60)[:_MAX_MARKER_LABELS].tolist():
            m = data.markers[lo + i]
            placed.append((m, fm.elidedText(m.label, Qt.TextElideMode.ElideRight, int(room[i]))))
        while len(self._marker_labels) < len(placed):
            label = pg.TextItem(anchor=(0, 0))
            label.setFont(self._label_font())
            self.plot.getPlotItem().addItem(label, ignoreBounds=True)
            self._marker_labels.append(label)
        # The pool of labels only grows, so it may hold more than this frame places.
        for label, (m, text) in zip(self._marker_labels, placed, strict=False):
            label.setText(text, color=QColor(self._theme.muted_text))
            label.setPos(m.at, y1)
            label.setToolTip(m.label)
            label.setVisible(True)
        for label in self._marker_labels[len(placed):]:
            label.setVisible(False)

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font

    # -- hover ----------------------------------------------------------------

    def hover_text_at(self, x: float, y: float) -> str | None:
        """The tooltip for view coordinates (time, credence in axis units), or None.

        A jump wins over a lone record when both are within reach.
        """
        data = self._data
        if data is None:
            return None
        px_w, px_h = self._view.viewPixelSize()
        best: tuple[float, str] | None = None
        for s in data.series:
            t = s.track
            if len(s.jumps):
                jx = t.jump_times[s.jumps]
                yb = self._y(t.jump_before[s.jumps])
                ya = self._y(t.jump_values[s.jumps])
                lo, hi = np.minimum(yb, ya), np.maximum(yb, ya)
                dy = np.where(y < lo, lo - y, np.where(y > hi, y - hi, 0.0)) / px_h
                d = np.hypot((jx - x) / px_w, dy)
                i = int(np.argmin(d))
                if d[i] <= HOVER_RADIUS_PX and (best is None or d[i] < best[0]):
                    best = (float(d[i]), jump_text(t, int(s.jumps[i])))
            if len(s.lone):
                lx = t.times[s.lone]
                ly = self._y(t.values[s.lone])
                d = np.hypot((lx - x) / px_w, (ly - y) / px_h)
                i = int(np.argmin(d))
                # A record only wins when clearly nearer than any jump.
                if d[i] <= HOVER_RADIUS_PX and (best is None or d[i] + 2 < best[0]):
                    best = (float(d[i]), record_text(t, int(s.lone[i])))
        return best[1] if best else None

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        if self._data is None or not self._view.sceneBoundingRect().contains(scene_pos):
            self._hide_hover()
            return
        point = self._view.mapSceneToView(scene_pos)
        text = self.hover_text_at(point.x(), point.y())
        if text is None:
            self._hide_hover()
            return
        self.hover_text = text
        view_pos = self.plot.mapFromScene(scene_pos)
        QToolTip.showText(self.plot.mapToGlobal(view_pos) + QPoint(12, 12), text, self.plot)

    def _hide_hover(self) -> None:
        if self.hover_text is not None:
            self.hover_text = None
            QToolTip.hideText()

    # -- date range control ------------------------------------------------------

    def _set_dates_enabled(self, enabled: bool) -> None:
        self._from.setEnabled(enabled)
        self._to.setEnabled(enabled)

    def _set_dates_quietly(self, since: datetime | None, until: datetime | None) -> None:
        if since is None or until is None:
            span = self._data_span()
            if span is not None:
                since = since or datetime.fromtimestamp(span[0]).astimezone()
                until = until or datetime.fromtimestamp(max(span[1], time.time())).astimezone()
        today = datetime.now().astimezone()
        for edit, value in ((self._from, since or today), (self._to, until or today)):
            local = value.astimezone()
            edit.blockSignals(True)
            edit.setDate(QDate(local.year, local.month, local.day))
            edit.blockSignals(False)

    def _data_span(self) -> tuple[float, float] | None:
        times = [self._tracks[pid].times for pid in self.shown_ids() if len(self._tracks[pid].times)]
        if not times:
            return None
        return float(min(a[0] for a in times)), float(max(a[-1] for a in times))

    def _preset_chosen(self, index: int) -> None:
        days = _PRESETS[index][1]
        if days == "custom":
            self._dates_edited()
            return
        if days is None:
            self._since = self._until = None
            self._set_dates_quietly(None, None)
        else:
            now = datetime.now().astimezone()
            since = now - timedelta(days=days)
            self._since, self._until = since.timestamp(), None
            self._set_dates_quietly(since, now)
        self._fitted = True
        self.redraw()

    def _dates_edited(self, *_args) -> None:
        first = self._from.date().toPython()
        last = self._to.date().toPython()
        if last < first:
            first, last = last, first
        since = datetime(first.year, first.month, first.day).astimezone()
        until = datetime(last.year, last.month, last.day).astimezone() + timedelta(days=1)
        self._since, self._until = since.timestamp(), until.timestamp()
        self._range_combo.blockSignals(True)
        self._range_combo.setCurrentIndex(len(_PRESETS) - 1)
        self._range_combo.blockSignals(False)
        self._fitted = True
        self.redraw()

    # -- theme ------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) and hasattr(self, "plot"):
            self._apply_theme()
            if self._data is not None:
                self.redraw(keep_view=True)
        super().changeEvent(event)

    def _apply_theme(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self._theme = DARK if dark else LIGHT
        theme = self._theme
        self.plot.setBackground(QColor(theme.plot_background))
        for name in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(name)
            axis.setPen(pg.mkPen(QColor(theme.frame)))
            axis.setTextPen(pg.mkPen(QColor(theme.text)))
        self._placeholder.setStyleSheet(f"color: {theme.muted_text}; font-size: 11pt;")
        for label in self._marker_labels:
            label.setColor(QColor(theme.muted_text))


def _step_curve() -> pg.PlotDataItem:
    # Zoomed in on a few weeks of years of records, clipping skips what is outside the view.
    return pg.PlotDataItem(clipToView=True)
