"""The calibration chart: how often what you gave p% came true, bin by bin.

One point per non-empty bin, at the bin's mean forecast (not its midpoint) and
the share that came true, with its 95% Wilson interval as a bar and the number
of forecasts beside it; the dashed diagonal is perfect calibration. The same
drawing serves the exported picture (always the light print theme) and the
small plot in the Insights view (in the window's palette).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from beliefupdate.charts.colours import LIGHT, Theme, slot_colour
from beliefupdate.charts.export import check_size, ensure_gui, format_of, render_painting, write
from beliefupdate.charts.page import font_family
from beliefupdate.charts.sizes import CALIBRATION_HEIGHT, CALIBRATION_WIDTH
from beliefupdate.domain.errors import NotFound
from beliefupdate.domain.measures.calibration import CalibrationBin

DEFAULT_TITLE = "Calibration"
X_TITLE = "Your credence (mean of the bin)"
Y_TITLE = "Came true"
NO_FORECASTS = (
    "no resolved propositions to draw: a calibration chart needs propositions marked true or false "
    "that had a credence before they were resolved"
)


@dataclass(frozen=True)
class CalibrationOptions:
    width: int = CALIBRATION_WIDTH
    height: int = CALIBRATION_HEIGHT
    title: str | None = None


@dataclass(frozen=True)
class PlacedPoint:
    """Where a bin was drawn, for hit-testing in the window."""

    bin: CalibrationBin
    centre: QPointF
    radius: float


def point_colour(theme: Theme) -> QColor:
    return QColor(slot_colour(0, "light" if theme.name == "light" else "dark"))


def forecasts_in(bins: Sequence[CalibrationBin]) -> int:
    return sum(b.count for b in bins)


def _font(px: float, bold: bool = False) -> QFont:
    f = QFont(font_family())
    f.setPixelSize(max(8, round(px)))
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # the same glyphs in PNG, SVG and PDF
    return f


def paint_plot(
    p: QPainter, area: QRectF, bins: Sequence[CalibrationBin], theme: Theme, scale: float
) -> tuple[QRectF, list[PlacedPoint]]:
    """Axes, diagonal and points, labels included, centred in ``area``; returns the square and the points."""
    s = scale
    tick_font, axis_font, count_font = _font(15 * s), _font(16 * s), _font(13 * s)
    tick_fm, axis_fm, count_fm = QFontMetricsF(tick_font), QFontMetricsF(axis_font), QFontMetricsF(count_font)
    left_block = axis_fm.height() + 10 * s + tick_fm.horizontalAdvance("100%") + 8 * s
    bottom_block = 6 * s + tick_fm.height() + 6 * s + axis_fm.height()
    # Room on the right and at the top for a count label beside a point at 100%.
    side = min(area.width() - left_block - 24 * s, area.height() - bottom_block - 12 * s)
    side = max(side, 40 * s)
    left = area.left() + left_block + max(0.0, (area.width() - left_block - 24 * s - side) / 2)
    top = area.top() + 12 * s + max(0.0, (area.height() - bottom_block - 12 * s - side) / 2)
    plot = QRectF(left, top, side, side)

    def at(x: float, y: float) -> QPointF:
        return QPointF(plot.left() + x * plot.width(), plot.bottom() - y * plot.height())

    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.fillRect(plot, QColor(theme.plot_background))

    step = 10 if tick_fm.horizontalAdvance("100%") * 1.5 <= side / 10 else 20
    grid = QPen(QColor(theme.grid), max(1.0, s))
    p.setFont(tick_font)
    for v in range(0, 101, 10):
        labelled = v % step == 0
        if not labelled and step == 20:
            continue
        f = v / 100
        p.setPen(grid)
        p.drawLine(at(f, 0), at(f, 1))
        p.drawLine(at(0, f), at(1, f))
        if not labelled:
            continue
        p.setPen(QColor(theme.muted_text))
        label = f"{v}%"
        w = tick_fm.horizontalAdvance(label)
        y = at(0, f).y()
        p.drawText(QPointF(plot.left() - 8 * s - w, y + tick_fm.ascent() / 2 - tick_fm.descent() / 2), label)
        x = at(f, 0).x()
        p.drawText(QPointF(x - w / 2, plot.bottom() + 6 * s + tick_fm.ascent()), label)

    p.setFont(axis_font)
    p.setPen(QColor(theme.text))
    p.drawText(
        QPointF(plot.center().x() - axis_fm.horizontalAdvance(X_TITLE) / 2,
                plot.bottom() + 12 * s + tick_fm.height() + axis_fm.ascent()),
        X_TITLE,
    )
    p.save()
    p.translate(plot.left() - left_block + axis_fm.ascent(), plot.center().y() + axis_fm.horizontalAdvance(Y_TITLE) / 2)
    p.rotate(-90)
    p.drawText(QPointF(0, 0), Y_TITLE)
    p.restore()

    diagonal = QPen(QColor(theme.muted_text), max(1.0, 1.4 * s), Qt.PenStyle.DashLine)
    p.setPen(diagonal)
    p.drawLine(at(0, 0), at(1, 1))
    p.setFont(count_font)
    p.save()
    p.translate(at(0.62, 0.62))
    p.rotate(-45)
    label = "perfect calibration"
    p.drawText(QPointF(-count_fm.horizontalAdvance(label) / 2, -5 * s), label)
    p.restore()

    p.setPen(QPen(QColor(theme.frame), max(1.0, 1.2 * s)))
    p.drawRect(plot)

    colour = point_colour(theme)
    bar = QColor(colour)
    bar.setAlphaF(0.7)
    placed = []
    radius = max(3.0, 6.5 * s)
    cap = max(3.0, 5 * s)
    for b in bins:
        if not b.count or b.mean_forecast is None or b.observed is None:
            continue
        centre = at(b.mean_forecast, b.observed)
        if b.low is not None and b.high is not None:
            p.setPen(QPen(bar, max(1.0, 2 * s)))
            lo, hi = at(b.mean_forecast, b.low), at(b.mean_forecast, b.high)
            p.drawLine(lo, hi)
            p.drawLine(QLineF(lo.x() - cap, lo.y(), lo.x() + cap, lo.y()))
            p.drawLine(QLineF(hi.x() - cap, hi.y(), hi.x() + cap, hi.y()))
        p.setPen(QPen(QColor(theme.plot_background), max(1.0, 1.5 * s)))
        p.setBrush(colour)
        p.drawEllipse(centre, radius, radius)
        p.setBrush(Qt.BrushStyle.NoBrush)
        placed.append(PlacedPoint(b, centre, radius))

    p.setFont(count_font)
    p.setPen(QColor(theme.text))
    for pt in placed:
        text = f"n = {pt.bin.count}"
        w = count_fm.horizontalAdvance(text)
        x = pt.centre.x() + pt.radius + 5 * s
        if x + w > plot.right() + 20 * s:
            x = pt.centre.x() - pt.radius - 5 * s - w
        y = pt.centre.y() + count_fm.ascent() / 2 - count_fm.descent() / 2
        y = min(max(y, plot.top() + count_fm.ascent()), plot.bottom() - count_fm.descent())
        p.drawText(QPointF(x, y), text)
    return plot, placed


def page_scale(width: int, height: int) -> float:
    return max(0.45, min(width / CALIBRATION_WIDTH, height / CALIBRATION_HEIGHT, 5.0))


def subtitle(bins: Sequence[CalibrationBin]) -> str:
    n = forecasts_in(bins)
    return (
        f"{n} resolved proposition{'s' if n != 1 else ''}  ·  each point: a bin's mean credence and the share that "
        "came true  ·  bars: 95% Wilson interval"
    )


def paint(p: QPainter, bins: Sequence[CalibrationBin], options: CalibrationOptions) -> QRectF:
    """The whole printed page in the light theme; returns the plot square."""
    w, h = options.width, options.height
    s = page_scale(w, h)
    margin = 36 * s
    p.fillRect(QRectF(0, 0, w, h), QColor(LIGHT.background))
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    title_font, sub_font = _font(30 * s, True), _font(17 * s)
    title_fm, sub_fm = QFontMetricsF(title_font), QFontMetricsF(sub_font)
    inner = w - 2 * margin
    p.setPen(QColor(LIGHT.text))
    p.setFont(title_font)
    title = options.title if options.title is not None else DEFAULT_TITLE
    p.drawText(QPointF(margin, margin + title_fm.ascent()), title_fm.elidedText(title, Qt.TextElideMode.ElideRight, inner))
    p.setPen(QColor(LIGHT.muted_text))
    p.setFont(sub_font)
    y = margin + title_fm.height() + 6 * s
    p.drawText(QPointF(margin, y + sub_fm.ascent()), sub_fm.elidedText(subtitle(bins), Qt.TextElideMode.ElideRight, inner))
    top = y + sub_fm.height() + 12 * s
    plot, _ = paint_plot(p, QRectF(margin, top, inner, h - margin - top), bins, LIGHT, s)
    return plot


def render(bins: Sequence[CalibrationBin], fmt: str, options: CalibrationOptions) -> bytes:
    check_size(options.width, options.height)
    return render_painting(
        fmt, options.width, options.height, lambda painter: paint(painter, bins, options),
        title=options.title if options.title is not None else DEFAULT_TITLE,
        description="Calibration chart exported by beliefupdate",
    )


def export_calibration(bins: Sequence[CalibrationBin], path: str | os.PathLike[str], options: CalibrationOptions) -> str:
    """Render the chart into ``path`` (format from its extension); returns the format. Nothing is written on error."""
    fmt = format_of(path)
    if not forecasts_in(bins):
        raise NotFound(NO_FORECASTS)
    ensure_gui()
    write(path, render(bins, fmt, options))
    return fmt
