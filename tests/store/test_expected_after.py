"""Expected afters: what a user expects to believe after a conversation, stored with the before,
and numbers that survive an export and import."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

import pytest

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import Credence, CredenceEntry, JournalData, Phase
from beliefupdate.interchange.exchange import from_dict, read_json, to_dict, write_json
from beliefupdate.store.journal import Journal

T0 = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)


@pytest.fixture
def props(journal):
    lab = journal.add_proposition("Working at a large lab is my best option")
    phd = journal.add_proposition("A PhD is worth it for me")
    return lab, phd


def expectations(journal, conversation_id):
    return {sh.proposition_handle: sh.expected_after for sh in journal.conversation(conversation_id).shifts}


def test_an_expected_after_is_kept_with_the_before(journal, props):
    lab, phd = props
    conv = journal.log_conversation(
        "Coffee with Sam", [CredenceEntry(lab.id, 0.6, None, expected_after=0.75), CredenceEntry(phd.id, 0.3, 0.4)],
        occurred_at=T0,
    )
    assert expectations(journal, conv.id) == {1: 0.75, 2: None}
    lab_history = [(e.credence.phase, e.credence.expected_after) for e in journal.history(lab.id)]
    assert lab_history == [(Phase.BEFORE, 0.75)]
    exported = {(c["proposition_id"], c["phase"]): c["expected_after"] for c in to_dict(journal.export_data())["credences"]}
    assert exported == {(lab.id, "before"): 0.75, (phd.id, "before"): None, (phd.id, "after"): None}


@pytest.mark.parametrize("value", [0.0, 1.0])
def test_certain_expectations_are_values_not_blanks(journal, props, value):
    conv = journal.log_conversation("Talk", [CredenceEntry(props[0].id, 0.5, 0.5, expected_after=value)])
    assert expectations(journal, conv.id) == {1: value}


@pytest.mark.parametrize(
    "entry, words",
    [
        (lambda pid: CredenceEntry(pid, None, 0.6, expected_after=0.7), "goes with a before"),
        (lambda pid: CredenceEntry(pid, 0.5, 0.6, expected_after=1.5), "expected after 1.5 is outside 0..1"),
        (lambda pid: CredenceEntry(pid, 0.5, 0.6, expected_after=-0.1), "outside 0..1"),
        (lambda pid: CredenceEntry(pid, 0.5, 0.6, expected_after=math.nan), "outside 0..1"),
    ],
    ids=["without-a-before", "above-1", "below-0", "nan"],
)
def test_bad_expectations_are_refused_and_nothing_is_written(journal, props, entry, words):
    before = journal.export_data()
    with pytest.raises(InvalidInput, match=words):
        journal.log_conversation("Talk", [CredenceEntry(props[1].id, 0.2, 0.3), entry(props[0].id)])
    assert journal.export_data() == before


def test_finishing_can_add_an_expectation_to_a_stored_before_and_otherwise_keeps_it(journal, props):
    lab, phd = props
    conv = journal.log_conversation(
        "Call", [CredenceEntry(lab.id, 0.6, None, expected_after=0.7), CredenceEntry(phd.id, 0.3, None)]
    )
    journal.finish_conversation(
        conv.id, [CredenceEntry(lab.id, None, 0.8), CredenceEntry(phd.id, None, 0.2, expected_after=0.35)]
    )
    assert expectations(journal, conv.id) == {1: 0.7, 2: 0.35}


def test_finishing_with_an_expectation_but_no_before_anywhere_writes_nothing(journal, props):
    lab, phd = props
    conv = journal.log_conversation("Call", [CredenceEntry(lab.id, 0.6, None)])
    before = journal.export_data()
    with pytest.raises(InvalidInput, match="goes with a before"):
        journal.finish_conversation(
            conv.id, [CredenceEntry(lab.id, None, 0.8), CredenceEntry(phd.id, None, 0.4, expected_after=0.5)]
        )
    assert journal.export_data() == before


def test_editing_replaces_expectations_with_the_entries(journal, props):
    lab, phd = props
    conv = journal.log_conversation(
        "Call", [CredenceEntry(lab.id, 0.6, 0.7, expected_after=0.7), CredenceEntry(phd.id, 0.3, 0.3)]
    )
    journal.edit_conversation(
        conv.id, entries=[CredenceEntry(lab.id, 0.6, 0.7), CredenceEntry(phd.id, 0.3, 0.3, expected_after=0.4)]
    )
    assert expectations(journal, conv.id) == {1: None, 2: 0.4}
    with pytest.raises(InvalidInput, match="goes with a before"):
        journal.edit_conversation(conv.id, entries=[CredenceEntry(lab.id, None, 0.7, expected_after=0.7)])
    assert expectations(journal, conv.id) == {1: None, 2: 0.4}


def test_undoing_a_delete_brings_expectations_back(journal, props):
    conv = journal.log_conversation("Call", [CredenceEntry(props[0].id, 0.6, 0.9, expected_after=0.65)])
    removed = journal.delete_conversation(conv.id)
    assert [c.expected_after for c in removed.credences if c.phase is Phase.BEFORE] == [0.65]
    journal.import_data(removed)
    assert expectations(journal, conv.id) == {1: 0.65}
    removed = journal.delete_proposition(props[0].id)
    journal.import_data(removed)
    assert expectations(journal, conv.id) == {1: 0.65}


def test_merging_refuses_an_expectation_on_an_after(journal, props):
    conv = journal.log_conversation("Call", [CredenceEntry(props[0].id, 0.6, None)])
    bad = Credence("k1", props[0].id, conv.id, Phase.AFTER, 0.7, T0, expected_after=0.8)
    with pytest.raises(InvalidInput, match=r"phase 'after': an expected after goes with a before"):
        journal.import_data(JournalData(credences=(bad,)))
    assert journal.conversation(conv.id).shifts[0].after is None


def test_merging_refuses_a_probability_out_of_range_by_name(journal, props):
    """Undo and every importer merge through the same rule as typing: refused with the record named, where
    it used to reach the database's CHECK constraint and fail as an IntegrityError."""
    conv = journal.log_conversation("Call", [CredenceEntry(props[0].id, 0.6, None)])
    bad = Credence("k1", props[0].id, conv.id, Phase.AFTER, 1.5, T0)
    with pytest.raises(InvalidInput, match=r"credences\[0\] \(id k1\): .*probability 1.5 is outside 0..1"):
        journal.import_data(JournalData(credences=(bad,)))
    assert journal.conversation(conv.id).shifts[0].after is None


# -- the export file ---------------------------------------------------------------


@pytest.fixture
def gappy(journal, props):
    """Numbers with gaps, as real journals have them: #2 deleted, conversations #1 and #3 left."""
    lab, phd = props
    third = journal.add_proposition("Moving to London is right for us")
    journal.delete_proposition(phd.id)
    first = journal.log_conversation("Coffee", [CredenceEntry(lab.id, 0.5, 0.6, expected_after=0.55)], occurred_at=T0)
    second = journal.log_conversation("Lunch", [CredenceEntry(third.id, 0.2, 0.2)], occurred_at=T0 + timedelta(1))
    third_conv = journal.log_conversation("Dinner", [CredenceEntry(third.id, 0.2, None, expected_after=0.3)])
    journal.delete_conversation(second.id)
    journal.check_in(lab.id, 0.65, at=T0 + timedelta(2))
    return journal, (lab, third), (first, third_conv)


def test_an_export_restored_into_an_empty_journal_keeps_numbers_and_expectations(gappy, tmp_path):
    journal, (lab, third), (first, dinner) = gappy
    path = tmp_path / "export.json"
    write_json(journal.export_data(), path)
    with Journal.open(tmp_path / "restored.sqlite3") as restored:
        restored.import_data(read_json(path))
        assert [p.handle for p in restored.propositions()] == [lab.handle, third.handle] == [1, 3]
        handles = sorted(s.conversation.handle for s in restored.conversations())
        assert handles == [first.handle, dinner.handle] == [1, 3]
        assert restored.conversations() == journal.conversations()
        assert to_dict(restored.export_data()) == to_dict(journal.export_data())


def test_numbers_already_taken_go_to_the_next_free_one(gappy, tmp_path):
    journal, _props, _convs = gappy
    obj = to_dict(journal.export_data())
    with Journal.open(tmp_path / "other.sqlite3") as other:
        other.add_proposition("Something of my own")
        other.import_data(from_dict(obj))
        assert [(p.handle, p.text[:6]) for p in other.propositions()] == [(1, "Someth"), (2, "Workin"), (3, "Moving")]


def test_an_export_without_handles_or_expectations_still_imports(gappy):
    journal, _props, _convs = gappy
    obj = to_dict(journal.export_data())
    for section in ("propositions", "conversations"):
        for record in obj[section]:
            del record["handle"]
    for record in obj["credences"]:
        del record["expected_after"]
    data = from_dict(obj)
    assert {p.handle for p in data.propositions} == {0}  # the journal picks the numbers
    assert all(c.expected_after is None for c in data.credences)


def _first(obj, section, **match):
    return next(r for r in obj[section] if all(r[k] == v for k, v in match.items()))


def _expect(value):
    return lambda o: _first(o, "credences", phase="before").update(expected_after=value)


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda o: _first(o, "credences", phase="after").update(expected_after=0.5), ["expected_after", "before"]),
        (lambda o: _first(o, "credences", phase="check-in").update(expected_after=0.5), ["expected_after", "check-in"]),
        (_expect(1.2), ["expected_after", "between 0 and 1"]),
        (_expect("70%"), ["expected_after", "wrong type"]),
        (_expect(True), ["expected_after", "wrong type"]),
        (lambda o: o["propositions"][0].update(handle=0), ["propositions[0]", "handle"]),
        (lambda o: o["propositions"][0].update(handle="1"), ["propositions[0]", "handle"]),
        (lambda o: o["conversations"][1].update(handle=-3), ["conversations[1]", "handle"]),
        (lambda o: o["conversations"][0].update(handle=2.0), ["conversations[0]", "handle"]),
    ],
    ids=["on-an-after", "on-a-check-in", "above-1", "string", "bool", "handle-0", "handle-string",
         "handle-negative", "handle-float"],
)
def test_bad_new_fields_are_refused_naming_record_and_field(gappy, tmp_path, change, words):
    journal, _props, _convs = gappy
    obj = to_dict(journal.export_data())
    change(obj)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    with Journal.open(tmp_path / "other.sqlite3") as other:
        with pytest.raises(InvalidInput) as info:
            other.import_data(read_json(path))
        assert other.is_empty()
    for word in words:
        assert word in str(info.value)


def test_a_non_finite_expectation_is_refused(gappy, tmp_path):
    journal, _props, _convs = gappy
    obj = to_dict(journal.export_data())
    _first(obj, "credences", phase="before").update(expected_after="PLACEHOLDER")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(obj).replace('"PLACEHOLDER"', "NaN"), encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"credences\[\d+\].*expected_after"):
        read_json(path)
