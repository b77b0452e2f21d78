"""At start-up the propositions are painted first; the timeline and chart follow right after."""

from beliefupdate.ui.main_window import MainWindow


def test_the_timeline_fills_in_right_after_the_first_paint(qtbot, sample, settings):
    window = MainWindow(sample, settings, timeline_after_paint=True)
    qtbot.addWidget(window)
    assert window.props_model.rowCount() > 0
    assert window.convs_model.rowCount() == 0 and window.chart is None
    window.show()
    qtbot.waitUntil(lambda: window.convs_model.rowCount() == len(sample.conversation_overviews()), timeout=5000)
    qtbot.waitUntil(lambda: window.chart is not None, timeout=5000)


def test_a_restored_conversation_selection_survives_the_wait(qtbot, sample, settings):
    first = MainWindow(sample, settings)
    qtbot.addWidget(first)
    chosen = sample.conversation_overviews()[1].conversation.id
    first.selection.select_conversation(chosen)
    first.save_state()
    first.close()
    again = MainWindow(sample, settings, timeline_after_paint=True)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.selection.conversation_id() == chosen, timeout=5000)


def test_the_chart_scale_and_range_are_kept_between_runs(qtbot, sample, settings):
    first = MainWindow(sample, settings)
    qtbot.addWidget(first)
    chart = first.ensure_chart()
    chart.set_log_odds(True)
    chart._range_combo.setCurrentIndex(2)  # "Last 30 days"
    first.save_state()
    first.close()
    again = MainWindow(sample, settings)
    qtbot.addWidget(again)
    chart = again.ensure_chart()
    assert chart.log_odds is True
    assert chart.view_options()["range"] == "Last 30 days"
    assert chart.date_range()[0] is not None
