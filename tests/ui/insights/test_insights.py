"""The Insights view: hand-checkable numbers on a small journal, sorting, choosing rows, empty journals, refreshing."""

import threading

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDockWidget

from beliefupdate.domain.errors import JournalUnavailable
from beliefupdate.domain.types import CredenceEntry, Resolution
from beliefupdate.ui.insights import view as view_module
from tests.ui.insights.reading import at, column, insights_of, model_of, open_insights, row_by, table


def test_opens_from_the_view_menu_as_a_dock_with_a_shortcut(insights, qtbot):
    window = insights.window()
    action = window.actions_["insights"]
    assert action.shortcut().toString() == "Ctrl+Shift+I"
    assert action in window.menuBar().actions()[2].menu().actions()
    dock = insights.parent()
    assert isinstance(dock, QDockWidget) and dock.isVisible()
    action.trigger()
    assert not dock.isVisible()


def test_conversations_table_in_bits_with_certain_updates_counted_apart(insights):
    assert row_by(insights, "conversations", "Conversation", "Coffee with Sam")[4:] == [
        "1 of 2", "1.4 bits", "", "", "−1.00 bits", "0 of 1", "#1 60% → 80%  +1.4 bits · 2.67 : 1"]
    assert row_by(insights, "conversations", "Conversation", "Replication paper")[3:] == [
        "Reading", "1 of 1", "—", "1", "", "+0.15 bits", "1 of 1", "#3 90% → 100%  to certainty ↑"]
    assert row_by(insights, "conversations", "Conversation", "Call with Sam")[4:] == [
        "1 of 1", "1.6 bits", "", "", "+1.00 bits", "1 of 1", "#1 75% → 50%  −1.6 bits · 0.333 : 1"]
    # newest first until the user sorts otherwise
    assert column(insights, "conversations", "Conversation") == ["Call with Sam", "Replication paper", "Coffee with Sam"]
    summary = insights.summaries["conversations"].text()
    assert summary == "3 conversations with afters, 3 moved you; 3.0 bits in all, and 1 update to or from certainty."


def test_toward_the_truth_per_conversation_and_person_as_worked_in_the_docs(insights):
    # #1 resolved false. Coffee 60% -> 80%: log score log2 0.4 -> log2 0.2, −1 bit, the wrong way;
    # Call 75% -> 50%: log2 0.25 -> log2 0.5, +1 bit, the right way. Sam: 0 bits, 1 of 2 right.
    model = model_of(insights, "people")
    sam = next(r for r in range(model.rowCount()) if model.index(r, model.LABEL).data() == "Sam")
    assert model.index(sam, model.TRUTH).data() == "0.00 bits"
    assert model.index(sam, model.RIGHT).data() == "1 of 2"
    # Brier: (0.36 − 0.64) + (0.5625 − 0.25) = +0.0325, a hair below in floating point
    assert model.index(sam, model.TRUTH).data(Qt.ItemDataRole.ToolTipRole) == (
        "Over 2 resolved updates: Brier +0.032 (above 0: closer to what happened).")


def test_who_moves_me_most_and_by_kind(insights):
    assert table(insights, "people") == [
        ["1", "Sam", "2", "1.5 bits", "3.0 bits", "2 of 3", "", "", "0.00 bits", "1 of 2", "50% (1 prop.)"],
        ["2", "(no one named)", "1", "—", "—", "1 of 1", "1", "", "+0.15 bits", "1 of 1", "—"],
    ]
    assert column(insights, "kinds", "Kind") == ["Conversation", "Reading"]
    assert row_by(insights, "kinds", "Kind", "Conversation")[3] == "1.5 bits"


def test_drift_and_how_much_stuck(insights):
    # #1: after 80% on 1 March, before 75% on 10 March: drift 5 pp, (75 - 60) / (80 - 60) = 75% stuck
    assert table(insights, "drift_propositions") == [["1", "I should take a job at a large AI lab", "75%", "1", "5 pp", "5 pp"]]
    assert table(insights, "drift_conversations") == [["2026-03-01", "Coffee with Sam", "Sam", "75%", "1", "5 pp"]]
    assert insights.summaries["drift"].text() == (
        "1 stretch between conversations, mean drift 5 pp; 75% of your updates stuck (over 1 update).<br>"
        "Drift along the update: −5 pp on average over 1 stretch: too few to tell (it needs 10 stretches).")


def test_predicted_update_flagged_with_its_advice(insights):
    [row] = table(insights, "predictions")
    assert row == ["2026-03-10", "Call with Sam", "#1 I should take a job at a large AI lab", "75%", "80%", "50%",
                   "+5 pp", "−30 pp", "−2.0 bits",
                   "You expected to move up from 75% to 80%: an expected move is a move you could make now."]
    assert "1 prediction, 1 expected a move" in insights.summaries["predictions"].text()


def test_reaction_path_with_its_sample_size_and_a_reading_that_does_not_overclaim(insights):
    # #1: 60, 80, 75, 50, then 0 at the false resolution: m = .04 + .0025 + .0625 + .25 = .355, r = .24 - 0
    row = row_by(insights, "reaction", "#", "1")
    assert row[2:] == ["5", "4", "60%", "0% (false)", "0.355", "+0.240", "+0.115", ""]
    assert insights.summaries["reaction"].text().startswith("Too few to tell: ")
    # #2 (50%, 50%) is open; #3 and #4 end at their true resolution
    # #4 goes from 0% to its true resolution: out of certainty, so reported and left out of the test
    assert "over 3 propositions (2 resolved) and 5 changes · 1 left out: they leave 0% or 100%" in (
        insights.reaction_totals.text())


def test_the_reaction_row_of_a_path_out_of_certainty_says_it_is_left_out(insights):
    # #4 was checked in at 0% and resolved true: 0% -> 100% leaves certainty; the rest are tested
    tested = {row[0]: row[-1] for row in table(insights, "reaction")}
    assert tested == {"1": "", "2": "", "3": "", "4": "left out: leaves 0% or 100%"}


def test_scores_with_certain_and_wrong_as_minus_infinity(insights):
    # #1 held 80% for 9 days and 50% for 22 before it turned out false:
    # over time (9 · 0.64 + 22 · 0.25) / 31 = 0.363 and (9 · log2 0.2 + 22 · log2 0.5) / 31 = −1.38 bits
    assert row_by(insights, "scores", "#", "1")[2:] == ["false", "50%", "0.250", "−1.00 bits", "0.363", "−1.38 bits"]
    assert row_by(insights, "scores", "#", "3")[2:6] == ["true", "100%", "0.000", "0.00 bits"]
    assert row_by(insights, "scores", "#", "4")[2:6] == ["true", "0%", "1.000", "−∞ (certain, wrong)"]
    text = insights.summaries["scores"].text()
    assert "3 resolved propositions: mean Brier 0.417" in text and "1 certain and wrong, −∞" in text
    assert "nan" not in " ".join(" ".join(r) for r in table(insights, "scores")).lower()


def test_calibration_table_lists_every_bin_and_the_plot_draws_the_filled_ones(insights):
    rows = table(insights, "calibration")
    assert len(rows) == 10
    assert rows[0] == ["0–10%", "1", "1", "0%", "100%", "20.7% – 100%"]  # #4: 0%, and it came true
    assert rows[5] == ["50–60%", "1", "0", "50%", "0%", "0% – 79.3%"]
    assert rows[9] == ["90–100%", "1", "1", "100%", "100%", "20.7% – 100%"]
    assert rows[3] == ["30–40%", "0", "—", "—", "—", ""]
    insights.show_tab("Calibration")
    assert insights.plot.isVisible()
    insights.plot.grab()
    assert len(insights.plot._placed) == 3


def test_sorting_by_a_column_uses_the_raw_values_with_missing_ones_first(insights, qtbot):
    box = insights.box("conversations")
    header = box.view.horizontalHeader()
    c = box.model.COLUMNS.index("Evidence")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(c) + 10, header.height() // 2))
    first = column(insights, "conversations", "Evidence")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(c) + 10, header.height() // 2))
    second = column(insights, "conversations", "Evidence")
    assert sorted([first, second]) == [["1.6 bits", "1.4 bits", "—"], ["—", "1.4 bits", "1.6 bits"]]
    # the biggest mover sorts by the size of its evidence, a certain one beyond any finite one
    box.view.sortByColumn(box.model.COLUMNS.index("Biggest mover"), Qt.SortOrder.DescendingOrder)
    assert column(insights, "conversations", "Conversation") == ["Replication paper", "Call with Sam", "Coffee with Sam"]


def click_row(qtbot, view, row):
    index = view.model().index(row, 1)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_clicking_a_row_selects_its_conversation_or_proposition_in_the_main_window(insights, qtbot, small):
    window = insights.window()
    box = insights.box("conversations")
    click_row(qtbot, box.view, box.model.row_of(small.call))
    assert window.selection.conversation_id() == small.call

    insights.show_tab("Drift")
    box = insights.box("drift_propositions")
    click_row(qtbot, box.view, 0)
    assert window.selection.proposition_ids() == [small.lab.id]

    insights.show_tab("Predictions")  # both the conversation and the proposition
    window.selection.select_conversation(small.coffee)
    box = insights.box("predictions")
    click_row(qtbot, box.view, 0)
    assert window.selection.conversation_id() == small.call

    insights.show_tab("Calibration")  # the propositions in the bin
    box = insights.box("calibration")
    click_row(qtbot, box.view, 9)
    assert window.selection.proposition_ids() == [small.replicates.id]


def test_clicking_a_point_of_the_calibration_plot_selects_its_propositions(insights, qtbot, small):
    window = insights.window()
    insights.show_tab("Calibration")
    qtbot.waitUntil(lambda: len(insights.plot._placed) == 3)
    point = next(p for p in insights.plot._placed if p.bin.lower == 0.5)
    qtbot.mouseClick(insights.plot, Qt.MouseButton.LeftButton, pos=point.centre.toPoint())
    assert window.selection.proposition_ids() == [small.lab.id]
    assert insights.box("calibration").view.currentIndex().row() == 5


def test_a_proposition_hidden_by_the_list_filter_is_explained(insights, qtbot, small):
    window = insights.window()
    window.search.setText("timelines")
    insights.show_tab("Drift")
    click_row(qtbot, insights.box("drift_propositions").view, 0)
    assert "hidden by the list's search" in window.statusBar().currentMessage()


def test_models_pass_the_model_tester_also_while_sorting(insights, qtmodeltester):
    for key, box in insights.boxes.items():
        assert model_of(insights, key).rowCount() > 0, key
        qtmodeltester.check(box.model)
        for c in range(box.model.columnCount()):
            box.model.sort(c, Qt.SortOrder.DescendingOrder)
            box.model.sort(c, Qt.SortOrder.AscendingOrder)


def test_empty_journal_shows_explanations_not_errors(qtbot, make_window, journal):
    view = open_insights(qtbot, make_window(journal))
    for key, box in view.boxes.items():
        view.show_tab(view.tab_of[key])
        assert box.view.isHidden() and not box.empty.isHidden(), key
        assert box.empty.text(), key
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        page = view.tabs.currentWidget()
        explanation = page.findChild(type(view.status), None)
        assert explanation is not None and len(explanation.text()) > 60
    assert all(label.isHidden() for label in view.summaries.values())
    assert view.plot.isHidden()
    assert view.status.text() == ""


def test_a_single_conversation_without_afters_is_not_an_error(qtbot, make_window, journal):
    p = journal.add_proposition("Only a before so far")
    journal.log_conversation("On the way there", [CredenceEntry(p.id, 0.4, None)])
    view = open_insights(qtbot, make_window(journal))
    assert table(view, "conversations") == [[table(view, "conversations")[0][0], "On the way there", "", "Conversation",
                                             "—", "—", "", "", "—", "—", "no afters yet"]]


def test_near_certain_credences_are_told_from_certain_ones_and_leaving_certainty_is_named(qtbot, make_window, journal):
    p = journal.add_proposition("The grant comes through")
    journal.log_conversation("Rumour", [CredenceEntry(p.id, 0.0001, 0.9999)], occurred_at=at("2026-03-01"))
    journal.log_conversation("Letter", [CredenceEntry(p.id, 0.0, 0.5)], occurred_at=at("2026-03-02"))
    view = open_insights(qtbot, make_window(journal))
    # 1:9999 to 9999:1 is 26.6 bits: finite, so the credences must not read as 0% and 100%
    assert row_by(view, "conversations", "Conversation", "Rumour")[4:] == [
        "1 of 1", "26.6 bits", "", "", "—", "—", "#1 0.01% → 99.99%  +26.6 bits · >1,000,000 : 1"]
    assert row_by(view, "conversations", "Conversation", "Letter")[4:] == [
        "1 of 1", "—", "1", "", "—", "—", "#1 0% → 50%  from certainty ↑"]


def test_the_ratio_is_called_implied_and_the_expected_after_an_average(insights):
    texts = {label.accessibleName().removesuffix(": what it means"): label.text()
             for label in insights.findChildren(type(insights.status))
             if label.accessibleName().endswith(": what it means")}
    assert "an implied likelihood ratio of 2.67 : 1" in texts["Conversations"]
    assert "the after you expect on average" in texts["Predictions"]


def test_scores_tab_takes_the_brier_score_apart_as_worked_in_the_docs(qtbot, make_window, journal):
    example = [(0.8, Resolution.TRUE), (0.8, Resolution.TRUE), (0.8, Resolution.FALSE),
               (0.2, Resolution.FALSE), (0.2, Resolution.FALSE), (0.2, Resolution.TRUE)]
    for i, (p, outcome) in enumerate(example):
        prop = journal.add_proposition(f"Forecast {i}")
        journal.check_in(prop.id, p, at=at("2026-03-01"))
        journal.resolve_proposition(prop.id, outcome, at=at("2026-04-01"))
    view = open_insights(qtbot, make_window(journal))
    view.show_tab("Scores")
    assert ("Brier 0.240 = reliability 0.018 − resolution 0.028 + uncertainty 0.250; skill against the base rate "
            "+0.04; overall calibration z = +0.82, p = 0.41 over 6: too few to tell") in view.summaries["scores"].text()


def test_refreshes_when_the_journal_changes_while_visible(insights, qtbot, journal, small):
    window = insights.window()
    with qtbot.waitSignal(insights.updated, timeout=20000):
        journal.log_conversation("Dinner with Priya", [CredenceEntry(small.timelines.id, 0.5, 0.8)], person="Priya",
                                 occurred_at=at("2026-03-20"))
        window.session.written()
    assert column(insights, "conversations", "Conversation")[0] == "Dinner with Priya"
    assert column(insights, "people", "Person")[0] == "Priya"  # 2 bits beat Sam's 1.5 on average


def test_measures_only_while_visible_off_the_ui_thread_and_once_per_change(qtbot, make_window, journal, small,
                                                                           monkeypatch):
    calls = []
    real = view_module.gather

    def counting(j, flt):
        calls.append(threading.current_thread() is threading.main_thread())
        return real(j, flt)

    monkeypatch.setattr(view_module, "gather", counting)
    window = make_window(journal)
    window.show()
    qtbot.waitExposed(window)
    window.session.written()
    assert calls == [], "nothing is measured while the view is closed"
    view = open_insights(qtbot, window)
    assert calls == [False], "measured once, on a worker thread"
    action = window.actions_["insights"]
    action.trigger()
    action.trigger()
    assert calls == [False] and view.current, "shown again without a change: the result is reused"
    action.trigger()
    journal.check_in(small.timelines.id, 0.7)
    window.session.written()
    assert calls == [False] and not view.current
    with qtbot.waitSignal(view.updated, timeout=20000):
        action.trigger()
    assert calls == [False, False]


def test_a_journal_that_cannot_be_read_is_reported_in_the_view(qtbot, make_window, journal, monkeypatch):
    def failing(_journal, _filter):
        raise JournalUnavailable("the journal has become read-only")

    monkeypatch.setattr(view_module, "gather", failing)
    window = make_window(journal)
    window.show()
    window.actions_["insights"].trigger()
    qtbot.waitUntil(lambda: "Could not measure" in insights_of(window).status.text(), timeout=20000)
    assert "read-only" in insights_of(window).status.text()


def test_tab_sort_and_visibility_are_kept_between_runs(qtbot, make_window, journal, small, settings):
    window = make_window(journal)
    view = open_insights(qtbot, window)
    view.show_tab("Scores")
    box = view.box("scores")
    box.view.sortByColumn(box.model.COLUMNS.index("Log score"), Qt.SortOrder.AscendingOrder)
    window.close()

    again = make_window(journal)
    again.show()
    qtbot.waitExposed(again)
    assert insights_of(again).isVisible()
    qtbot.waitUntil(lambda: insights_of(again).current, timeout=20000)
    assert insights_of(again).tabs.tabText(insights_of(again).tabs.currentIndex()) == "Scores"
    assert column(insights_of(again), "scores", "Log score")[0] == "−∞ (certain, wrong)"


def test_every_table_and_control_has_an_accessible_name(insights):
    for box in insights.boxes.values():
        assert box.view.accessibleName() and box.empty.accessibleName()
    for i in range(insights.tabs.count()):
        assert insights.tabs.widget(i).accessibleName() == insights.tabs.tabText(i)
    assert insights.plot.accessibleName() == "Calibration plot"
    insights.show_tab("Calibration")
    assert "3 bins" in insights.plot.accessibleDescription()


def test_a_change_while_measuring_is_measured_again_before_anything_is_shown(qtbot, make_window, journal, small,
                                                                             monkeypatch):
    real = view_module.gather
    changed = threading.Event()
    calls = []

    def slow_first(j, flt):
        calls.append(1)
        if len(calls) == 1:
            changed.wait(timeout=20)  # until the journal has changed under it
        return real(j, flt)

    monkeypatch.setattr(view_module, "gather", slow_first)
    window = make_window(journal)
    window.show()
    qtbot.waitExposed(window)
    shown = []
    window.actions_["insights"].trigger()
    view = insights_of(window)
    view.updated.connect(lambda: shown.append(column(view, "conversations", "Conversation")[0]))
    journal.log_conversation("Dinner with Priya", [CredenceEntry(small.timelines.id, 0.5, 0.8)], person="Priya",
                             occurred_at=at("2026-03-20"))
    window.session.written()
    changed.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown == ["Dinner with Priya"], "the stale result was never shown"
    assert len(calls) == 2 and view.current
