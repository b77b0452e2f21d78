"""The measures take what a real journal hands out, and serialise to strict JSON."""

from __future__ import annotations

import json

import pytest
from measures_factories import day

from beliefupdate.domain.measures import (
    belief_paths,
    calibration_table,
    conversation_movements,
    drift_segments,
    influence_by_person,
    resolved_forecasts,
    summarize_reaction,
    summarize_scores,
    to_plain,
)
from beliefupdate.domain.types import CredenceEntry, Resolution

LAB = "Working directly on AI safety at a large lab is my highest-impact option"
HARD = "AI safety is one hard problem rather than many moderate ones"


@pytest.fixture
def filled(journal):
    lab = journal.add_proposition(LAB, created_at=day(0))
    hard = journal.add_proposition(HARD, created_at=day(0))
    journal.log_conversation(
        "Friend at a big lab",
        [CredenceEntry(lab.id, 0.3, 0.55), CredenceEntry(hard.id, 0.6, 0.6)],
        person="Dana",
        occurred_at=day(1),
    )
    journal.check_in(lab.id, 0.5, at=day(3))
    journal.log_conversation(
        "Asked an AI", [CredenceEntry(lab.id, 0.5, 1.0)], person="Claude", occurred_at=day(5)
    )
    journal.resolve_proposition(lab.id, Resolution.TRUE, at=day(10))
    return journal, lab, hard


def test_measures_read_the_journal_as_it_is(filled):
    journal, lab, hard = filled
    rows = {m.title: m for m in conversation_movements(journal.conversations())}
    friend, ai = rows["Friend at a big lab"], rows["Asked an AI"]
    # 30% -> 55%: odds 3/7 -> 11/9, log2(77/27) = 1.512 bits
    assert friend.total_bits == pytest.approx(1.5119, abs=1e-4)
    assert (friend.moved, friend.biggest.proposition_id) == (1, lab.id)
    assert (ai.infinite, ai.total_bits) == (1, 0.0)

    assert [r.label for r in influence_by_person(journal.conversations())] == ["Dana", "Claude"]

    data = journal.export_data()
    (segment,) = [s for s in drift_segments(data.credences) if s.proposition_id == lab.id]
    assert (segment.after, segment.end, segment.check_ins) == (0.55, 0.5, 1)
    assert segment.retained == pytest.approx(0.8)  # (50 - 30) / (55 - 30)

    (forecast,) = resolved_forecasts(data.propositions, data.credences)
    assert (forecast.proposition_id, forecast.probability, forecast.brier) == (lab.id, 1.0, 0.0)
    paths = {p.proposition_id: p for p in belief_paths(data.propositions, data.credences)}
    assert paths[lab.id].resolved and not paths[hard.id].resolved


def test_everything_serialises_to_strict_json(filled):
    journal, *_ = filled
    data = journal.export_data()
    forecasts = resolved_forecasts(data.propositions, data.credences)
    report = {
        "conversations": conversation_movements(journal.conversations()),
        "people": influence_by_person(journal.conversations()),
        "drift": drift_segments(data.credences),
        "reaction": summarize_reaction(belief_paths(data.propositions, data.credences)),
        "scores": summarize_scores(forecasts),
        "calibration": calibration_table((f.probability, f.outcome) for f in forecasts),
    }
    text = json.dumps(to_plain(report), allow_nan=False)
    plain = json.loads(text)
    ai = next(c for c in plain["conversations"] if c["title"] == "Asked an AI")
    assert ai["biggest"]["size"]["bits"] == "+inf"
    assert ai["kind"] == "conversation"
    assert ai["occurred_at"] == "2026-03-06T09:00:00+00:00"
    assert plain["reaction"]["reading"] == "too few to tell"
