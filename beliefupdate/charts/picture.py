"""The printed history chart: one QPainter drawing shared by PNG, SVG and PDF.

Everything is laid out in pixels of the requested size (page.py), so the three formats
get the very same picture, and no coordinate is ever an epoch-second value
(SVG writers round those). Always in the light print theme.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPolygonF

from beliefupdate.charts.colours import LIGHT, series_colour
from beliefupdate.charts.lines import ImpliedSeries, Series
from beliefupdate.charts.page import (
    ARROW_HEAD_HALF_PX,
    ARROW_SIDE_PX,
    Fonts,
    Layout,
    PrintOptions,
    layout,
    place_labels,
    visible_markers,
)
from beliefupdate.charts.scales import credence_range, credence_ticks, time_ticks, zone_name
from beliefupdate.charts.series import ChartData, side_by_side, spaced


def paint(painter: QPainter, data: ChartData, options: PrintOptions) -> Layout:
    """Draw the chart onto ``painter``'s device, ``options.width`` x ``options.height`` pixels."""
    lay = layout(data, options)
    s = lay.scale
    fonts = Fonts.scaled(s)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, lay.width, lay.height), QColor(LIGHT.background))

    _paint_titles(painter, lay, fonts)
    _paint_axes(painter, lay, fonts)
    _paint_markers(painter, lay, data, fonts)
    for implied in data.implied:
        _paint_implied(painter, lay, implied, QColor(series_colour(implied.line.id, "light", data.slots)))
    for sr, dodge in zip(data.series, side_by_side(data), strict=True):
        _paint_series(painter, lay, sr, QColor(series_colour(sr.track.id, "light", data.slots)),
                      [d * ARROW_SIDE_PX * s for d in dodge])
    painter.setPen(QPen(QColor(LIGHT.frame), max(1.0, 1.2 * s)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(lay.plot)
    _paint_legend(painter, lay, fonts)
    return lay


def _paint_titles(p: QPainter, lay: Layout, fonts: Fonts) -> None:
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


def _paint_axes(p: QPainter, lay: Layout, fonts: Fonts) -> None:
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


def _paint_markers(p: QPainter, lay: Layout, data: ChartData, fonts: Fonts) -> None:
    s = lay.scale
    plot = lay.plot
    pen = QPen(QColor(LIGHT.marker), max(1.0, 1.1 * s), Qt.PenStyle.DashLine)
    pen.setDashPattern([4, 3])
    p.setPen(pen)
    visible = visible_markers(data.markers, lay)
    visible = [visible[i] for i in spaced([float(lay.x(m.at)) for m in visible], 3 * s)]
    p.drawLines([QLineF(x, plot.top(), x, plot.bottom()) for x in (float(lay.x(m.at)) for m in visible)])
    label_fm = QFontMetricsF(fonts.label)
    row_h = label_fm.height() + 2 * s
    p.setFont(fonts.label)
    connector = QPen(QColor(LIGHT.marker), max(1.0, 1.0 * s))
    for m, text, left, row in place_labels(visible, lay, label_fm):
        x = float(lay.x(m.at))
        # Row 0 is nearest the plot; a connector runs from the text down to the frame.
        y = plot.top() - 8 * s - row * row_h
        p.setPen(connector)
        p.drawLine(QLineF(x, y + 2 * s, x, plot.top()))
        p.setPen(QColor(LIGHT.muted_text))
        p.drawText(QPointF(left, y - label_fm.descent()), text)


def _paint_series(p: QPainter, lay: Layout, sr: Series, colour: QColor, dodge: list[float]) -> None:
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


def _paint_implied(p: QPainter, lay: Layout, sr: ImpliedSeries, colour: QColor) -> None:
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
    half_w = ARROW_HEAD_HALF_PX * s * (head / (13 * s)) if head else 0
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


def _paint_legend(p: QPainter, lay: Layout, fonts: Fonts) -> None:
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
