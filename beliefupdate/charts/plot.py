"""The history chart's plot (pyqtgraph): a step line, jump arrows and dots per proposition, conversation
markers with their labels, the axes, and which part of time is in view."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QSizePolicy, QWidget

from beliefupdate.charts.colours import LIGHT, Theme, series_colour
from beliefupdate.charts.items import CredenceAxis, JumpArrows, TimeAxis
from beliefupdate.charts.lines import ImpliedLine, Track, logit
from beliefupdate.charts.scales import credence_range, utc_offset_west
from beliefupdate.charts.series import ChartData, arrow_margin_px, chart_data, side_by_side, spaced

# Arrows of one conversation stand this many pixels apart (see series.side_by_side).
_ARROW_SIDE_PX = 6
_MAX_MARKER_LABELS = 40


@dataclass
class PlotItems:
    """The plot items of one proposition: created once, then updated with setData."""

    step: pg.PlotDataItem
    arrows: JumpArrows
    dots: pg.ScatterPlotItem

    def all(self) -> tuple[pg.PlotDataItem, JumpArrows, pg.ScatterPlotItem]:
        return (self.step, self.arrows, self.dots)


class HistoryPlot(QObject):
    """Draws a ChartData on ``widget`` and keeps the view on it.

    The view stays fitted to the data's window until the user pans or zooms; while it is
    fitted, a new width needs a new window (the room kept for arrows is in pixels), which
    ``refit`` asks the owner to compute.
    """

    refit = Signal()

    def __init__(self, host: QWidget):
        super().__init__(host)
        self._host = host  # the marker labels take its font
        self.data: ChartData | None = None  # what is drawn (None when there is nothing to draw)
        self.log_odds = False
        self.theme: Theme = LIGHT
        self.fitted = True
        self._fitted_width = 0.0
        self.items: dict[str, PlotItems] = {}
        self._spare: list[PlotItems] = []
        self.implied_items: list[pg.PlotDataItem] = []  # a pool: the first len(data.implied) are shown

        self.date_axis = TimeAxis()
        self.credence_axis = CredenceAxis()
        # 0% and 100% sit near the plot's edges; their labels may reach a little beyond it.
        self.credence_axis.setStyle(hideOverlappingLabels=False)
        self.widget = pg.PlotWidget(axisItems={"bottom": self.date_axis, "left": self.credence_axis})
        self.widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        item = self.widget.getPlotItem()
        # pyqtgraph's context menu offers its own exporters, which produce unlabelled or broken files.
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setLabel("left", "Credence")
        self.view = item.getViewBox()
        self.view.setMouseEnabled(x=True, y=False)
        self.view.setDefaultPadding(0)
        self._markers = pg.PlotDataItem(connect="pairs")
        item.addItem(self._markers, ignoreBounds=True)
        self.marker_labels: list[pg.TextItem] = []
        self._marker_times = np.zeros(0)
        self.view.sigXRangeChanged.connect(self._view_changed)
        self.view.sigResized.connect(self._resized)
        self.view.sigRangeChangedManually.connect(self._user_moved)

    # -- what the chart asks -----------------------------------------------------

    def window(self, tracks: Sequence[Track], since: float | None, until: float | None,
               slots: dict[str, int], implied: Sequence[ImpliedLine] = ()) -> ChartData:
        """``tracks`` (and ``implied`` lines) cut to the time window this plot shows for [since, until], at its width."""
        return chart_data(
            tracks, since, until, slots, implied=implied,
            width_px=self.view.width(),
            margin_px=arrow_margin_px(len(tracks), _ARROW_SIDE_PX, JumpArrows.HEAD_HALF_WIDTH),
        )

    def draw(self) -> None:
        """Update the items in place to show ``data``; the view follows with ``settle``."""
        data = self.data
        assert data is not None  # the chart sets what to draw first
        self.date_axis.utcOffset = utc_offset_west((data.start + data.end) / 2)
        self._apply_y_range()
        self._sync_items(data)
        self._sync_implied(data)
        self._draw_markers(data)

    def settle(self, keep_view: bool) -> None:
        """Fit the view to the data's window, unless asked to keep it or the user moved it."""
        if not keep_view and self.fitted:
            self._fit_view()
        else:
            self._view_changed()

    def clear(self) -> None:
        self._marker_times = np.zeros(0)
        self._markers.setData([], [])
        for pid in list(self.items):
            self._drop_items(pid)
        for curve in self.implied_items:
            curve.setData([], [])
            curve.setVisible(False)

    def set_log_odds(self, on: bool) -> None:
        self.log_odds = on
        self.credence_axis.log_odds = on
        self.credence_axis.setLabel("Credence (log-odds scale)" if on else "Credence")

    def y(self, values: Iterable[float]) -> np.ndarray:
        """Credences in axis units, as the array pyqtgraph takes."""
        return np.array([logit(v) for v in values] if self.log_odds else values, dtype=float)

    def y_of(self, value: float) -> float:
        """One credence in axis units."""
        return logit(value) if self.log_odds else value

    def visible_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view.viewRange()
        return float(x0), float(x1)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.widget.setBackground(QColor(theme.plot_background))
        for name in ("left", "bottom"):
            axis = self.widget.getPlotItem().getAxis(name)
            axis.setPen(pg.mkPen(QColor(theme.frame)))
            axis.setTextPen(pg.mkPen(QColor(theme.text)))
        for label in self.marker_labels:
            label.setColor(QColor(theme.muted_text))

    # -- items ------------------------------------------------------------------------

    def _sync_items(self, data: ChartData) -> None:
        wanted = {s.track.id for s in data.series}
        for pid in list(self.items):
            if pid not in wanted:
                self._drop_items(pid)
        item = self.widget.getPlotItem()
        for s, dodge in zip(data.series, side_by_side(data), strict=True):
            items = self.items.get(s.track.id)
            if items is None:
                if self._spare:
                    items = self._spare.pop()
                    for it in items.all():
                        it.setVisible(True)
                else:
                    items = PlotItems(_step_curve(), JumpArrows(), pg.ScatterPlotItem(pxMode=True, symbol="o"))
                    for it in items.all():
                        item.addItem(it)
                self.items[s.track.id] = items
            self._style_items(s.track.id, items, data)
            t = s.track
            items.step.setData(np.array(s.step_x, dtype=float), self.y(s.step_y))
            items.arrows.set_data(
                s.jump_times, self.y(s.jump_before), self.y(s.jump_values), np.array(dodge, dtype=float) * _ARROW_SIDE_PX,
            )
            # A belief formed in a conversation starts its line there with a star, not a dot.
            symbols = ["star" if born else "o" for born in t.born_in(s.lone)]
            items.dots.setData(x=np.array(s.lone_times, dtype=float), y=self.y(s.lone_values), symbol=symbols)

    def _sync_implied(self, data: ChartData) -> None:
        """A dashed line per crux link, in the colour of the belief it is implied for."""
        while len(self.implied_items) < len(data.implied):
            curve = _step_curve()
            self.widget.getPlotItem().addItem(curve)
            self.implied_items.append(curve)
        for curve, sr in zip(self.implied_items, data.implied, strict=False):
            colour = QColor(series_colour(sr.line.id, self.theme.name, data.slots))
            curve.setPen(pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine))
            curve.setData(np.array(sr.step_x, dtype=float), self.y(sr.step_y))
            curve.setVisible(True)
        for curve in self.implied_items[len(data.implied):]:
            curve.setData([], [])
            curve.setVisible(False)

    def _style_items(self, pid: str, items: PlotItems, data: ChartData) -> None:
        colour = QColor(series_colour(pid, self.theme.name, data.slots))
        items.step.setPen(pg.mkPen(colour, width=2))
        items.arrows.set_colours(colour, QColor(self.theme.plot_background))
        items.dots.setPen(pg.mkPen(QColor(self.theme.plot_background), width=1.2))
        items.dots.setBrush(pg.mkBrush(colour))
        items.dots.setSize(9)

    def _drop_items(self, pid: str) -> None:
        """Hide a proposition's items and keep them for the next one shown: creating items is the slow part."""
        items = self.items.pop(pid)
        items.step.setData([], [])
        items.arrows.set_data([], [], [])
        items.dots.setData([], [])
        for it in items.all():
            it.setVisible(False)
        self._spare.append(items)

    # -- the view ---------------------------------------------------------------------

    def _resized(self, *_args: object) -> None:
        width = self.view.width()
        if self.data is not None and self.fitted and width != self._fitted_width:
            self.refit.emit()
            return
        if self.data is not None:
            self._apply_y_range()
        self._view_changed()

    def _fit_view(self) -> None:
        assert self.data is not None  # only data is fitted to
        self._fitted_width = self.view.width()
        self.view.setXRange(self.data.start, self.data.end, padding=0)
        self._apply_y_range()
        self._view_changed()

    def _apply_y_range(self) -> None:
        lo, hi = credence_range(self.log_odds, self.view.height())
        self.view.setLimits(yMin=lo, yMax=hi)
        self.view.setYRange(lo, hi, padding=0)

    def _user_moved(self, *_args: object) -> None:
        self.fitted = False

    def _view_changed(self, *_args: object) -> None:
        self._thin_markers()
        self._place_marker_labels()

    # -- conversation markers -------------------------------------------------------------

    def _draw_markers(self, data: ChartData) -> None:
        self._marker_times = np.array([m.at for m in data.markers], dtype=float)
        self._markers.setPen(pg.mkPen(QColor(self.theme.marker), width=1, style=Qt.PenStyle.DashLine))
        self._markers.setZValue(-10)

    def _thin_markers(self) -> None:
        """Marker lines at least 3 px apart at the current zoom."""
        (x0, x1), _ = self.view.viewRange()
        lo, hi = np.searchsorted(self._marker_times, [x0, x1])
        visible = self._marker_times[lo:hi]
        px_per_s = max(self.view.width(), 1.0) / max(x1 - x0, 1e-9)
        xs = visible[spaced((visible - x0) * px_per_s, 3)]
        low, high = credence_range(True)
        self._markers.setData(np.repeat(xs, 2), np.tile([low * 4, high * 4], len(xs)))

    def _place_marker_labels(self) -> None:
        """Label the conversation markers that have room, along the top of the plot."""
        data = self.data
        if data is None:
            for label in self.marker_labels:
                label.setVisible(False)
            return
        (x0, x1), (_y0, y1) = self.view.viewRange()
        width_px = max(self.view.width(), 1.0)
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
        while len(self.marker_labels) < len(placed):
            label = pg.TextItem(anchor=(0, 0))
            label.setFont(self._label_font())
            self.widget.getPlotItem().addItem(label, ignoreBounds=True)
            self.marker_labels.append(label)
        # The pool of labels only grows, so it may hold more than this frame places.
        for label, (m, text) in zip(self.marker_labels, placed, strict=False):
            label.setText(text, color=QColor(self.theme.muted_text))
            label.setPos(m.at, y1)
            label.setToolTip(m.label)
            label.setVisible(True)
        for label in self.marker_labels[len(placed):]:
            label.setVisible(False)

    def _label_font(self) -> QFont:
        font = QFont(self._host.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font


def _step_curve() -> pg.PlotDataItem:
    # Zoomed in on a few weeks of years of records, clipping skips what is outside the view.
    return pg.PlotDataItem(clipToView=True)
