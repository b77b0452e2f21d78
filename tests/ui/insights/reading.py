"""The small journal worked out by hand for the Insights tests, and how a test reads the view's tables."""

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtWidgets import QDockWidget

from beliefupdate.domain.types import CredenceEntry, Kind, Proposition, Resolution


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


@dataclass
class Small:
    lab: Proposition
    timelines: Proposition
    replicates: Proposition
    never: Proposition
    coffee: str
    paper: str
    call: str


def insights_of(window):
    """The Insights view, once the dock has been shown (it is built then)."""
    return window.findChild(QDockWidget, "insights").widget()


def open_insights(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    assert insights_of(window) is None  # built on first showing, not with the window
    window.actions_["insights"].trigger()
    qtbot.waitUntil(lambda: insights_of(window) is not None and insights_of(window).current, timeout=20000)
    return insights_of(window)


def model_of(view, key):
    """The table's model once its tab is open (a tab is filled when first shown)."""
    view.show_tab(view.tab_of[key])
    return view.box(key).model


def table(view, key):
    """The rows of one table as the user reads them, in the order shown."""
    model = model_of(view, key)
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def column(view, key, name):
    model = model_of(view, key)
    c = model.COLUMNS.index(name)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def row_by(view, key, name, value):
    model = model_of(view, key)
    c = model.COLUMNS.index(name)
    for r in range(model.rowCount()):
        if model.index(r, c).data() == value:
            return [model.index(r, i).data() for i in range(model.columnCount())]
    raise AssertionError(f"no row with {name} = {value!r}")


def make_small(journal) -> Small:
    """Worked out by hand in the tests below.

    Coffee with Sam: #1 60% -> 80% (+1.4 bits, 2.67 : 1), #2 stays at 50%.
    Replication paper (reading, no one named): #3 90% -> 100% (certain).
    Call with Sam: #1 75% -> 50% (-1.6 bits, 0.333 : 1), expecting 80%.
    #4 checked in at 0%. Resolved on 1 April: #1 false, #3 true, #4 true.
    """
    start = at("2026-02-20")
    lab = journal.add_proposition("I should take a job at a large AI lab", ["career"], created_at=start)
    timelines = journal.add_proposition("Transformative AI arrives before 2035", created_at=start)
    replicates = journal.add_proposition("The interpretability result replicates", created_at=start)
    never = journal.add_proposition("The grant comes through", created_at=start)
    coffee = journal.log_conversation("Coffee with Sam", [CredenceEntry(lab.id, 0.6, 0.8), CredenceEntry(timelines.id, 0.5, 0.5)],
                                      person="Sam", occurred_at=at("2026-03-01"))
    paper = journal.log_conversation("Replication paper", [CredenceEntry(replicates.id, 0.9, 1.0)], kind=Kind.READING,
                                     occurred_at=at("2026-03-05"))
    journal.check_in(never.id, 0.0, at=at("2026-03-02"))
    call = journal.log_conversation("Call with Sam", [CredenceEntry(lab.id, 0.75, 0.5, expected_after=0.8)],
                                    person="Sam", occurred_at=at("2026-03-10"))
    # #1 depends on #2 (implied 70% × 50% + 30% × 50% = 50%, stated 50%); #2 on #3 (60% × 100% + 40% × 0% = 60%,
    # stated 50%): two links, only one of them on a proposition tagged career.
    journal.set_crux(lab.id, timelines.id, 0.7, 0.3, at=at("2026-02-21"))
    journal.set_crux(timelines.id, replicates.id, 0.6, 0.4, at=at("2026-02-21"))
    for p, res in ((lab, Resolution.FALSE), (replicates, Resolution.TRUE), (never, Resolution.TRUE)):
        journal.resolve_proposition(p.id, res, at=at("2026-04-01"))
    return Small(lab, timelines, replicates, never, coffee.id, paper.id, call.id)
