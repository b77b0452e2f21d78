"""`beliefupdate stats`: the insight numbers a user reads after logging conversations."""

from __future__ import annotations

import json
import math

import pytest


@pytest.fixture
def run(cli):
    run = cli
    assert run("add", "Working at a large lab is my best option", "--tag", "career")[0] == 0
    assert run("add", "AI safety is one hard problem", "--tag", "worldview")[0] == 0
    assert run("log", "Coffee", "--with", "Sam", "--at", "2026-11-20T10:00+00:00",
               "--credence", "1", "60%", "80%", "--credence", "2", "50%", "50%")[0] == 0
    assert run("log", "Chat", "--kind", "ai", "--with", "an AI assistant", "--at", "2026-11-22T10:00+00:00",
               "--credence", "1", "75%", "0%")[0] == 0
    return run


def test_stats_text_names_each_measure(run):
    code, out, err = run("stats")
    assert code == 0 and err == ""
    # 60% -> 80% is a likelihood ratio of 2.67 : 1, about 1.4 bits
    assert "#1 2026-11-20 Coffee with Sam: 1/2 moved, 1.4 bits" in out
    assert "2.67 : 1" in out
    # a move to 0% is infinitely strong: counted, not summed
    assert "#2 2026-11-22 Chat with an AI assistant: 1/1 moved, 0.0 bits + 1 to or from certainty" in out
    for heading in ("Who moves you most", "By kind of source", "Drift between conversations",
                    "Predicted updates", "Over- or under-reaction", "Resolved propositions"):
        assert heading in out
    assert "Too few to tell" in out


def test_stats_json_is_strict_json(run):
    _code, out, _ = run("stats", "--json")
    doc = json.loads(out, parse_constant=lambda name: pytest.fail(f"non-standard JSON constant {name}"))
    assert doc["format"] == "beliefupdate-stats" and doc["version"] == 1
    coffee = next(c for c in doc["conversations"] if c["title"] == "Coffee")
    assert math.isclose(coffee["total_bits"], math.log2(8 / 3))
    chat = next(c for c in doc["conversations"] if c["title"] == "Chat")
    assert chat["infinite"] == 1 and chat["shifts"][0]["size"]["bits"] == "-inf"


def test_stats_filters(run):
    _, out, _ = run("stats", "--json", "--person", "sam")
    assert [c["title"] for c in json.loads(out)["conversations"]] == ["Coffee"]
    _, out, _ = run("stats", "--json", "--since", "2026-11-21")
    assert [c["title"] for c in json.loads(out)["conversations"]] == ["Chat"]
    _, out, _ = run("stats", "--json", "--tag", "worldview")
    doc = json.loads(out)
    assert [c["title"] for c in doc["conversations"]] == ["Coffee"]
    assert [s["proposition_handle"] for s in doc["conversations"][0]["shifts"]] == [2]


def test_stats_errors(run):
    code, _out, err = run("stats", "--person", "Nobody")
    assert code == 2 and "no person named 'Nobody'" in err and "Sam" in err
    code, _out, err = run("stats", "--since", "soon")
    assert code == 2 and "cannot read 'soon'" in err


def test_stats_text_counts_certain_misses_beside_the_mean_log_score(cli):
    run = cli
    for text in ("X", "Y"):
        assert run("add", text)[0] == 0
    assert run("checkin", "1", "100%")[0] == 0
    assert run("resolve", "1", "false")[0] == 0
    assert run("checkin", "2", "54%")[0] == 0
    assert run("resolve", "2", "false")[0] == 0
    _, out, _ = run("stats")
    # log2(1 - 0.54) = -1.12 bits over the finite score; the certain miss is counted, not averaged
    assert "mean log score -1.12 bits, plus 1 certain miss (−∞)" in out


def test_stats_text_tells_near_certainty_from_certainty(cli):
    run = cli
    assert run("add", "Z")[0] == 0
    assert run("log", "Rumour", "--at", "2026-11-20T10:00+00:00", "--credence", "1", "0.01%", "99.99%")[0] == 0
    assert run("resolve", "1", "true")[0] == 0
    _, out, _ = run("stats")
    # (9999 / 1) / (1 / 9999) = 99,980,001 : 1, log2 of which is 26.6 bits
    assert ("most: #1 0.01% -> 99.99% (+99.98 pp, +26.6 bits · implied likelihood ratio >1,000,000 : 1)"
            in out)
    assert "1 forecasts at 99.99%" in out


def test_stats_for_a_person_scores_your_credences_as_they_stood_after_their_conversations(cli):
    run = cli
    assert run("add", "X")[0] == 0
    assert run("add", "Y")[0] == 0
    assert run("log", "Pitch", "--with", "Bob", "--at", "2026-01-01T00:00+00:00", "--credence", "1", "20%", "85%")[0] == 0
    assert run("checkin", "1", "5%", "--at", "2026-01-03T00:00+00:00")[0] == 0
    assert run("resolve", "1", "false", "--at", "2026-01-13T00:00+00:00")[0] == 0
    # Y never came up with Bob: not his to score
    assert run("checkin", "2", "90%", "--at", "2026-01-01T00:00+00:00")[0] == 0
    assert run("resolve", "2", "false", "--at", "2026-01-13T00:00+00:00")[0] == 0
    _, out, _ = run("stats", "--json", "--person", "Bob")
    [forecast] = json.loads(out)["forecasts"]
    # The 5% check-in is what you held at the resolution, whoever you talked to since
    assert forecast["probability"] == 0.05 and math.isclose(forecast["brier"], 0.0025)
    # From Bob's conversation on: 85% for 2 days, 5% for 10: (2 · 0.85² + 10 · 0.05²) / 12
    assert math.isclose(forecast["time_weighted_brier"], (2 * 0.7225 + 10 * 0.0025) / 12)

    _, out, _ = run("stats", "--json", "--since", "2026-01-02T00:00+00:00")
    forecasts = {f["probability"]: f for f in json.loads(out)["forecasts"]}
    # Since 2 January: X stood at 85% (from 1 January) for a day, then at 5% for 10; Y at 90% for 11
    assert math.isclose(forecasts[0.05]["time_weighted_brier"], (1 * 0.7225 + 10 * 0.0025) / 11)
    assert math.isclose(forecasts[0.9]["time_weighted_brier"], 0.81)


def test_stats_help_says_what_the_filters_score(cli, capsys):
    with pytest.raises(SystemExit):
        cli("stats", "--help")
    text = " ".join(capsys.readouterr().out.split())
    assert "scored by every credence you held" in text and "a later check-in is still your credence" in text
    assert "Archived propositions count in every measure" in text


def test_stats_drift_closes_a_stretch_at_the_check_in_before_a_conversation_with_only_an_after(cli):
    run = cli
    assert run("add", "X")[0] == 0
    assert run("log", "First", "--at", "2026-01-01T00:00+00:00", "--credence", "1", "50%", "80%")[0] == 0
    assert run("checkin", "1", "70%", "--at", "2026-01-02T00:00+00:00")[0] == 0
    assert run("log", "Second", "--at", "2026-01-03T00:00+00:00", "--credence", "1", "-", "60%")[0] == 0
    _, out, _ = run("stats", "--json")
    doc = json.loads(out)
    ids = {c["title"]: c["conversation_id"] for c in doc["conversations"]}
    [segment] = doc["drift"]
    # A conversation followed, so the stretch is not open; it ends at the check-in, the last credence before it
    assert (segment["conversation_id"], segment["next_conversation_id"]) == (ids["First"], ids["Second"])
    assert math.isclose(segment["end"], 0.7) and segment["check_ins"] == 1


def test_help_says_an_expected_after_is_the_average_one(cli, capsys):
    with pytest.raises(SystemExit):
        cli("log", "--help")
    assert "the after you expect, on average (not the most likely one)" in " ".join(capsys.readouterr().out.split())


def test_stats_toward_the_truth_as_worked_in_the_docs(cli):
    run = cli
    assert run("add", "Lab", "--tag", "career")[0] == 0
    assert run("log", "Coffee", "--with", "Sam", "--at", "2026-03-01T12:00+00:00", "--credence", "1", "60%", "80%")[0] == 0
    assert run("log", "Call", "--with", "Sam", "--at", "2026-03-10T12:00+00:00", "--credence", "1", "75%", "50%")[0] == 0
    assert run("resolve", "1", "false", "--at", "2026-04-01T12:00+00:00")[0] == 0
    _, out, _ = run("stats", "--json")
    doc = json.loads(out)
    truth = {c["title"]: c["truth"] for c in doc["conversations"]}
    assert math.isclose(truth["Coffee"]["log_gain"], -1.0) and truth["Coffee"]["right"] == 0
    assert math.isclose(truth["Call"]["log_gain"], 1.0) and truth["Call"]["right"] == 1
    [sam] = doc["people"]
    assert abs(sam["truth"]["log_gain"]) < 1e-12 and math.isclose(sam["truth"]["brier_gain"], 0.0325)
    assert (sam["truth"]["right"], sam["truth"]["moved"]) == (1, 2)
    assert [row["label"] for row in doc["truth_by_tag"]] == ["career"]
    _, out, _ = run("stats")
    assert "  Sam: ±0.00 bits, Brier +0.032, 1 of 2 moves the right way" in out


def test_stats_brier_decomposition_as_worked_in_the_docs(cli):
    run = cli
    example = [("80%", "true"), ("80%", "true"), ("80%", "false"), ("20%", "false"), ("20%", "false"), ("20%", "true")]
    for i, (credence, outcome) in enumerate(example, start=1):
        assert run("add", f"Forecast {i}")[0] == 0
        assert run("checkin", str(i), credence)[0] == 0
        assert run("resolve", str(i), outcome)[0] == 0
    _, out, _ = run("stats", "--json")
    d = json.loads(out)["decomposition"]
    assert math.isclose(d["brier"], 0.24) and math.isclose(d["uncertainty"], 0.25)
    assert math.isclose(d["reliability"], (0.8 - 2 / 3) ** 2) and math.isclose(d["resolution"], 1 / 36)
    assert math.isclose(d["skill"], 0.04, abs_tol=1e-12)
    assert math.isclose(d["spiegelhalter_z"], 0.48 / math.sqrt(0.3456)) and d["too_few"] is True
    _, out, _ = run("stats")
    assert ("Brier 0.240 = reliability 0.018 − resolution 0.028 + uncertainty 0.250; skill against the base rate "
            "+0.04; overall calibration z = +0.82, p = 0.41 over 6: too few to tell (a test needs 10 forecasts).") in out


def test_stats_serial_correlation_and_drift_direction_with_their_sample_sizes(cli):
    run = cli
    assert run("add", "X")[0] == 0
    for day, credence in enumerate(["50%", "60%", "70%", "80%"], start=1):
        assert run("checkin", "1", credence, "--at", f"2026-01-0{day}T00:00+00:00")[0] == 0
    _, out, _ = run("stats", "--json")
    doc = json.loads(out)
    assert doc["serial"]["pairs"] == 2 and math.isclose(doc["serial"]["correlation"], 1.0)
    assert doc["serial"]["reading"] == "too few to tell" and doc["drift_direction"]["segments"] == 0
    _, out, _ = run("stats")
    assert "successive changes: correlation +1.00 over 2 pairs: too few to tell" in out
