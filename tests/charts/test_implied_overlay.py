"""The chart's dashed overlay of what cruxes imply: off until asked for, on screen, in hover and in exports."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from beliefupdate.charts import series
from beliefupdate.charts.colours import series_colour
from beliefupdate.charts.export import render
from beliefupdate.charts.lines import implied_line
from beliefupdate.charts.page import PrintOptions, layout
from beliefupdate.charts.series import IMPLIED_LEGEND
from beliefupdate.charts.widget import HistoryChart

from .conftest import Holder, at
from .drawn import drawing, screen_point
from .test_export import END, START, near_colour, pixels

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def linked(journal, career):
    """The lab depends on timelines: P(lab | TAI) = 80%, P(lab | no TAI) = 30%.

    Timelines: 40% → 48% on 9 March, so implied 0.8·0.48 + 0.3·0.52 = 54%; checked in at 52% on 30 March,
    implied 0.8·0.52 + 0.3·0.48 = 56%; 52% → 57% on 15 April, implied 0.456 + 0.129 = 58.5%.
    """
    journal.set_crux(career.lab.id, career.timelines.id, 0.8, 0.3, at=at("2026-02-01"))
    return career


@pytest.fixture
def chart(qtbot, journal, linked):
    w = HistoryChart(Holder(journal))
    qtbot.addWidget(w)
    w.resize(1000, 600)
    w.show()
    qtbot.waitExposed(w)
    w.show_propositions([linked.lab.id])
    return w


def test_the_lines_steps_are_the_crux_arithmetic_at_each_time(journal, linked):
    (line,) = series.load_implied(journal, [linked.lab.id])
    assert [round(v, 6) for v in line.values] == [0.54, 0.56, 0.585]
    assert line.times[0] == at("2026-03-09", 20).timestamp()
    assert series.load_implied(journal, [linked.timelines.id]) == []  # timelines depends on nothing


def test_off_by_default_then_shown_from_the_keyboard_dashed_in_the_beliefs_colour(chart, qtbot, linked):
    assert chart.data.implied == () and not chart.range_bar.implied_box.isChecked()
    chart.range_bar.log_box.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is chart.range_bar.implied_box
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert chart.show_implied and len(chart.data.implied) == 1
    colour = series_colour(linked.lab.id, chart.theme.name, chart.data.slots)
    dashed = [s for s in drawing(chart).lines(colour) if s.dashed]
    # Along 54% from the timelines debate on, then 56% and 58.5%.
    assert dashed and any(abs(y - screen_point(chart, 0, 0.54).y()) <= 1.5 for s in dashed for y in s.ys)
    assert chart.view_options()["implied"] is True
    assert IMPLIED_LEGEND in chart.legend.label.toolTip()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert chart.data.implied == ()
    assert [s for s in drawing(chart).lines(colour) if s.dashed] == []


def test_hovering_the_dashed_line_says_what_the_cruxes_imply_and_how(chart, qtbot):
    qtbot.mouseClick(chart.range_bar.implied_box, Qt.MouseButton.LeftButton,
                     pos=chart.range_bar.implied_box.rect().center())
    assert chart.show_implied
    p = screen_point(chart, at("2026-03-20").timestamp(), 0.54)
    target = chart.plot.viewport().mapFrom(chart, p.toPoint())
    qtbot.mouseMove(chart.plot.viewport(), target + QPoint(2, 0))
    qtbot.mouseMove(chart.plot.viewport(), target)
    qtbot.waitUntil(lambda: chart.hover_text is not None)
    assert "implied by your cruxes: 54% (80% × 48% + 30% × 52% = 54%)" in chart.hover_text
    assert "depends on #3 Transformative AI arrives before 2035" in chart.hover_text


def test_the_export_draws_it_dashed_and_names_it_in_the_legend(qapp, journal, linked):
    lines = series.load_implied(journal, [linked.lab.id])
    options = PrintOptions(width=1600, height=900)
    colour = series_colour(linked.lab.id, "light", series.load(journal, [linked.lab.id], START, END).slots)
    for implied in ([], lines):
        data = series.chart_data(series.load_tracks(journal, [linked.lab.id]), START, END,
                                 series.palette_slots(journal), implied=implied)
        img = pixels(QImage.fromData(render(data, "png", options)))
        lay = layout(data, options)
        y = float(lay.y(0.54))
        xs = [float(lay.x(at("2026-03-10").timestamp())) + k for k in range(0, 120, 3)]
        hits = sum(near_colour(img, x, y, colour, radius=1) for x in xs)
        legend = [item.text for row in lay.legend for _rect, item in row]
        if implied:
            # Dashed: the colour along the 54% step, with gaps in it.
            assert 8 <= hits < len(xs)
            assert IMPLIED_LEGEND in legend
        else:
            assert hits == 0 and IMPLIED_LEGEND not in legend
    svg = render(data, "svg", options).decode()
    assert "stroke-dasharray" in svg or "stroke-dash" in svg


def _one_by_one(journal, ids):
    """What load_implied gave when it read each link's propositions and history on their own."""
    cruxes = journal.cruxes(ids)
    return [implied_line(journal.proposition(pid), journal.proposition(link.on_id), journal.history(link.on_id),
                                [c for c in cruxes.crux_credences if c.link_id == link.id])
            for pid in ids for link in cruxes.crux_links if link.proposition_id == pid]


def _shown(lines):
    return [(line.proposition, line.on, line.steps, line.times, line.values) for line in lines]


@pytest.fixture
def web(journal, linked):
    """The lab depends on timelines and on impact; being hired depends on the lab, updated once."""
    journal.set_crux(linked.lab.id, linked.impact.id, 0.7, 0.4, at=at("2026-02-01"))
    journal.set_crux(linked.hired.id, linked.lab.id, 0.6, 0.2, at=at("2026-02-01"))
    journal.set_crux(linked.hired.id, linked.lab.id, 0.65, 0.2, at=at("2026-03-05"))
    return linked


def test_every_link_reads_the_same_lines_as_reading_each_on_its_own(journal, web):
    ids = [web.hired.id, web.lab.id, web.timelines.id, web.impact.id]
    lines = series.load_implied(journal, ids)
    # In the order of ids, and for one belief in the order the journal gives its links.
    assert [line.proposition.id for line in lines] == [web.hired.id, web.lab.id, web.lab.id]
    assert {(line.proposition.id, line.on.id) for line in lines} == {
        (web.hired.id, web.lab.id), (web.lab.id, web.timelines.id), (web.lab.id, web.impact.id),
    }
    assert _shown(lines) == _shown(_one_by_one(journal, ids))
    assert all(line.values for line in lines)
    assert series.load_implied(journal, [web.timelines.id]) == []


def test_showing_more_cruxes_does_not_read_the_journal_more_often(journal, web):
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(journal.engine, "before_cursor_execute", count)
    try:
        series.load_implied(journal, [web.timelines.id, web.hired.id])  # one link
        one = len(statements)
        statements.clear()
        series.load_implied(journal, [web.hired.id, web.lab.id])  # three links
        three = len(statements)
    finally:
        event.remove(journal.engine, "before_cursor_execute", count)
    assert three == one
