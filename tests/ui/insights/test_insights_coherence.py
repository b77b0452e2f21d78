"""The Insights Coherence tab: crux links by the gap between stated and implied P(B), as `crux list --json` says."""

import json

from PySide6.QtCore import Qt

from beliefupdate.domain.types import CredenceEntry, NewBelief
from tests.ui.insights.reading import column, open_insights, table
from tests.ui.person import click_row, show

HARD = "AI safety is one genuinely hard problem rather than many moderately hard ones"
LAB = "My highest-impact option is to work on AI safety at a large lab"


def _crux_list(cli) -> dict:
    return json.loads(cli.ok("crux", "list", "--json"))


def _open_tab(qtbot, view, name):
    bar = view.tabs.tabBar()
    i = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == name)
    while not bar.rect().contains(bar.tabRect(i).center()):
        qtbot.keyClick(bar, Qt.Key.Key_Right)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
    assert view.tabs.tabText(view.tabs.currentIndex()) == name


def test_the_sample_crux_is_listed_with_its_arithmetic_as_crux_list_json_says(qtbot, make_window, sample, cli):
    window = show(qtbot, make_window(sample))
    view = open_insights(qtbot, window)
    _open_tab(qtbot, view, "Coherence")
    doc = _crux_list(cli)
    assert doc["threshold"] == 0.1 and len(doc["cruxes"]) == 1
    c = doc["cruxes"][0]
    rows = table(view, "coherence")
    assert rows == [[
        "+1.3 pp",
        f"#{c['proposition']['handle']} {LAB}",
        f"#{c['on']['handle']} {c['on']['text']}",
        "42%", "40.8%",
        "25% × 55% + 60% × 45% = 40.8%; you say 42% (+1.3 pp)",
    ]]
    assert abs(c["gap"] - 0.0125) < 1e-9 and c["differs"] is False
    assert view.summaries["coherence"].text() == (
        "1 crux link; none differ from what your cruxes imply by more than 10 pp.")

    # A row stands for both of its beliefs in the main window.
    box = view.box("coherence")
    click_row(qtbot, box.view, 0)
    assert window.selection.proposition_ids() == [c["proposition"]["id"], c["on"]["id"]]


def test_gaps_beyond_the_threshold_are_named_and_sorted_first(qtbot, make_window, sample, cli):
    lab = next(p for p in sample.propositions() if p.text == LAB)
    sample.check_in(lab.id, 0.7)
    window = show(qtbot, make_window(sample))
    view = open_insights(qtbot, window)
    _open_tab(qtbot, view, "Coherence")
    assert column(view, "coherence", "Gap") == ["+29.2 pp"]
    assert "1 differs from what your cruxes imply by more than 10 pp" in view.summaries["coherence"].text()
    assert _crux_list(cli)["cruxes"][0]["differs"] is True


def test_no_cruxes_says_how_to_add_one(qtbot, make_window, journal):
    view = open_insights(qtbot, make_window(journal))
    _open_tab(qtbot, view, "Coherence")
    box = view.box("coherence")
    assert box.view.isHidden() and box.empty.isVisible()
    assert box.empty.text().startswith("No cruxes yet: beliefupdate crux add B --on A")


def test_new_beliefs_formed_per_conversation_and_person_as_stats_json(qtbot, make_window, sample, cli):
    lab = next(p for p in sample.propositions() if p.text == LAB)
    sample.log_conversation("Lunch with Sam", [CredenceEntry(lab.id, 0.42, 0.5)], person="Sam",
                            new_beliefs=[NewBelief("Coworkers matter for where I'd learn fastest", 0.8)])
    window = show(qtbot, make_window(sample))
    view = open_insights(qtbot, window)
    doc = json.loads(cli.ok("stats", "--json"))
    born = {c["title"]: c["new_beliefs"] for c in doc["conversations"]}
    assert born["Lunch with Sam"] == 1
    shown = dict(zip(column(view, "conversations", "Conversation"), column(view, "conversations", "New"), strict=True))
    assert shown == {t: (str(n) if n else "") for t, n in born.items()}
    people = dict(zip(column(view, "people", "Person"), column(view, "people", "New"), strict=True))
    assert people == {(p["label"] if p["key"] else f"({p['label']})"): (str(p["new_beliefs"]) if p["new_beliefs"] else "")
                      for p in doc["people"]}
