"""The history chart inside the main window, reached the way a user reaches it: by clicking propositions."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QToolButton

from beliefupdate.charts.items import JumpArrows
from beliefupdate.domain.times import now_utc
from beliefupdate.domain.types import CredenceEntry
from beliefupdate.ui.models.base import ID_ROLE

# Pixels between an arrow's outer edge and the frame, at the least.
MARGIN_PX = 8


@pytest.fixture
def first_conversation(journal):
    """Credences a few days old, then one fresh conversation that moves two propositions."""
    remote = journal.add_proposition("Remote work makes teams slower")
    rust = journal.add_proposition("I should learn Rust this year")
    other = journal.add_proposition("The bus is faster than the bike")
    days_ago = now_utc() - timedelta(days=3)
    journal.check_in(other.id, 0.3, at=days_ago)
    journal.check_in(remote.id, 0.4, at=days_ago)
    journal.log_conversation(
        "Lunch with Sam", [CredenceEntry(remote.id, 0.40, 0.60), CredenceEntry(rust.id, 0.30, 0.65)], person="Sam"
    )
    return remote, rust


def open_window(qtbot, make_window, journal):
    window = make_window(journal)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.chart is not None)
    return window


def click_propositions(qtbot, window, ids):
    view = window.props_view
    proxy = window.props_proxy
    rows = {proxy.data(proxy.index(r, 0), ID_ROLE): r for r in range(proxy.rowCount())}
    for n, pid in enumerate(ids):
        index = proxy.index(rows[pid], 1)
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center())
    qtbot.waitUntil(lambda: window.chart.shown_ids() == tuple(ids))


def arrows_outside_the_view(chart) -> list[str]:
    """Every arrow part that is not inside the view with MARGIN_PX to spare."""
    (x0, x1), (y0, y1) = chart._view.viewRange()
    width = chart._view.width()
    problems = []
    for pid, items in chart._items.items():
        a = items.arrows
        for x, offset, before, after in zip(a._x, a._offset, a._before, a._after, strict=True):
            px = (x - x0) / (x1 - x0) * width
            reach = abs(offset) + JumpArrows.HEAD_HALF_WIDTH + MARGIN_PX
            if not reach <= px <= width - reach:
                problems.append(f"{pid}: arrow at {px:.0f} px of {width:.0f}")
            if not (y0 < min(before, after) and max(before, after) < y1):
                problems.append(f"{pid}: arrow {before}->{after} outside {y0:.2f}..{y1:.2f}")
    return problems


def test_the_first_conversations_arrows_are_whole_on_screen(qtbot, make_window, journal, first_conversation):
    window = open_window(qtbot, make_window, journal)
    click_propositions(qtbot, window, [p.id for p in first_conversation])
    chart = window.chart
    assert sum(len(i.arrows._x) for i in chart._items.values()) == 2
    assert arrows_outside_the_view(chart) == []


def test_fit_all_brings_every_arrow_back_after_zooming_in(qtbot, make_window, journal, first_conversation):
    window = open_window(qtbot, make_window, journal)
    click_propositions(qtbot, window, [p.id for p in first_conversation])
    chart = window.chart
    before = chart.visible_range()
    # Zoom in with the wheel, near the left end, far from the arrows.
    viewport = chart.plot.viewport()
    box = chart._view.sceneBoundingRect()  # inside the plot, not over the axis beside it
    where = QPointF(chart.plot.mapFromScene(QPointF(box.left() + box.width() * 0.1, box.center().y())))
    for _ in range(6):
        wheel = QWheelEvent(
            where, QPointF(viewport.mapToGlobal(where.toPoint())), QPoint(0, 0), QPoint(0, 120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )
        QApplication.sendEvent(viewport, wheel)
    x0, x1 = chart.visible_range()
    assert x1 - x0 < (before[1] - before[0]) / 2
    assert arrows_outside_the_view(chart) != []

    button = next(b for b in chart.findChildren(QToolButton) if b.defaultAction() is chart.fit_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert chart.visible_range() == pytest.approx(before)
    assert arrows_outside_the_view(chart) == []


def tick_labels(chart) -> list[str]:
    """The labels the time axis draws at its real size."""
    axis = chart._date_axis
    (x0, x1), _ = chart._view.viewRange()
    size = axis.geometry().width()
    values = [v for _spacing, vs in axis.tickValues(x0, x1, size) for v in vs]
    return [s for s in axis.tickStrings(values, 1.0, 1.0) if s]


@pytest.mark.parametrize("span", [timedelta(hours=1), timedelta(days=1)], ids=["one hour", "one day"])
def test_a_short_journal_still_has_several_time_ticks(qtbot, make_window, journal, span):
    p = journal.add_proposition("Remote work makes teams slower")
    start = now_utc() - span
    journal.check_in(p.id, 0.4, at=start)
    journal.log_conversation("Lunch with Sam", [CredenceEntry(p.id, 0.4, 0.6)], occurred_at=start + span / 2)
    journal.check_in(p.id, 0.55, at=start + span)
    window = open_window(qtbot, make_window, journal)
    click_propositions(qtbot, window, [p.id])
    labels = tick_labels(window.chart)
    assert len(labels) >= 3, labels
