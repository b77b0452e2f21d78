"""The Insights view's person and tag filters: by keyboard and mouse, the same numbers as `stats`, room for it all."""

import itertools
import json
import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.insights.reading import column, open_insights, table
from tests.ui.person import focused, key, show

ALT = Qt.KeyboardModifier.AltModifier


def filtered(qtbot, view, press):
    """Do ``press`` and wait until the tables show what it chose."""
    press()
    qtbot.waitUntil(lambda: view.current, timeout=20000)


def test_alt_p_and_alt_t_choose_a_person_and_a_tag_and_all_puts_the_whole_journal_back(qtbot, make_window, journal,
                                                                                       small):
    window = show(qtbot, make_window(journal))
    view = open_insights(qtbot, window)
    view.show_tab("Conversations")
    everyone = column(view, "conversations", "Conversation")
    assert everyone == ["Call with Sam", "Replication paper", "Coffee with Sam"]

    assert key(qtbot, Qt.Key.Key_P, ALT) is view.filters.person
    assert focused().currentText() == "All people"
    filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_Down))
    assert view.filters.person.currentText() == "Sam"
    assert column(view, "conversations", "Conversation") == ["Call with Sam", "Coffee with Sam"]
    assert column(view, "people", "Person") == ["Sam"]

    # #1 is the only proposition tagged career: Coffee's #2 drops out of its count
    assert key(qtbot, Qt.Key.Key_T, ALT) is view.filters.tag
    filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_Down))
    assert view.filters.tag.currentText() == "career"
    assert [row[4] for row in table(view, "conversations")] == ["1 of 1", "1 of 1"]
    assert [row[0] for row in table(view, "scores")] == ["1"]

    key(qtbot, Qt.Key.Key_P, ALT)
    filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_Up))
    key(qtbot, Qt.Key.Key_T, ALT)
    filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_Up))
    assert column(view, "conversations", "Conversation") == everyone


def test_a_click_on_the_person_box_opens_its_list_to_choose_from(qtbot, make_window, sample):
    window = show(qtbot, make_window(sample))
    view = open_insights(qtbot, window)
    combo = view.filters.person
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton, pos=combo.rect().center())
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible)
    assert [combo.itemText(i) for i in range(combo.count())] == ["All people", "AI assistant", "Jordan", "Priya", "Sam"]
    # A release straight after the press that opened the list is ignored by Qt: the list is walked with keys.
    for _ in range(combo.findText("Priya")):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    filtered(qtbot, view, lambda: qtbot.keyClick(popup, Qt.Key.Key_Return))
    assert not popup.isVisible() and combo.currentText() == "Priya"
    assert {row[2] for row in table(view, "conversations")} == {"Priya"}


def test_a_filtered_table_with_nothing_left_says_so_and_how_to_see_everything(qtbot, make_window, sample):
    window = show(qtbot, make_window(sample))
    view = open_insights(qtbot, window)
    key(qtbot, Qt.Key.Key_P, ALT)
    filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_S))  # the first name that starts with S
    assert view.filters.person.currentText() == "Sam"
    view.show_tab("Drift")  # the sample has no credence after Sam's conversation on the propositions it moved
    box = view.box("drift_conversations")
    assert not box.view.isVisible() and box.empty.isVisible()
    assert box.empty.text() == "Nothing here with Sam. Choose All people and All tags to see the whole journal."


def _stats(cli, *argv) -> dict:
    return json.loads(cli.ok("stats", "--json", *argv))


def _bits(x) -> str:
    return "—" if x is None else f"{x:.1f} bits"


@pytest.mark.parametrize("person, tag", [("Sam", None), (None, "career"), ("Sam", "career")])
def test_the_view_shows_what_stats_json_says_for_the_same_filter(qtbot, make_window, journal, cli, small, person, tag):
    window = show(qtbot, make_window(journal))
    view = open_insights(qtbot, window)
    if person:
        key(qtbot, Qt.Key.Key_P, ALT)
        filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_Down))
    if tag:
        key(qtbot, Qt.Key.Key_T, ALT)
        filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_Down))
    assert view.filters.filter().person == person and view.filters.filter().tag == tag
    doc = _stats(cli, *(["--person", person] if person else []), *(["--tag", tag] if tag else []))

    shown = {row[1]: row for row in table(view, "conversations")}
    assert set(shown) == {c["title"] for c in doc["conversations"]}
    for c in doc["conversations"]:
        finite = c["updates"] > c["infinite"]
        assert shown[c["title"]][4:6] == [f"{c['moved']} of {c['updates']}", _bits(c["total_bits"]) if finite else "—"]

    people = {row[1]: row for row in table(view, "people")}
    assert set(people) == {p["label"] if p["key"] else f"({p['label']})" for p in doc["people"]}

    scores = {row[0]: row for row in table(view, "scores")}
    by_id = {p.id: p.handle for p in (small.lab, small.timelines, small.replicates, small.never)}
    assert set(scores) == {str(by_id[f["proposition_id"]]) for f in doc["forecasts"]}
    for f in doc["forecasts"]:
        assert scores[str(by_id[f["proposition_id"]])][4] == f"{f['brier']:.3f}"
        tw = f["time_weighted_brier"]
        assert scores[str(by_id[f["proposition_id"]])][6] == (f"{tw:.3f}" if tw is not None else "—")

    assert len(table(view, "predictions")) == doc["prediction_summary"]["predictions"]
    assert len(table(view, "drift_conversations")) == len({d["conversation_id"] for d in doc["drift"]})

    reaction = doc["reaction"]
    assert len(table(view, "reaction")) == sum(1 for p in doc["reaction_paths"] if p["points"] > 1)
    if reaction["propositions"]:
        assert f"Σm = {reaction['movement']:.3f}" in view.reaction_totals.text()
    serial = doc["serial"]
    assert f"over {serial['pairs']} pair" in view.momentum.text()

    tags = {row[0]: row for row in table(view, "tags")}
    assert set(tags) == {row["label"] for row in doc["truth_by_tag"]}
    for row in doc["truth_by_tag"]:
        assert tags[row["label"]][1] == str(row["truth"]["scored"])
        gain = float(tags[row["label"]][2].split()[0].replace("−", "-"))
        assert math.isclose(gain, row["truth"]["log_gain"], abs_tol=0.005)

    assert column(view, "conversations", "New") == ["" for _ in doc["conversations"]]
    # Coherence: the tag keeps the links whose B has it, the person does not apply, as in stats.
    assert column(view, "coherence", "B") == [f"#{c['proposition']['handle']} {c['proposition']['text']}"
                                              for c in doc["coherence"]]
    assert len(doc["coherence"]) == (1 if tag else 2)


def test_a_tag_that_is_gone_from_the_journal_falls_back_to_every_tag(qtbot, make_window, journal, small):
    window = show(qtbot, make_window(journal))
    view = open_insights(qtbot, window)
    key(qtbot, Qt.Key.Key_T, ALT)
    filtered(qtbot, view, lambda: key(qtbot, Qt.Key.Key_Down))
    assert view.filters.tag.currentText() == "career"
    journal.edit_proposition(small.lab.id, tags=[])
    window.session.written()
    qtbot.waitUntil(lambda: view.current and view.filters.tag.currentText() == "All tags", timeout=20000)
    assert column(view, "conversations", "Conversation") == ["Call with Sam", "Replication paper", "Coffee with Sam"]


def test_in_a_short_dock_a_page_scrolls_rather_than_laying_its_lines_over_each_other(qtbot, make_window, sample):
    window = make_window(sample)
    window.resize(800, 600)
    view = open_insights(qtbot, window)
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        QApplication.sendPostedEvents()  # the layout requests that showing the page posted
        page = view.tabs.currentWidget().widget()
        layout = page.layout()
        shown = [layout.itemAt(k).widget() for k in range(layout.count())]
        shown = [w for w in shown if w is not None and w.isVisible()]
        for upper, lower in itertools.pairwise(shown):
            assert upper.geometry().bottom() < lower.geometry().top(), (view.tabs.tabText(i), upper.accessibleName())
        for w in shown:
            if w.hasHeightForWidth():  # a wrapped line: all of its lines are on show
                assert w.height() >= w.heightForWidth(w.width()), (view.tabs.tabText(i), w.accessibleName())
