"""The on-screen chart: what it draws, what hovering says, its scales, themes and range controls."""

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QDate, QPoint, QPointF
from PySide6.QtGui import QColor, QPalette

from beliefupdate.charts.colours import series_colour
from beliefupdate.charts.series import logit
from beliefupdate.charts.widget import HistoryChart
from beliefupdate.domain.types import CredenceEntry

from .conftest import Holder, at
from .test_export import pixels

# The headless platform says it cannot size or raise windows (the chart and its tooltips) like a desktop.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

FEB_1 = datetime(2026, 2, 1).astimezone()
APR_20 = datetime(2026, 4, 20).astimezone()


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


def screen_point(chart, t: float, credence: float) -> QPointF:
    """Widget pixel of a point in view coordinates (time, credence)."""
    y = logit(credence) if chart.log_odds else credence
    scene = chart._view.mapViewToScene(QPointF(t, y))
    return QPointF(chart.plot.mapTo(chart, chart.plot.mapFromScene(scene)))


def test_says_what_to_do_until_there_is_something_to_draw(qtbot, journal, career):
    source = Holder()
    w = HistoryChart(source)
    qtbot.addWidget(w)
    assert "Open a journal" in w._placeholder.text()
    source.journal = journal
    w.journal_replaced()
    assert "Select one or more propositions" in w._placeholder.text()
    empty = journal.add_proposition("Not asked yet")
    w.show_propositions([empty.id])
    assert "No credences recorded yet" in w._placeholder.text()
    assert w.data is None
    w.show_propositions([career.lab.id])
    assert w.data is not None and w._stack.currentWidget() is w.plot


def test_each_selected_proposition_is_a_step_line_with_its_jumps(shown, career):
    assert [s.track.id for s in shown.data.series] == [career.lab.id, career.hired.id]
    items = shown._items[career.lab.id]
    x, y = items.step.getData()
    assert 0.68 in y and 0.45 in y
    # One arrow per conversation, from the before to the after, at the time of the after.
    arrows = items.arrows
    assert arrows._x[0] == at("2026-02-03", 18).timestamp()
    assert list(zip(arrows._before, arrows._after, strict=True)) == [(0.45, 0.60), (0.58, 0.50), (0.52, 0.68), (0.68, 0.61), (0.62, 0.70)]


def test_lines_are_drawn_where_the_data_says_in_the_propositions_colour(shown, career, qtbot):
    qtbot.wait(10)
    img = pixels(shown.grab().toImage())
    mid_march = (at("2026-03-02", 16).timestamp() + at("2026-03-18", 17).timestamp()) / 2
    p = screen_point(shown, mid_march, 0.68)
    colour = QColor(series_colour(career.lab.id, "light", shown._slots))
    patch = img[round(p.y()) - 2 : round(p.y()) + 3, round(p.x()) - 2 : round(p.x()) + 3]
    target = np.array([colour.red(), colour.green(), colour.blue()])
    assert (np.abs(patch - target).max(axis=2) < 60).any()
    above = screen_point(shown, mid_march, 0.9)
    assert (img[round(above.y()), round(above.x())] > 200).all()  # light background
    # The coffee with Sam (52% -> 68%) is a thick shaft, wider than the step line, in the same colour.
    shaft = screen_point(shown, at("2026-03-02", 16).timestamp(), 0.60)
    row = img[round(shaft.y()), round(shaft.x()) - 12 : round(shaft.x()) + 13]
    assert (np.abs(row - target).max(axis=1) < 60).sum() >= 4


def test_items_are_created_once_and_updated(shown, career):
    before = shown._items[career.lab.id].step
    shown.set_log_odds(True)
    shown.set_date_range(datetime(2026, 3, 1).astimezone(), APR_20)
    shown.refresh()
    assert shown._items[career.lab.id].step is before
    shown.show_propositions([career.hired.id])
    assert set(shown._items) == {career.hired.id}


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
    axis = shown.history_plot.credence_axis
    (_s, values), = axis.tickValues(*shown._view.viewRange()[1], 500)
    labels = axis.tickStrings(values, 1, 1)
    assert {"1%", "10%", "50%", "90%", "99%"} <= set(labels)
    _x, y = shown._items[career.lab.id].step.getData()
    assert y.max() == pytest.approx(logit(0.70))
    assert "log-odds" in axis.labelText
    # Hover keeps working on the transformed axis.
    assert "52% → 68%" in shown.hover_text_at(at("2026-03-02", 16).timestamp(), logit(0.60))
    shown.set_log_odds(False)
    assert shown._items[career.lab.id].step.getData()[1].max() == pytest.approx(0.70)


def test_dark_palette_gives_a_dark_plot_and_lighter_lines(shown, career, qtbot):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2d31"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    shown.setPalette(palette)
    assert shown.theme.name == "dark"
    img = pixels(shown.grab().toImage())
    above = screen_point(shown, at("2026-03-10").timestamp(), 0.9)
    assert (img[round(above.y()), round(above.x())] < 60).all()
    pen = shown._items[career.lab.id].step.opts["pen"]
    assert pen.color().name() == series_colour(career.lab.id, "dark", shown._slots)


def test_legend_lists_the_propositions_elided(chart, journal, career):
    long = journal.add_proposition("A " + "very " * 60 + "long proposition")
    journal.check_in(long.id, 0.4, at=at("2026-02-05"))
    chart.show_propositions([career.lab.id, long.id])
    text = chart.legend.label.text()
    assert "I&nbsp;should&nbsp;take&nbsp;a&nbsp;job" in text
    assert "…" in text and "long&nbsp;proposition" not in text
    assert long.text in chart.legend.label.toolTip()


def test_date_range_controls_choose_the_window(shown, career):
    shown._from.setDate(QDate(2026, 3, 1))
    shown._to.setDate(QDate(2026, 3, 31))
    assert shown._range_combo.currentText() == "Custom"
    data = shown.data
    assert datetime.fromtimestamp(data.start).date().isoformat() == "2026-03-01"
    assert [m.conversation.title for m in data.markers] == [
        "Coffee with Sam about team culture",
        "Call with a former lab researcher",
    ]
    shown._range_combo.setCurrentIndex(0)  # All time
    assert shown.date_range() == (None, None)
    assert len(shown.data.markers) == 5


def test_range_without_records_says_so(shown):
    shown.set_date_range(datetime(2026, 6, 1).astimezone(), datetime(2026, 7, 1).astimezone())
    assert shown.data is None
    assert "No credences recorded in this date range" in shown._placeholder.text()


def test_fit_all_brings_back_the_whole_range_after_zooming(shown):
    shown._view.setXRange(at("2026-03-01").timestamp(), at("2026-03-05").timestamp(), padding=0)
    shown._view.sigRangeChangedManually.emit([True, False])
    x0, x1 = shown.visible_range()
    assert x1 - x0 < 6 * 86400
    shown.fit_action.trigger()
    assert shown.visible_range() == pytest.approx((FEB_1.timestamp(), APR_20.timestamp()))


def test_refresh_picks_up_new_and_deleted_data(shown, journal, career):
    journal.log_conversation(
        "Offer call", [CredenceEntry(career.hired.id, 0.58, 0.9)], person="Sam", occurred_at=at("2026-04-18")
    )
    shown.refresh()
    _x, y = shown._items[career.hired.id].step.getData()
    assert y[-1] == 0.9
    journal.delete_proposition(career.hired.id)
    shown.refresh()
    assert [s.track.id for s in shown.data.series] == [career.lab.id]


def test_conversations_are_labelled_where_there_is_room(shown):
    visible = [label for label in shown.history_plot.marker_labels if label.isVisible()]
    texts = [label.textItem.toPlainText() for label in visible]
    assert any(t.startswith("Coffee with Sam") for t in texts)
    # Zoomed in on one conversation, its full label shows.
    shown._view.setXRange(at("2026-03-17").timestamp(), at("2026-03-20").timestamp(), padding=0)
    texts = [label.textItem.toPlainText() for label in shown.history_plot.marker_labels if label.isVisible()]
    assert texts == ["Call with a former lab researcher (Priya)"]


def test_pan_and_zoom_change_time_only(shown):
    assert shown._view.state["mouseEnabled"] == [True, False]


def test_zero_and_hundred_percent_are_labelled_even_when_the_chart_is_short(shown, qtbot):
    from PySide6.QtGui import QImage, QPainter

    shown.resize(700, 260)
    qtbot.waitUntil(lambda: shown._view.height() < 200)
    image = QImage(100, 400, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = shown.history_plot.credence_axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    labels = [t[2] for t in texts]
    assert labels[0] == "0%" and labels[-1] == "100%"


def test_date_fields_rest_until_there_is_something_to_date(qtbot, journal):
    from beliefupdate.charts.widget import HistoryChart
    from beliefupdate.domain.types import CredenceEntry

    p = journal.add_proposition("Dated things")
    journal.log_conversation("Coffee", [CredenceEntry(p.id, 0.3, 0.5)])
    chart = HistoryChart(Holder(journal))
    qtbot.addWidget(chart)
    assert not chart._from.isEnabled() and not chart._to.isEnabled()
    chart.show_propositions([p.id])
    assert chart._from.isEnabled() and chart._to.isEnabled()
    chart.show_propositions([])
    assert not chart._from.isEnabled()


def test_a_belief_born_in_a_conversation_is_marked_with_a_star(chart, journal):
    from beliefupdate.domain.types import NewBelief

    old = journal.add_proposition("Known before")
    journal.check_in(old.id, 0.3, at=at("2026-02-02"))
    journal.log_conversation("Coffee", [CredenceEntry(old.id, 0.3, 0.5)], occurred_at=at("2026-02-03"),
                             new_beliefs=[NewBelief("Coworkers matter", 0.8)])
    born = journal.find_proposition("Coworkers matter")
    chart.show_propositions([old.id, born.id])
    chart.set_date_range(FEB_1, APR_20)
    assert [str(s) for s in chart._items[born.id].dots.data["symbol"]] == ["star"]
    assert [str(s) for s in chart._items[old.id].dots.data["symbol"]] == ["o"]  # the check-in


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
    assert w.data is None and "Open a journal" in w._placeholder.text()
    source.journal = journal
    w.journal_replaced()
    assert "Select one or more propositions" in w._placeholder.text()
    w.show_propositions([career.lab.id])
    assert [s.track.id for s in w.data.series] == [career.lab.id]
