"""`beliefupdate crux`: links between beliefs, checked by total probability, from the command line."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from beliefupdate.store.journal import Journal
from tests.backends import journal_state

HARD = "AI safety is one genuinely hard problem"
LAB = "My highest-impact option is to work at a large lab"


@pytest.fixture
def run(cli):
    for argv in (("add", HARD), ("add", LAB), ("checkin", "1", "60%"), ("checkin", "2", "45%")):
        cli.ok(*argv)
    return cli.ok


def test_the_issue_example_is_coherent_and_a_gap_is_said_with_its_arithmetic(run):
    out = run("crux", "add", "2", "--on", "1", "--if-true", "80%", "--if-false", "30%")
    assert out == "#2 depends on #1: implied P(B) = 80% × 60% + 30% × 40% = 60%; you say 45% (−15 pp)  " \
                  "[differs by more than 10 pp]\n"
    run("checkin", "2", "58%")
    listing = run("crux", "list")
    assert f"#2 {LAB}\n    depends on #1 {HARD}\n" in listing
    assert "= 60%; you say 58% (−2 pp)\n" in listing and "differs" not in listing
    doc = json.loads(run("crux", "list", "--json"))
    c = doc["cruxes"][0]
    assert doc["format"] == "beliefupdate-cruxes" and doc["threshold"] == 0.1
    assert (c["proposition"]["handle"], c["on"]["handle"], c["if_true"], c["if_false"]) == (2, 1, 0.8, 0.3)
    assert c["implied"] == pytest.approx(0.6) and c["gap"] == pytest.approx(-0.02) and c["differs"] is False


def test_stats_includes_coherence(run):
    run("crux", "add", LAB, "--on", HARD, "--if-true", "0.3", "--if-false", "0.8")
    stats = run("stats")
    assert "Coherence of your cruxes" in stats
    assert "#2 on #1: implied P(B) = 30% × 60% + 80% × 40% = 50%; you say 45% (−5 pp)" in stats
    doc = json.loads(run("stats", "--json"))
    assert doc["coherence"][0]["if_true"] == 0.3


@pytest.mark.parametrize("argv, message", [
    (["crux", "add", "1", "--on", "1", "--if-true", "50%", "--if-false", "50%"], "#1 cannot depend on itself"),
    (["crux", "add", "1", "--on", "2", "--if-true", "150%", "--if-false", "50%"], "--if-true"),
    (["crux", "add", "1", "--on", "7", "--if-true", "50%", "--if-false", "50%"], "7"),
    (["crux", "delete", "1", "--on", "2"], "#1 has no crux on #2"),
])
def test_mistakes_say_one_line_and_write_nothing(run, cli, journal_db, argv, message):
    before = journal_state(journal_db)
    assert message in cli.fails(*argv)
    assert journal_state(journal_db) == before


def test_a_cycle_is_refused_with_the_loop_named(run, cli, journal_db):
    run("crux", "add", "2", "--on", "1", "--if-true", "80%", "--if-false", "30%")
    assert "that would be a cycle: #1 → #2 → #1" in cli.fails("crux", "add", "1", "--on", "2", "--if-true", "50%",
                                                                "--if-false", "50%")
    run("crux", "delete", "2", "--on", "1")
    with Journal.open(journal_db) as j:
        assert j.cruxes().crux_links == ()


def test_archiving_and_deleting_say_what_becomes_of_the_links(run):
    run("crux", "add", "2", "--on", "1", "--if-true", "80%", "--if-false", "30%")
    assert run("archive", "1") == "#1 archived; its 1 crux link(s) stay and are still checked\n"
    assert "#2 depends on #1" in run("crux", "add", "2", "--on", "1", "--if-true", "80%", "--if-false", "30%")
    assert run("delete", "1", "--yes") == "deleted #1 with its crux links\n"
    assert "No cruxes yet" in run("crux", "list")


def test_importing_the_sample_names_crux_records_in_words(cli):
    from importlib.resources import files

    code, out, err = cli("import", str(files("beliefupdate") / "resources" / "sample-journal.json"))
    assert code == 0 and err == ""
    assert "1 crux link, 4 crux credences" in out and "_" not in out.split(" from ")[0]


def _store_a_cycle(db: str) -> None:
    """#1 → #2 → #3 → #1, the last link written past the check, as two devices racing once could."""
    from sqlalchemy import insert
    from sqlalchemy.orm import Session

    from beliefupdate.store.models import CruxLinkRow

    with Journal.open(db) as j:
        one, two, three = (j.find_proposition(str(n)).id for n in (1, 2, 3))
        j.set_crux(one, two, 0.7, 0.2)
        j.set_crux(two, three, 0.6, 0.3)
        with Session(j.engine) as s, s.begin():
            s.execute(insert(CruxLinkRow).values(id="raced", proposition_id=three, on_id=one,
                                                 created_at=datetime(2026, 3, 14, tzinfo=UTC)))


def test_a_journal_holding_a_cycle_still_lists_exports_imports_and_copies_it(run, cli, journal_db, tmp_path):
    run("add", "Timelines are short")
    run("add", "Unrelated to the loop")
    run("crux", "add", "4", "--on", "1", "--if-true", "50%", "--if-false", "50%")  # not in the loop
    _store_a_cycle(journal_db)

    listing = run("crux", "list")
    marked = [block for block in listing.split("\n#") if "[in a cycle: " in block]
    assert len(marked) == 3 and "#4 Unrelated" not in "".join(marked)
    assert "[in a cycle: #1 → #2 → #3 → #1;" in listing
    cycles = {c["link_id"]: c["cycle"] for c in json.loads(run("crux", "list", "--json"))["cruxes"]}
    assert cycles["raced"] == [3, 1, 2, 3] and sorted(map(bool, cycles.values())) == [False, True, True, True]

    exported = tmp_path / "journal.json"
    assert "exported 4 propositions" in run("export", str(exported))
    note = "beliefupdate: note: the crux links #1 → #2 → #3 → #1 form a cycle; kept as they are\n"
    code, out, err = cli("import", str(exported), db=tmp_path / "imported.sqlite3")
    assert (code, err) == (0, note) and "4 crux links" in out
    code, out, err = cli("copy-to", str(tmp_path / "copy.sqlite3"))
    assert (code, err) == (0, note) and out.startswith("copied ")
    with Journal.open(tmp_path / "copy.sqlite3") as copy:
        assert {k.id for k in copy.cruxes().crux_links} >= {"raced"}
    # The copy holds the loop as it is; adding another way round it is still refused.
    code, _out, err = cli("crux", "add", "1", "--on", "3", "--if-true", "50%", "--if-false", "50%",
                              db=tmp_path / "copy.sqlite3")
    assert code == 2 and "that would be a cycle" in err
