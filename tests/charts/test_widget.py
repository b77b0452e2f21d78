"""The on-screen chart: what it draws, what hovering says, its scales, themes and range controls.

What is drawn is read back from the chart itself (drawn.py: its SVG, or its pixels), never from
inside pyqtgraph's items.
"""

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QDate, QPoint
from PySide6.QtGui import QColor, QPalette

from beliefupdate.charts.colours import series_colour
from beliefupdate.charts.items import JumpArrows
from beliefupdate.charts.lines import logit
from beliefupdate.charts.widget import HistoryChart
from beliefupdate.domain.types import CredenceEntry

from .conftest import Holder, at
from .drawn import drawing, message, screen_point, wheel
from .test_export import pixels

# The headless platform says it cannot size or raise windows (the chart and its tooltips) like a desktop.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

FEB_1 = datetime(2026, 2, 1).astimezone()
APR_20 = datetime(2026, 4, 20).astimezone()
STEP_PX = 2  # the width of a step line on screen
DAY = 86400


@pytest.fixture
def chart(qtbot, journal):
    w = HistoryChart(Holder(journal))
    qtbot.addWidget(w)
    w.resize(1000, 600)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def shown(chart, career):
    chart.show_propositions([career.lab.id, career.hired.id])
    chart.set_date_range(FEB_1, APR_20)
    return chart


def colour_of(chart, pid: str) -> str:
    return series_colour(pid, chart.theme.name, chart.data.slots)


def row_of(chart, credence: float) -> float:
    """The pixel row of a credence on the chart's current scale."""
    return screen_point(chart, FEB_1.timestamp(), credence).y()


def step_rows(chart, pid: str) -> list[float]:
    """The pixel rows the proposition's step line is drawn at."""
    return [y for stroke in drawing(chart).lines(colour_of(chart, pid), STEP_PX) for y in stroke.ys]


def drawn_at(rows: list[float], row: float) -> bool:
    return any(abs(y - row) <= 1.5 for y in rows)


def test_says_what_to_do_until_there_is_something_to_draw(qtbot, journal, career):
    source = Holder()
    w = HistoryChart(source)
    qtbot.addWidget(w)
    assert "Open a journal" in message(w)
    source.journal = journal
    w.journal_replaced()
    assert "Select one or more propositions" in message(w)
    empty = journal.add_proposition("Not asked yet")
    w.show_propositions([empty.id])
    assert "No credences recorded yet" in message(w)
    assert w.data is None
    w.show_propositions([career.lab.id])
    assert w.data is not None and message(w) == ""


def test_each_selected_proposition_is_a_step_line_with_its_jumps(shown, career):
    assert [s.track.id for s in shown.data.series] == [career.lab.id, career.hired.id]
    assert drawn_at(step_rows(shown, career.lab.id), row_of(shown, 0.68))
    assert drawn_at(step_rows(shown, career.lab.id), row_of(shown, 0.45))
    # One arrow per conversation, from the before to the after, at the time of the after:
    # a shaft thicker than the line, running from the before to the head at the after.
    shafts = sorted(drawing(shown).lines(colour_of(shown, career.lab.id), JumpArrows.SHAFT_PX),
                    key=lambda s: s.points[0][0])
    first = screen_point(shown, at("2026-02-03", 18).timestamp(), 0.5)
    assert abs(shafts[0].points[0][0] - first.x()) <= 1.5
    pairs = [(0.45, 0.60), (0.58, 0.50), (0.52, 0.68), (0.68, 0.61), (0.62, 0.70)]
    assert len(shafts) == len(pairs)
    for shaft, (before, after) in zip(shafts, pairs, strict=True):
        (_x0, y0), (_x1, y1) = shaft.points
        assert abs(y0 - row_of(shown, before)) <= 1.5
        assert (y1 - y0) * (row_of(shown, after) - y0) > 0  # towards the after
        assert abs(y1 - row_of(shown, after)) <= JumpArrows.HEAD_PX  # and stops under its head


def test_lines_are_drawn_where_the_data_says_in_the_propositions_colour(shown, career, qtbot):
    qtbot.wait(10)
    img = pixels(shown.grab().toImage())
    mid_march = (at("2026-03-02", 16).timestamp() + at("2026-03-18", 17).timestamp()) / 2
    p = screen_point(shown, mid_march, 0.68)
    colour = QColor(colour_of(shown, career.lab.id))
    patch = img[round(p.y()) - 2 : round(p.y()) + 3, round(p.x()) - 2 : round(p.x()) + 3]
    target = np.array([colour.red(), colour.green(), colour.blue()])
    assert (np.abs(patch - target).max(axis=2) < 60).any()
    above = screen_point(shown, mid_march, 0.9)
    assert (img[round(above.y()), round(above.x())] > 200).all()  # light background
    # The coffee with Sam (52% -> 68%) is a thick shaft, wider than the step line, in the same colour.
    shaft = screen_point(shown, at("2026-03-02", 16).timestamp(), 0.60)
    row = img[round(shaft.y()), round(shaft.x()) - 12 : round(shaft.x()) + 13]
    assert (np.abs(row - target).max(axis=1) < 60).sum() >= 4


def test_redrawing_draws_each_line_once_and_leaves_nothing_behind(shown, career):
    shown.set_log_odds(True)
    shown.set_date_range(datetime(2026, 3, 1).astimezone(), APR_20)
    shown.refresh()
    lab = drawing(shown).lines(colour_of(shown, career.lab.id), STEP_PX)
    segments = [stroke.points for stroke in lab]
    assert segments and len(set(segments)) == len(segments)
    lab_colour = colour_of(shown, career.lab.id)
    shown.show_propositions([career.hired.id])
    now = drawing(shown)
    assert now.lines(lab_colour) == []
    assert now.lines(colour_of(shown, career.hired.id), STEP_PX)


def test_hover_on_a_jump_tells_the_conversation_and_the_change(shown, career, qtbot):
    t = at("2026-03-02", 16).timestamp()
    text = shown.hover_text_at(t, 0.60)
    assert text.splitlines()[:4] == [
        "I should take a job at a large AI lab",
        "Coffee with Sam about team culture (conversation, #4)",
        "with Sam",
        "52% → 68% (+16 pp): +1.0 bits · implied likelihood ratio 1.96 : 1",
    ]
    # Far from any record: nothing.
    assert shown.hover_text_at(at("2026-03-10").timestamp(), 0.95) is None


def test_moving_the_mouse_over_a_jump_shows_its_tooltip(shown, qtbot):
    p = screen_point(shown, at("2026-03-02", 16).timestamp(), 0.38)
    target = shown.plot.viewport().mapFrom(shown, p.toPoint())
    # From beside it first: a pointer left on this very spot by the test before moves nowhere.
    qtbot.mouseMove(shown.plot.viewport(), target + QPoint(2, 0))
    qtbot.mouseMove(shown.plot.viewport(), target)
    qtbot.waitUntil(lambda: shown.hover_text is not None)
    assert "I can land a research role within six months" in shown.hover_text
    assert "30% → 45% (+15 pp)" in shown.hover_text


def test_hover_on_a_check_in(shown):
    text = shown.hover_text_at(at("2026-02-10", 8).timestamp(), 0.58)
    assert "check-in: 58%" in text


def test_log_odds_axis_is_labelled_in_percent(shown, career):
    shown.set_log_odds(True)
    drawn = drawing(shown)
    assert {"1%", "10%", "50%", "90%", "99%"} <= set(drawn.text())
    assert "Credence (log-odds scale)" in drawn.text()
    top = min(step_rows(shown, career.lab.id))
    assert abs(top - row_of(shown, 0.70)) <= 1.5
    assert abs(row_of(shown, 0.70) - screen_point(shown, 0, logit(0.70)).y()) > 20  # not where 70% would be on %
    # Hover keeps working on the transformed axis.
    assert "52% → 68%" in shown.hover_text_at(at("2026-03-02", 16).timestamp(), logit(0.60))
    shown.set_log_odds(False)
    assert "Credence" in drawing(shown).text()
    assert abs(min(step_rows(shown, career.lab.id)) - row_of(shown, 0.70)) <= 1.5


def test_dark_palette_gives_a_dark_plot_and_lighter_lines(shown, career, qtbot):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2d31"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    shown.setPalette(palette)
    assert shown.theme.name == "dark"
    img = pixels(shown.grab().toImage())
    above = screen_point(shown, at("2026-03-10").timestamp(), 0.9)
    assert (img[round(above.y()), round(above.x())] < 60).all()
    drawn = drawing(shown)
    slots = shown.data.slots
    assert drawn.lines(series_colour(career.lab.id, "dark", slots), STEP_PX)
    assert series_colour(career.lab.id, "light", slots) != series_colour(career.lab.id, "dark", slots)
    assert drawn.lines(series_colour(career.lab.id, "light", slots)) == []


def test_legend_lists_the_propositions_elided(chart, journal, career):
    long = journal.add_proposition("A " + "very " * 60 + "long proposition")
    journal.check_in(long.id, 0.4, at=at("2026-02-05"))
    chart.show_propositions([career.lab.id, long.id])
    text = chart.legend.label.text()
    assert "I&nbsp;should&nbsp;take&nbsp;a&nbsp;job" in text
    assert "…" in text and "long&nbsp;proposition" not in text
    assert long.text in chart.legend.label.toolTip()


def test_date_range_controls_choose_the_window(shown, career):
    shown.range_bar.from_edit.setDate(QDate(2026, 3, 1))
    shown.range_bar.to_edit.setDate(QDate(2026, 3, 31))
    assert shown.range_bar.range_combo.currentText() == "Custom"
    data = shown.data
    assert datetime.fromtimestamp(data.start).date().isoformat() == "2026-03-01"
    assert [m.conversation.title for m in data.markers] == [
        "Coffee with Sam about team culture",
        "Call with a former lab researcher",
    ]
    shown.range_bar.range_combo.setCurrentIndex(0)  # All time
    assert shown.date_range() == (None, None)
    assert len(shown.data.markers) == 5


def test_range_without_records_says_so(shown):
    shown.set_date_range(datetime(2026, 6, 1).astimezone(), datetime(2026, 7, 1).astimezone())
    assert shown.data is None
    assert "No credences recorded in this date range" in message(shown)


def middle(chart, t: float):
    return screen_point(chart, t, 0.5)


def test_fit_all_brings_back_the_whole_range_after_zooming(shown):
    wheel(shown, middle(shown, at("2026-03-03").timestamp()), 10)
    x0, x1 = shown.visible_range()
    assert x1 - x0 < 6 * DAY
    shown.fit_action.trigger()
    assert shown.visible_range() == pytest.approx((FEB_1.timestamp(), APR_20.timestamp()))


def test_refresh_picks_up_new_and_deleted_data(shown, journal, career):
    journal.log_conversation(
        "Offer call", [CredenceEntry(career.hired.id, 0.58, 0.9)], person="Sam", occurred_at=at("2026-04-18")
    )
    shown.refresh()
    assert abs(min(step_rows(shown, career.hired.id)) - row_of(shown, 0.9)) <= 1.5
    hired_colour = colour_of(shown, career.hired.id)
    journal.delete_proposition(career.hired.id)
    shown.refresh()
    assert [s.track.id for s in shown.data.series] == [career.lab.id]
    assert drawing(shown).lines(hired_colour) == []


def marker_labels(chart) -> list[str]:
    return [text for text, fill in drawing(chart).texts if fill == chart.theme.muted_text]


def test_conversations_are_labelled_where_there_is_room(shown):
    assert any(t.startswith("Coffee with Sam") for t in marker_labels(shown))
    # Zoomed in on one conversation, its full label shows.
    wheel(shown, middle(shown, at("2026-03-18", 17).timestamp()), 10)
    x0, x1 = shown.visible_range()
    assert x1 - x0 < 6 * DAY
    assert marker_labels(shown) == ["Call with a former lab researcher (Priya)"]


def test_pan_and_zoom_change_time_only(shown):
    before = shown.visible_range()
    rows = [row_of(shown, 0.0), row_of(shown, 0.5), row_of(shown, 1.0)]
    wheel(shown, middle(shown, at("2026-03-03").timestamp()), 4)
    x0, x1 = shown.visible_range()
    assert x1 - x0 < (before[1] - before[0]) * 0.5
    assert [row_of(shown, 0.0), row_of(shown, 0.5), row_of(shown, 1.0)] == rows
    assert {"0%", "50%", "100%"} <= set(drawing(shown).text())


def test_zero_and_hundred_percent_are_labelled_even_when_the_chart_is_short(shown, qtbot):
    shown.resize(700, 260)
    qtbot.waitUntil(lambda: shown.plot.height() < 200)
    labels = [text for text in drawing(shown).text() if text.endswith("%")]
    assert "0%" in labels and "100%" in labels


def test_date_fields_rest_until_there_is_something_to_date(qtbot, journal):
    from beliefupdate.charts.widget import HistoryChart
    from beliefupdate.domain.types import CredenceEntry

    p = journal.add_proposition("Dated things")
    journal.log_conversation("Coffee", [CredenceEntry(p.id, 0.3, 0.5)])
    chart = HistoryChart(Holder(journal))
    qtbot.addWidget(chart)
    dates = (chart.range_bar.from_edit, chart.range_bar.to_edit)
    assert not any(d.isEnabled() for d in dates)
    chart.show_propositions([p.id])
    assert all(d.isEnabled() for d in dates)
    chart.show_propositions([])
    assert not any(d.isEnabled() for d in dates)


def test_a_belief_born_in_a_conversation_is_marked_with_a_star(chart, journal):
    from beliefupdate.domain.types import NewBelief

    old = journal.add_proposition("Known before")
    journal.check_in(old.id, 0.3, at=at("2026-02-02"))
    journal.log_conversation("Coffee", [CredenceEntry(old.id, 0.3, 0.5)], occurred_at=at("2026-02-03"),
                             new_beliefs=[NewBelief("Coworkers matter", 0.8)])
    born = journal.find_proposition("Coworkers matter")
    chart.show_propositions([old.id, born.id])
    chart.set_date_range(FEB_1, APR_20)
    img = pixels(chart.grab().toImage())

    def coloured(pid, when, credence):
        """How many pixels within 5 of the record are in the proposition's colour."""
        c = QColor(colour_of(chart, pid))
        p = screen_point(chart, when.timestamp(), credence)
        x, y = round(p.x()), round(p.y())
        patch = img[y - 5 : y + 6, x - 5 : x + 6].astype(int)
        return int((np.abs(patch - np.array([c.red(), c.green(), c.blue()])).max(axis=2) < 70).sum())

    # A star's thin points cover a third of what a dot of the same size covers, line included.
    star = coloured(born.id, at("2026-02-03"), 0.8)
    dot = coloured(old.id, at("2026-02-02"), 0.3)  # the check-in
    assert 3 < star < 20 and dot > 28, (star, dot)


def test_selecting_more_propositions_does_not_read_the_journal_more_often(chart, journal, career):
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    chart.show_propositions([career.timelines.id])  # the colour slots are read once, here
    event.listen(journal.engine, "before_cursor_execute", count)
    try:
        chart.show_propositions([career.timelines.id, career.impact.id])  # one more read
        one = len(statements)
        statements.clear()
        chart.show_propositions([career.timelines.id, career.impact.id, career.lab.id, career.hired.id])  # two more
        two = len(statements)
    finally:
        event.remove(journal.engine, "before_cursor_execute", count)
    assert two == one
    assert [s.track.id for s in chart.data.series] == [career.timelines.id, career.impact.id, career.lab.id,
                                                       career.hired.id]


def test_the_chart_reads_whatever_journal_its_source_holds_now(qtbot, journal, career):
    source = Holder(journal)
    w = HistoryChart(source)
    qtbot.addWidget(w)
    w.show_propositions([career.lab.id])
    assert w.data is not None
    # The journal is closed and another one opened in its place: nothing read of the old one stays.
    source.journal = None
    w.show_propositions([career.lab.id])
    assert w.data is None and "Open a journal" in message(w)
    source.journal = journal
    w.journal_replaced()
    assert "Select one or more propositions" in message(w)
    w.show_propositions([career.lab.id])
    assert [s.track.id for s in w.data.series] == [career.lab.id]
