"""`log --expect`: the after a user expects, given with the before, and where it shows again."""

from __future__ import annotations

import json
import re

import pytest

LAB = "Working at a large lab is my best option"
HARD = "AI safety is one hard problem"
PHD = "A PhD is worth it for me"


@pytest.fixture
def run(cli):
    run = cli
    for text in (LAB, HARD, PHD):
        assert run("add", text)[0] == 0
    return run


@pytest.fixture
def logged(run):
    result = run(
        "log", "Coffee with Sam", "--with", "Sam", "--at", "2026-11-26T18:30",
        "--credence", "1", "60%", "80%", "--credence", "2", "50%", "-", "--credence", "3", "40%", "30%",
        "--expect", "1", "70%", "--expect", HARD, "0.5",
    )
    assert result == (0, "1\n", "")
    return run


def test_expectations_show_in_the_conversation_list(logged):
    code, out, err = logged("conversations")
    assert code == 0 and err == ""
    assert "#1 60% -> 80%  (+20 pp; expected 70%)  " + LAB in out
    assert "#2 50% -> —  (expected 50%)  " + HARD in out
    assert "#3 40% -> 30%  (\u221210 pp)  " + PHD in out  # no expectation given: none shown


def test_expectations_are_in_the_conversation_list_json(logged):
    _, out, _ = logged("conversations", "--json")
    shifts = {s["proposition_handle"]: s for s in json.loads(out)["conversations"][0]["shifts"]}
    assert {h: s["expected_after"] for h, s in shifts.items()} == {1: 0.7, 2: 0.5, 3: None}
    assert (shifts[1]["before"], shifts[1]["after"]) == (0.6, 0.8)


def test_history_shows_the_expectation_beside_its_before(logged):
    _, out, _ = logged("history", "1")
    header, before, after = out.splitlines()[1:]
    assert header.split() == ["when", "phase", "credence", "change", "expected", "source"]
    assert before.split()[2:5] == ["before", "60%", "70%"]
    assert after.split()[2:5] == ["after", "80%", "+20"]
    assert header.index("expected") + len("expected") == before.index("70%") + len("70%")  # right-aligned
    _, out, _ = logged("history", "1", "--json")
    assert [(c["phase"], c["expected_after"]) for c in json.loads(out)["credences"]] == [
        ("before", 0.7), ("after", None)]


def test_history_without_expectations_has_no_expected_column(logged):
    _, out, _ = logged("history", "3")
    assert "expected" not in out
    assert out.splitlines()[1].split() == ["when", "phase", "credence", "change", "source"]


def test_expectations_and_numbers_survive_export_and_import(logged, tmp_path):
    # Gaps in the numbers, as a journal in use has them.
    assert logged("delete", "2", "--yes")[0] == 0
    assert logged("log", "Walk", "--credence", "3", "30%", "35%")[1] == "2\n"
    assert logged("log", "Lunch", "--credence", "3", "35%", "-", "--expect", "3", "35%")[1] == "3\n"
    assert logged("delete-conversation", "2", "--yes")[0] == 0
    path = tmp_path / "export.json"
    assert logged("export", str(path))[0] == 0
    other = tmp_path / "restored.sqlite3"
    code, _, err = logged("import", str(path), db=other)
    assert code == 0, err
    _, out, _ = logged("conversations", db=other)
    assert "#1 60% -> 80%  (+20 pp; expected 70%)  " + LAB in out
    assert "#3 40% -> 30%  (\u221210 pp)  " + PHD in out  # still #3, not renumbered to #2
    assert re.search(r"^#3  .*: Lunch  \[awaiting after\]$", out, re.M) and "#3 35% -> —  (expected 35%)" in out


@pytest.mark.parametrize(
    "credences, expects, words",
    [
        (["1", "60%", "80%"], ["2", "70%"], "proposition #2 is not among"),
        (["1", "-", "80%"], ["1", "70%"], "has no before"),
        (["1", "60%", "80%"], ["1", "70%", "--expect", "Working at", "65%"], "already has an expected after"),
        (["1", "60%", "80%"], ["1", "170%"], "above 100%"),
        (["1", "60%", "80%"], ["1", "lots"], "--expect '1'"),
        (["1", "60%", "80%"], ["1", "-"], "'-' is not one"),
        (["1", "60%", "80%"], ["Nothing like it", "70%"], "no proposition matches"),
        (["1", "60%", "80%"], ["1"], "expected 2 arguments"),
    ],
    ids=["not-logged", "no-before", "twice", "above-100", "not-a-number", "dash", "unknown", "no-value"],
)
def test_bad_expectations_exit_2_and_write_nothing(run, tmp_path, credences, expects, words):
    before = tmp_path / "before.json"
    run("export", str(before))
    code, out, err = run("log", "Talk", "--credence", *credences, "--expect", *expects)
    assert code == 2 and out == ""
    assert err.startswith("beliefupdate: error: ") and err.count("\n") == 1 and words in err, err
    after = tmp_path / "after.json"
    run("export", str(after))
    assert after.read_text(encoding="utf-8") == before.read_text(encoding="utf-8")
    assert run("conversations")[1].startswith("No conversations yet")
