"""What the on-screen chart draws, read back from it as a person would see it.

The chart is painted through the app's own export path (export.render_painting, QPainter onto
QSvgGenerator) and the SVG read with xml.etree: every stroke with its colour, width and points in
the chart's pixels, every text with its colour. Nothing here looks inside pyqtgraph's items, so the
tests hold whatever pyqtgraph does inside, as long as the picture stays the same.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QRegion, QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QWidget

from beliefupdate.charts.export import render_painting
from beliefupdate.charts.lines import logit

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Stroke:
    colour: str
    width: float
    dashed: bool
    points: tuple[tuple[float, float], ...]  # in the chart's pixels

    @property
    def ys(self) -> list[float]:
        return [y for _x, y in self.points]


@dataclass(frozen=True)
class Drawing:
    strokes: tuple[Stroke, ...]
    texts: tuple[tuple[str, str], ...]  # (text, fill colour)

    def lines(self, colour: str, width: float | None = None) -> list[Stroke]:
        return [s for s in self.strokes if s.colour == colour and (width is None or abs(s.width - width) < 0.01)]

    def text(self) -> list[str]:
        return [t for t, _fill in self.texts]


def _matrix(transform: str | None):
    if not transform:
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    m = re.fullmatch(r"matrix\(([^)]*)\)", transform.strip())
    assert m, f"unexpected transform {transform!r}"
    a, b, c, d, e, f = (float(v) for v in m.group(1).split(","))
    return a, b, c, d, e, f


def _points(element: ET.Element) -> list[tuple[float, float]]:
    if element.tag == f"{SVG}polyline":
        numbers = [float(v) for v in re.split(r"[ ,]+", element.get("points", "").strip()) if v]
    else:  # a path of M and L commands, as QSvgGenerator writes lines
        numbers = [float(v) for v in re.findall(r"-?[\d.]+(?:e[-+]?\d+)?", element.get("d", ""))]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def read_svg(svg: bytes) -> Drawing:
    strokes: list[Stroke] = []
    texts: list[tuple[str, str]] = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        a, b, c, d, e, f = _matrix(group.get("transform"))
        colour = group.get("stroke", "none")
        for child in group:
            if child.tag in (f"{SVG}polyline", f"{SVG}path") and colour != "none":
                points = tuple((a * x + c * y + e, b * x + d * y + f) for x, y in _points(child))
                width = float(group.get("stroke-width", "1"))
                if child.get("vector-effect") != "non-scaling-stroke":
                    width *= abs(a)  # a pen in the item's own units (the arrows paint in pixels: a = 1)
                strokes.append(Stroke(colour, width, group.get("stroke-dasharray") is not None, points))
            elif child.tag == f"{SVG}text":
                texts.append(("".join(child.itertext()).strip(), child.get("fill", "")))
    return Drawing(tuple(strokes), tuple(texts))


def drawing(chart: QWidget) -> Drawing:
    """The chart as drawn now, painted through the export path into SVG and read back."""
    size = chart.size()
    svg = render_painting(
        "svg", size.width(), size.height(),
        lambda painter: chart.render(painter, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren),
        title="chart on screen", description="read back by the tests",
    )
    return read_svg(svg)


def screen_point(chart, t: float, credence: float) -> QPointF:
    """The chart's pixel of a time and a credence, as its axes place them."""
    y = logit(credence) if chart.log_odds else credence
    view = chart.history_plot.view
    scene = view.mapViewToScene(QPointF(t, y))
    return QPointF(chart.plot.mapTo(chart, chart.plot.mapFromScene(scene)))


def message(chart: QWidget) -> str:
    """What the chart says instead of a plot (empty when it shows one)."""
    page = chart.findChild(QStackedWidget).currentWidget()
    return page.text() if isinstance(page, QLabel) else ""


def wheel(chart, point: QPointF, notches: int) -> None:
    """Turn the mouse wheel over the plot at ``point`` (chart pixels): up zooms in."""
    viewport = chart.plot.viewport()
    local = QPointF(viewport.mapFrom(chart, point.toPoint()))
    event = QWheelEvent(local, QPointF(viewport.mapToGlobal(local.toPoint())), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)
