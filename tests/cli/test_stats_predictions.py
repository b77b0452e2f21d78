"""`beliefupdate stats` on predicted updates: expected afters given with `log --expect`."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def run(cli):
    run = cli
    assert run("add", "Working at a large lab is my best option", "--tag", "career")[0] == 0
    assert run("add", "AI safety is one hard problem", "--tag", "worldview")[0] == 0
    assert run("add", "A PhD is worth it for me", "--tag", "career")[0] == 0
    return run


@pytest.fixture
def predicted(run):
    # Expected to move up 10 pp and moved 20; expected to stay and moved down 10.
    assert run("log", "Coffee", "--with", "Sam", "--at", "2026-11-20T10:00+00:00",
               "--credence", "1", "60%", "80%", "--credence", "3", "40%", "30%",
               "--expect", "1", "70%", "--expect", "3", "40%")[0] == 0
    # Not finished yet: expects a move of 15 pp.
    assert run("log", "Dinner", "--at", "2026-11-22T10:00+00:00",
               "--credence", "2", "50%", "-", "--expect", "2", "65%")[0] == 0
    return run


def test_stats_says_how_to_start_predicting(run):
    assert run("log", "Coffee", "--credence", "1", "60%", "80%")[0] == 0
    code, out, _ = run("stats")
    assert code == 0
    assert "Predicted updates\n  none yet: enter an expected after when you log a before" in out


def test_stats_text_counts_predictions_and_the_gap(predicted):
    code, out, err = predicted("stats")
    assert code == 0 and err == ""
    section = out.split("Predicted updates\n")[1].split("\n\n")[0].splitlines()
    # Three predictions; the 60% -> 70% and 50% -> 65% ones expected a move.
    assert section[0] == "  3 predictions, 2 expected a move (a move you could have made before talking)"
    # |80% - 70%| and |30% - 40%|: 10 pp on average; the unfinished one has no gap yet.
    assert section[1] == "  mean gap between expected and actual after: 10.0 pp"


def test_stats_json_has_each_prediction_worked_out(predicted):
    _, out, _ = predicted("stats", "--json")
    doc = json.loads(out, parse_constant=lambda name: pytest.fail(f"non-standard JSON constant {name}"))
    summary = doc["prediction_summary"]
    assert (summary["predictions"], summary["flagged"], summary["finished"]) == (3, 2, 2)
    assert math.isclose(summary["mean_abs_gap"], 0.1)
    assert math.isclose(summary["mean_gap"], 0.0, abs_tol=1e-12)  # +10 pp and -10 pp
    assert math.isclose(summary["mean_abs_expected_move"], (0.1 + 0.0 + 0.15) / 3)

    checks = {(c["before"], c["expected"]): c for c in doc["predictions"]}
    assert set(checks) == {(0.6, 0.7), (0.4, 0.4), (0.5, 0.65)}
    up = checks[0.6, 0.7]
    assert up["flagged"] and up["after"] == 0.8 and math.isclose(up["gap"], 0.1)
    # Landing at 80% when expecting 70%: odds 4 against 7/3, log2(12/7) bits of surprise.
    assert math.isclose(up["surprise_bits"], math.log2(12 / 7))
    assert "an expected move is a move you could make now" in up["advice"]
    stay = checks[0.4, 0.4]
    assert not stay["flagged"] and math.isclose(stay["gap"], -0.1)
    assert "as a coherent forecaster should" in stay["advice"]
    waiting = checks[0.5, 0.65]
    assert waiting["flagged"] and waiting["after"] is None and waiting["gap"] is None


def test_stats_filters_apply_to_predictions(predicted):
    _, out, _ = predicted("stats", "--json", "--person", "Sam")
    assert json.loads(out)["prediction_summary"]["predictions"] == 2
    _, out, _ = predicted("stats", "--json", "--tag", "worldview")
    assert [(c["before"], c["expected"]) for c in json.loads(out)["predictions"]] == [(0.5, 0.65)]
    _, out, _ = predicted("stats", "--json", "--since", "2026-11-21")
    assert json.loads(out)["prediction_summary"]["predictions"] == 1


def test_stats_on_a_journal_upgraded_from_before_expectations(cli, tmp_path):
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0001.sqlite3", db)
    code, out, _ = cli("stats", db=db)
    assert code == 0 and "none yet: enter an expected after" in out
    code, _, _ = cli("log", "Lunch", "--credence", "1", "50%", "60%", "--expect", "1", "50%", db=db)
    assert code == 0
    _, out, _ = cli("stats", db=db)
    assert "  1 prediction, 0 expected a move" in out
    assert "mean gap between expected and actual after: 10.0 pp" in out
