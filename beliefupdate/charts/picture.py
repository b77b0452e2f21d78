"""The printed history chart: one QPainter drawing shared by PNG, SVG and PDF.

Everything is laid out in pixels of the requested size, so the three formats
get the very same picture, and no coordinate is ever an epoch-second value
(SVG writers round those). Always in the light print theme.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen, QPolygonF

from beliefupdate.charts.colours import LIGHT, series_colour
from beliefupdate.charts.scales import credence_range, credence_ticks, date_range_text, time_ticks, zone_name
from beliefupdate.charts.sizes import DEFAULT_HEIGHT, DEFAULT_WIDTH, MAX_SIZE, MIN_SIZE  # noqa: F401  (re-exported)
from beliefupdate.charts.series import IMPLIED_LEGEND, ChartData, Marker, arrow_margin_px, default_title, logit, side_by_side, spaced


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
class _Fonts:
    title: QFont
    subtitle: QFont
    tick: QFont
    axis: QFont
    legend: QFont
    label: QFont

    @classmethod
    def scaled(cls, s: float) -> _Fonts:
        return cls(_font(30 * s, True), _font(18 * s), _font(16 * s), _font(17 * s), _font(17 * s), _font(14 * s))


@dataclass(frozen=True)
class _LegendItem:
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
    legend: list[list[tuple[QRectF, _LegendItem]]]

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
_ARROW_SIDE_PX = 9
_ARROW_HEAD_HALF_PX = 7


def _scale(options: PrintOptions) -> float:
    return max(0.45, min(options.width / DEFAULT_WIDTH, options.height / DEFAULT_HEIGHT, 5.0))


def _plot_columns(w: float, s: float, fonts: _Fonts) -> tuple[float, float]:
    """Left and right edge of the plot: they depend on the page and fonts only, not on the data."""
    margin = 36 * s
    tick_fm = QFontMetricsF(fonts.tick)
    axis_fm = QFontMetricsF(fonts.axis)
    left = margin + axis_fm.height() + 10 * s + tick_fm.horizontalAdvance("99.9%") + 10 * s
    return left, w - margin - 8 * s


def window_room(options: PrintOptions, propositions: int) -> dict[str, float]:
    """The plot's width and the room arrows need, for series.time_window (the screen asks the same)."""
    s = _scale(options)
    left, right = _plot_columns(options.width, s, _Fonts.scaled(s))
    return {
        "width_px": right - left,
        "margin_px": arrow_margin_px(propositions, _ARROW_SIDE_PX * s, _ARROW_HEAD_HALF_PX * s),
    }


def layout(data: ChartData, options: PrintOptions) -> Layout:
    w, h = options.width, options.height
    s = _scale(options)
    fonts = _Fonts.scaled(s)
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
        _LegendItem(sr.track.proposition.text, series_colour(sr.track.id, "light", data.slots)) for sr in data.series
    ]
    if any(len(sr.step_x) for sr in data.implied):
        legend_items.append(_LegendItem(IMPLIED_LEGEND, LIGHT.muted_text, dashed=True))
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


def _legend(items: list[_LegendItem], fm: QFontMetricsF, left: float, width: float, s: float):
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
        items = items[: max_rows * columns - 1] + [_LegendItem(f"and {hidden} more", "")]
    row_h = fm.height() + 6 * s
    rows = []
    for r in range(math.ceil(len(items) / columns)):
        row = []
        for c in range(columns):
            i = r * columns + c
            if i < len(items):
                row.append((QRectF(left + c * (col_w + gap), r * row_h, col_w, row_h), items[i]))
        rows.append(row)
    return rows


def paint(painter: QPainter, data: ChartData, options: PrintOptions) -> Layout:
    """Draw the chart onto ``painter``'s device, ``options.width`` x ``options.height`` pixels."""
    lay = layout(data, options)
    s = lay.scale
    fonts = _Fonts.scaled(s)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, lay.width, lay.height), QColor(LIGHT.background))

    _paint_titles(painter, lay, fonts)
    _paint_axes(painter, lay, fonts)
    _paint_markers(painter, lay, data, fonts)
    for sr in data.implied:
        _paint_implied(painter, lay, sr, QColor(series_colour(sr.line.id, "light", data.slots)))
    for sr, dodge in zip(data.series, side_by_side(data), strict=True):
        _paint_series(painter, lay, sr, QColor(series_colour(sr.track.id, "light", data.slots)),
                      [d * _ARROW_SIDE_PX * s for d in dodge])
    painter.setPen(QPen(QColor(LIGHT.frame), max(1.0, 1.2 * s)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(lay.plot)
    _paint_legend(painter, lay, fonts)
    return lay


def _paint_titles(p: QPainter, lay: Layout, fonts: _Fonts) -> None:
    s = lay.scale
    margin = 36 * s
    p.setPen(QColor(LIGHT.text))
    p.setFont(fonts.title)
    fm = QFontMetricsF(fonts.title)
    y = margin
    for line in lay.title_lines:
        p.drawText(QPointF(margin, y + fm.ascent()), line)
        y += fm.height()
    p.setPen(QColor(LIGHT.muted_text))
    p.setFont(fonts.subtitle)
    p.drawText(QPointF(margin, y + 6 * s + QFontMetricsF(fonts.subtitle).ascent()), lay.subtitle)


def _paint_axes(p: QPainter, lay: Layout, fonts: _Fonts) -> None:
    s = lay.scale
    plot = lay.plot
    tick_fm = QFontMetricsF(fonts.tick)
    grid = QPen(QColor(LIGHT.grid), max(1.0, 1.0 * s))
    p.setFont(fonts.tick)

    lo, hi = credence_range(lay.log_odds)
    for value, label in credence_ticks(lay.log_odds, plot.height(), 34 * s):
        y = plot.bottom() - (value - lo) / (hi - lo) * plot.height()
        p.setPen(grid)
        p.drawLine(QLineF(plot.left(), y, plot.right(), y))
        p.setPen(QColor(LIGHT.muted_text))
        w = tick_fm.horizontalAdvance(label)
        p.drawText(QPointF(plot.left() - 10 * s - w, y + tick_fm.ascent() / 2 - tick_fm.descent() / 2), label)

    label_px = tick_fm.horizontalAdvance("28 Sep") + 36 * s
    ticks = time_ticks(lay.start, lay.end, plot.width(), label_px)
    base = plot.bottom() + 8 * s + tick_fm.ascent()
    for t, label in ticks:
        x = float(lay.x(t))
        p.setPen(grid)
        p.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
        p.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + 5 * s))
        p.setPen(QColor(LIGHT.muted_text))
        w = tick_fm.horizontalAdvance(label)
        left = min(max(x - w / 2, 0.0), lay.width - w)
        p.drawText(QPointF(left, base), label)

    axis_fm = QFontMetricsF(fonts.axis)
    p.setFont(fonts.axis)
    p.setPen(QColor(LIGHT.text))
    x_title = f"Date (local time, {zone_name(lay.end)})"
    p.drawText(
        QPointF(plot.center().x() - axis_fm.horizontalAdvance(x_title) / 2, base + tick_fm.descent() + 6 * s + axis_fm.ascent()),
        x_title,
    )
    y_title = "Credence (log-odds scale)" if lay.log_odds else "Credence"
    p.save()
    p.translate(36 * s + axis_fm.ascent(), plot.center().y() + axis_fm.horizontalAdvance(y_title) / 2)
    p.rotate(-90)
    p.drawText(QPointF(0, 0), y_title)
    p.restore()


def _paint_markers(p: QPainter, lay: Layout, data: ChartData, fonts: _Fonts) -> None:
    s = lay.scale
    plot = lay.plot
    pen = QPen(QColor(LIGHT.marker), max(1.0, 1.1 * s), Qt.PenStyle.DashLine)
    pen.setDashPattern([4, 3])
    p.setPen(pen)
    visible = _visible(data.markers, lay)
    visible = [visible[i] for i in spaced([float(lay.x(m.at)) for m in visible], 3 * s)]
    p.drawLines([QLineF(x, plot.top(), x, plot.bottom()) for x in (float(lay.x(m.at)) for m in visible)])
    label_fm = QFontMetricsF(fonts.label)
    row_h = label_fm.height() + 2 * s
    p.setFont(fonts.label)
    connector = QPen(QColor(LIGHT.marker), max(1.0, 1.0 * s))
    for m, text, left, row in _place_labels(visible, lay, label_fm):
        x = float(lay.x(m.at))
        # Row 0 is nearest the plot; a connector runs from the text down to the frame.
        y = plot.top() - 8 * s - row * row_h
        p.setPen(connector)
        p.drawLine(QLineF(x, y + 2 * s, x, plot.top()))
        p.setPen(QColor(LIGHT.muted_text))
        p.drawText(QPointF(left, y - label_fm.descent()), text)


def _place_labels(markers: list[Marker], lay: Layout, fm: QFontMetricsF):
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

    out = []
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


def _visible(markers: tuple[Marker, ...], lay: Layout) -> list[Marker]:
    return [m for m in markers if lay.start <= m.at <= lay.end]


def _paint_series(p: QPainter, lay: Layout, sr, colour: QColor, dodge: list[float]) -> None:
    if sr.empty:
        return
    s = lay.scale
    t = sr.track
    xs = lay.xs(sr.step_x)
    ys = lay.ys(sr.step_y)
    jt = sr.jump_times
    if any(dodge):
        # The line steps where its (dodged) arrow is, so the two stay joined: at a jump's time
        # the line moves by the dodge of the first jump there.
        shift: dict[float, float] = {}
        for x, d in zip(jt, dodge, strict=True):
            shift.setdefault(x, d)
        xs = [x + shift.get(tx, 0.0) for x, tx in zip(xs, sr.step_x, strict=True)]
    line = QPen(colour, 2.6 * s)
    line.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    line.setCapStyle(Qt.PenCapStyle.FlatCap)
    p.setPen(line)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)]))

    jx = [x + d for x, d in zip(lay.xs(jt), dodge, strict=True)]
    pens = _JumpPens.of(colour, s)
    for x, yb, ya in zip(jx, lay.ys(sr.jump_before), lay.ys(sr.jump_values), strict=True):
        _paint_jump(p, x, yb, ya, pens, s)

    p.setPen(QPen(QColor(LIGHT.background), 1.4 * s))
    p.setBrush(colour)
    r = 4.6 * s
    for i, born in zip(sr.lone, t.born_in(sr.lone), strict=True):
        centre = QPointF(lay.x(t.times[i]), lay.y(t.values[i]))
        if born:
            p.drawPolygon(_star(centre, 1.5 * r))  # a belief formed in a conversation: its line starts here
        else:
            p.drawEllipse(centre, r, r)


def _paint_implied(p: QPainter, lay: Layout, sr, colour: QColor) -> None:
    """What a crux implies, dashed, under the stated line of the same colour."""
    if len(sr.step_x) == 0:
        return
    pen = QPen(colour, 2.0 * lay.scale, Qt.PenStyle.DashLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in zip(lay.xs(sr.step_x), lay.ys(sr.step_y), strict=True)]))


def _star(centre: QPointF, r: float) -> QPolygonF:
    """A five-pointed star around ``centre``, reaching ``r`` out, point up."""
    points = []
    for k in range(10):
        reach = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        points.append(QPointF(centre.x() + reach * math.cos(angle), centre.y() - reach * math.sin(angle)))
    return QPolygonF(points)


@dataclass(frozen=True)
class _JumpPens:
    """The pens and brushes of one series' arrows, made once rather than per arrow."""

    dot_edge: QPen
    ring: QPen
    shaft: QPen
    fill: QBrush
    hollow: QBrush

    @classmethod
    def of(cls, colour: QColor, s: float) -> _JumpPens:
        shaft = QPen(colour, 5 * s)
        shaft.setCapStyle(Qt.PenCapStyle.FlatCap)
        return cls(QPen(QColor(LIGHT.background), 1.2 * s), QPen(colour, 2.2 * s), shaft, QBrush(colour),
                   QBrush(QColor(LIGHT.background)))


def _paint_jump(p: QPainter, x: float, y_before: float, y_after: float, pens: _JumpPens, s: float) -> None:
    """A before -> after jump: a thick vertical shaft ending in an arrowhead at the after."""
    length = y_before - y_after  # positive when the credence went up (rows grow downwards)
    head = min(13 * s, abs(length))
    half_w = _ARROW_HEAD_HALF_PX * s * (head / (13 * s)) if head else 0
    p.setBrush(pens.fill)
    p.setPen(pens.dot_edge)
    p.drawEllipse(QPointF(x, y_before), 3.4 * s, 3.4 * s)
    if abs(length) < 1.5 * s:
        # No visible change: a ring says "asked, and it stayed put".
        p.setBrush(pens.hollow)
        p.setPen(pens.ring)
        p.drawEllipse(QPointF(x, y_after), 5 * s, 5 * s)
        return
    direction = 1 if length > 0 else -1
    p.setPen(pens.shaft)
    shaft_end = y_after + direction * head * 0.8
    if abs(shaft_end - y_before) > 0.5:
        p.drawLine(QLineF(x, y_before, x, shaft_end))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(pens.fill)
    p.drawPolygon(QPolygonF([QPointF(x, y_after), QPointF(x - half_w, y_after + direction * head),
                             QPointF(x + half_w, y_after + direction * head)]))


def _paint_legend(p: QPainter, lay: Layout, fonts: _Fonts) -> None:
    s = lay.scale
    fm = QFontMetricsF(fonts.legend)
    p.setFont(fonts.legend)
    for row in lay.legend:
        for rect, item in row:
            mid = rect.top() + rect.height() / 2
            text_left = rect.left()
            if item.colour:
                pen = QPen(QColor(item.colour), 2.6 * s if item.dashed else 5 * s)
                if item.dashed:
                    pen.setStyle(Qt.PenStyle.DashLine)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                p.setPen(pen)
                p.drawLine(QLineF(rect.left(), mid, rect.left() + 24 * s, mid))
                text_left += 34 * s
            p.setPen(QColor(LIGHT.text if item.colour else LIGHT.muted_text))
            text = fm.elidedText(item.text, Qt.TextElideMode.ElideRight, rect.right() - text_left)
            p.drawText(QPointF(text_left, mid + fm.ascent() / 2 - fm.descent() / 2), text)
