"""Where everything goes on the printed history chart: the page's fonts, the plot's frame, the
title, the legend and the conversations' labels, in pixels of the requested size.

picture.py paints what is placed here; the screen asks window_room for the same room around arrows.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from beliefupdate.charts.colours import LIGHT, series_colour
from beliefupdate.charts.lines import logit
from beliefupdate.charts.scales import credence_range, date_range_text
from beliefupdate.charts.series import IMPLIED_LEGEND, ChartData, Marker, arrow_margin_px, default_title
from beliefupdate.charts.sizes import DEFAULT_HEIGHT, DEFAULT_WIDTH

_PREFERRED_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica")


@dataclass(frozen=True)
class PrintOptions:
    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    title: str | None = None
    log_odds: bool = False


@functools.cache
def font_family() -> str:
    """A common sans family, so that an SVG renderer elsewhere finds the same font.

    Asked once: every font of a picture asks, and Qt lists all the system's families each time.
    """
    families = set(QFontDatabase.families())
    for name in _PREFERRED_FAMILIES:
        if name in families:
            return name
    return QFont().defaultFamily()


def _font(px: float, bold: bool = False) -> QFont:
    f = QFont(font_family())
    f.setPixelSize(max(8, round(px)))
    f.setBold(bold)
    # Hinting moves glyphs differently per device; unhinted text looks the same in all three formats.
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


@dataclass(frozen=True)
class Fonts:
    title: QFont
    subtitle: QFont
    tick: QFont
    axis: QFont
    legend: QFont
    label: QFont

    @classmethod
    def scaled(cls, s: float) -> Fonts:
        return cls(_font(30 * s, True), _font(18 * s), _font(16 * s), _font(17 * s), _font(17 * s), _font(14 * s))


@dataclass(frozen=True)
class LegendItem:
    text: str
    colour: str
    dashed: bool = False


@dataclass
class Layout:
    """Where everything goes on a page of ``width`` x ``height`` pixels."""

    width: int
    height: int
    scale: float
    log_odds: bool
    start: float
    end: float
    plot: QRectF
    title_lines: list[str]
    subtitle: str
    label_rows: int
    legend: list[list[tuple[QRectF, LegendItem]]]  # rows of (where, what)

    def x(self, t: float) -> float:
        """Pixel column of time ``t``."""
        return self.plot.left() + (t - self.start) / (self.end - self.start) * self.plot.width()

    def y(self, p: float) -> float:
        """Pixel row of probability ``p``."""
        lo, hi = credence_range(self.log_odds)
        v = logit(p) if self.log_odds else p
        return self.plot.bottom() - (v - lo) / (hi - lo) * self.plot.height()

    def xs(self, times: Iterable[float]) -> list[float]:
        left, start, span, width = self.plot.left(), self.start, self.end - self.start, self.plot.width()
        return [left + (t - start) / span * width for t in times]

    def ys(self, probabilities: Iterable[float]) -> list[float]:
        lo, hi = credence_range(self.log_odds)
        bottom, span, height = self.plot.bottom(), hi - lo, self.plot.height()
        values = map(logit, probabilities) if self.log_odds else probabilities
        return [bottom - (v - lo) / span * height for v in values]


# Arrows of one conversation stand this far apart, and their heads reach this far sideways (times the scale).
ARROW_SIDE_PX = 9
ARROW_HEAD_HALF_PX = 7


def _scale(options: PrintOptions) -> float:
    return max(0.45, min(options.width / DEFAULT_WIDTH, options.height / DEFAULT_HEIGHT, 5.0))


def _plot_columns(w: float, s: float, fonts: Fonts) -> tuple[float, float]:
    """Left and right edge of the plot: they depend on the page and fonts only, not on the data."""
    margin = 36 * s
    tick_fm = QFontMetricsF(fonts.tick)
    axis_fm = QFontMetricsF(fonts.axis)
    left = margin + axis_fm.height() + 10 * s + tick_fm.horizontalAdvance("99.9%") + 10 * s
    return left, w - margin - 8 * s


def window_room(options: PrintOptions, propositions: int) -> dict[str, float]:
    """The plot's width and the room arrows need, for series.time_window (the screen asks the same)."""
    s = _scale(options)
    left, right = _plot_columns(options.width, s, Fonts.scaled(s))
    return {
        "width_px": right - left,
        "margin_px": arrow_margin_px(propositions, ARROW_SIDE_PX * s, ARROW_HEAD_HALF_PX * s),
    }


def layout(data: ChartData, options: PrintOptions) -> Layout:
    w, h = options.width, options.height
    s = _scale(options)
    fonts = Fonts.scaled(s)
    margin = 36 * s
    inner_w = w - 2 * margin

    title = options.title if options.title is not None else default_title(data.propositions)
    title_fm = QFontMetricsF(fonts.title)
    title_lines = _wrap(title, title_fm, inner_w, max_lines=2)
    top = margin + title_fm.height() * len(title_lines)
    sub_fm = QFontMetricsF(fonts.subtitle)
    subtitle = _subtitle(data, options)
    top += 6 * s + sub_fm.height()

    label_fm = QFontMetricsF(fonts.label)
    label_rows = 3 if data.markers else 0
    top += 14 * s + label_rows * (label_fm.height() + 2 * s)

    legend_items = [
        LegendItem(sr.track.proposition.text, series_colour(sr.track.id, "light", data.slots)) for sr in data.series
    ]
    if any(len(sr.step_x) for sr in data.implied):
        legend_items.append(LegendItem(IMPLIED_LEGEND, LIGHT.muted_text, dashed=True))
    tick_fm = QFontMetricsF(fonts.tick)
    axis_fm = QFontMetricsF(fonts.axis)
    left, right = _plot_columns(w, s, fonts)
    legend = _legend(legend_items, QFontMetricsF(fonts.legend), left, right - left, s)
    legend_h = sum(r[0][0].height() for r in legend) + (14 * s if legend else 0)

    bottom_block = 8 * s + tick_fm.height() + 6 * s + axis_fm.height() + 12 * s + legend_h
    bottom = h - margin - bottom_block
    plot = QRectF(left, top, right - left, max(bottom - top, 40 * s))
    # The legend sits right under the x axis title.
    y0 = plot.bottom() + bottom_block - legend_h + 14 * s
    legend = [[(QRectF(r.left(), y0 + r.top(), r.width(), r.height()), item) for r, item in row] for row in legend]
    return Layout(w, h, s, options.log_odds, data.start, data.end, plot, title_lines, subtitle, label_rows, legend)


def _subtitle(data: ChartData, options: PrintOptions) -> str:
    parts = [date_range_text(data.start, data.end)]
    n = len([m for m in data.markers if data.start <= m.at <= data.end])
    parts.append(f"{n} conversation{'s' if n != 1 else ''}")
    parts.append("credence on a log-odds scale" if options.log_odds else "credence in %")
    return "  ·  ".join(parts)


def _wrap(text: str, fm: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if fm.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        if len(lines) == max_lines - 1:
            current = " ".join([current, *words[i:]])
            break
        lines.append(current)
        current = word
    lines.append(fm.elidedText(current, Qt.TextElideMode.ElideRight, width))
    return lines


LegendRow = list[tuple[QRectF, LegendItem]]


def _legend(items: list[LegendItem], fm: QFontMetricsF, left: float, width: float, s: float) -> list[LegendRow]:
    """Rows of (rect relative to the legend's top, item); columns as many as the texts allow."""
    if not items:
        return []
    swatch = 34 * s
    gap = 28 * s
    widest = max(fm.horizontalAdvance(i.text) for i in items) + swatch
    columns = 1
    for n in range(min(len(items), 4), 0, -1):
        if widest <= (width - gap * (n - 1)) / n or n == 1:
            columns = n
            break
    if len(items) > 2 and columns == 1:
        columns = 2
    col_w = (width - gap * (columns - 1)) / columns
    max_rows = 6
    if len(items) > max_rows * columns:
        hidden = len(items) - (max_rows * columns - 1)
        items = [*items[:max_rows * columns - 1], LegendItem(f"and {hidden} more", "")]
    row_h = fm.height() + 6 * s
    rows: list[LegendRow] = []
    for r in range(math.ceil(len(items) / columns)):
        row: LegendRow = []
        for c in range(columns):
            i = r * columns + c
            if i < len(items):
                row.append((QRectF(left + c * (col_w + gap), r * row_h, col_w, row_h), items[i]))
        rows.append(row)
    return rows


def place_labels(markers: list[Marker], lay: Layout, fm: QFontMetricsF) -> list[tuple[Marker, str, float, int]]:
    """(marker, text, left, row) for the labels that fit, elided if need be.

    A label's connector runs down through the rows below it, so no label may
    cover another marker's connector. Markers are placed from the right, so
    that an earlier label can climb over later ones instead of blocking them.
    """
    s = lay.scale
    gap = 10 * s
    rows = lay.label_rows
    texts: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    connectors: list[tuple[float, int]] = []
    right_limit = lay.width - 24 * s
    max_label = min(320 * s, lay.plot.width() / 3)

    def crosses_lower(x: float, row: int) -> bool:
        return any(a - s <= x <= b + s for r in range(row) for a, b in texts[r])

    def blocked(row: int, a: float, b: float) -> bool:
        if any(b + gap > lo and a - gap < hi for lo, hi in texts[row]):
            return True
        return any(a - gap < cx < b + gap for cx, crow in connectors if crow > row)

    out: list[tuple[Marker, str, float, int]] = []
    for m in reversed(markers):
        x = float(lay.x(m.at))
        full = min(fm.horizontalAdvance(m.label), max_label)
        start = x - 3 * s
        choice = None
        for row in range(rows):
            if not crosses_lower(x, row) and not blocked(row, start, start + full) and start + full <= right_limit:
                choice = (row, start, full)
                break
        if choice is None and start + full > right_limit:
            # Near the right edge the text ends at its marker instead.
            for row in reversed(range(rows)):
                left = x + 3 * s - full
                if left >= lay.plot.left() - 20 * s and not crosses_lower(x, row) and not blocked(row, left, left + full):
                    choice = (row, left, full)
                    break
        if choice is None:
            best = (0.0, -1)
            for row in range(rows):
                if crosses_lower(x, row) or blocked(row, start, start + 1):
                    continue
                limit = min(
                    [a for a, _b in texts[row] if a > start]
                    + [cx for cx, crow in connectors if crow > row and cx > start]
                    + [right_limit + gap]
                )
                best = max(best, (limit - gap - start, row))
            # Shorter than this, a label is a stub ("Conv…") that says nothing.
            if best[0] >= 110 * s:
                choice = (best[1], start, best[0])
        if choice is None:
            continue
        row, left, width = choice
        text = fm.elidedText(m.label, Qt.TextElideMode.ElideRight, width + 0.5)
        texts[row].append((left, left + fm.horizontalAdvance(text)))
        connectors.append((x, row))
        out.append((m, text, left, row))
    return out


def visible_markers(markers: tuple[Marker, ...], lay: Layout) -> list[Marker]:
    return [m for m in markers if lay.start <= m.at <= lay.end]
