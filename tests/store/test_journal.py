"""The Journal service against real SQLite files."""

import dataclasses
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta, timezone

import pytest

from beliefupdate.domain.errors import Ambiguous, InvalidInput, NotFound
from beliefupdate.domain.types import TREND_LENGTH, CredenceEntry, JournalData, Kind, Phase, Resolution
from beliefupdate.store.journal import Journal
from beliefupdate.store.schema_versions import APPLICATION_ID

UTC = UTC
T0 = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
LAB = "Working directly on AI safety at a large lab is my highest-impact option"
PHD = "A PhD is worth it for me"


def counts(path):
    """Rows per table, read behind the service's back."""
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("propositions", "proposition_tags", "people", "conversations", "credences")
        }
    finally:
        conn.close()


# -- propositions ----------------------------------------------------------


def test_add_proposition_cleans_and_numbers(journal):
    p = journal.add_proposition("  " + LAB + "  ", tags=["Career", " career ", "AI safety"], notes=" why ")
    q = journal.add_proposition(PHD)
    assert (p.handle, q.handle) == (1, 2)
    assert p.text == LAB
    assert p.tags == ("career", "ai-safety")
    assert p.notes == "why"
    assert p.resolution is Resolution.OPEN and p.resolved_at is None and not p.archived
    assert p.created_at.tzinfo is not None and p.created_at.utcoffset() == timedelta(0)
    assert journal.proposition(p.id) == p
    assert [x.id for x in journal.propositions()] == [p.id, q.id]


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_add_proposition_refuses_bad_text(journal, text):
    with pytest.raises(InvalidInput):
        journal.add_proposition(text)
    assert journal.is_empty()


def test_text_of_500_characters_is_allowed(journal):
    assert len(journal.add_proposition("é" * 500).text) == 500


def test_text_is_unique_case_insensitively_among_live_propositions(journal):
    p = journal.add_proposition(LAB)
    with pytest.raises(InvalidInput, match="#1"):
        journal.add_proposition(LAB.upper())
    with pytest.raises(InvalidInput):
        journal.add_proposition("  " + LAB.replace(" ", "  ") + " ")
    journal.set_archived(p.id, True)
    again = journal.add_proposition(LAB.upper())  # an archived one may share its text
    assert again.handle == 2
    with pytest.raises(InvalidInput, match="#2"):
        journal.set_archived(p.id, False)  # unarchiving would make a clash
    assert journal.proposition(p.id).archived


def test_edit_proposition(journal):
    p = journal.add_proposition(LAB, tags=["career"])
    q = journal.add_proposition(PHD)
    edited = journal.edit_proposition(p.id, text="Large-lab safety work is my best option", tags=["x", "y"], notes="n")
    assert (edited.text, edited.tags, edited.notes, edited.handle) == (
        "Large-lab safety work is my best option", ("x", "y"), "n", 1,
    )
    assert journal.edit_proposition(p.id, notes="only notes").tags == ("x", "y")
    # Changing case only is not a clash with itself.
    assert journal.edit_proposition(p.id, text="LARGE-lab safety work is my best option").text.startswith("LARGE")
    with pytest.raises(InvalidInput):
        journal.edit_proposition(q.id, text=edited.text.lower())
    with pytest.raises(InvalidInput):
        journal.edit_proposition(q.id, text=" ")
    with pytest.raises(NotFound):
        journal.edit_proposition("no-such-id", notes="x")
    assert journal.proposition(q.id).text == PHD


def test_tags(journal):
    journal.add_proposition(LAB, tags=["career", "ai"])
    journal.add_proposition(PHD, tags=["career"])
    assert journal.tags() == [("ai", 1), ("career", 2)]
    assert [s.proposition.text for s in journal.summaries(tag="Career")] == [LAB, PHD]
    assert [s.proposition.text for s in journal.summaries(tag="ai")] == [LAB]
    assert journal.summaries(tag="nothing") == []


def test_resolve_proposition(journal):
    p = journal.add_proposition(LAB)
    resolved = journal.resolve_proposition(p.id, Resolution.FALSE, at=T0)
    assert resolved.resolution is Resolution.FALSE and resolved.resolved_at == T0
    assert journal.proposition(p.id).resolved_at == T0
    reopened = journal.resolve_proposition(p.id, "open")
    assert reopened.resolution is Resolution.OPEN and reopened.resolved_at is None
    with pytest.raises(ValueError, match="maybe"):
        journal.resolve_proposition(p.id, "maybe")


def test_archived_propositions_leave_lists_but_stay_findable(journal):
    p = journal.add_proposition(LAB)
    journal.add_proposition(PHD)
    journal.set_archived(p.id)
    assert [s.proposition.text for s in journal.summaries()] == [PHD]
    assert [s.proposition.text for s in journal.summaries(include_archived=True)] == [LAB, PHD]
    assert [x.text for x in journal.propositions(include_archived=False)] == [PHD]
    assert journal.find_proposition("1").id == p.id


def test_delete_proposition_removes_it_with_its_credences_and_undo_restores_all(journal, journal_path):
    p = journal.add_proposition(LAB, tags=["career", "ai"], notes="from the seed")
    q = journal.add_proposition(PHD)
    journal.resolve_proposition(p.id, Resolution.AMBIGUOUS, at=T0 + timedelta(days=9))
    journal.log_conversation("Coffee with Sam", [CredenceEntry(p.id, 0.25, 0.45, "good point"),
                                                 CredenceEntry(q.id, 0.5, 0.4)], person="Sam", occurred_at=T0)
    journal.check_in(p.id, 0.5, note="slept on it", at=T0 + timedelta(days=1))
    before = journal.export_data()
    history = journal.history(p.id)
    summaries = journal.summaries()

    removed = journal.delete_proposition(p.id)

    assert isinstance(removed, JournalData)
    assert [x.id for x in removed.propositions] == [p.id]
    assert {c.id for c in removed.credences} == {h.credence.id for h in history}
    assert [x.id for x in journal.propositions()] == [q.id]
    with pytest.raises(NotFound):
        journal.proposition(p.id)
    assert counts(journal_path)["credences"] == 2  # q's before and after stay
    assert counts(journal_path)["proposition_tags"] == 0

    journal.import_data(removed)

    assert journal.export_data() == before
    assert journal.history(p.id) == history
    assert journal.summaries() == summaries
    assert journal.find_proposition("1").id == p.id  # same number as before


def test_undo_of_a_delete_keeps_the_number_when_others_were_added_meanwhile(journal):
    p1 = journal.add_proposition(LAB)
    journal.add_proposition(PHD)
    removed = journal.delete_proposition(p1.id)
    journal.import_data(removed)
    assert journal.proposition(p1.id).handle == 1


def test_undo_after_the_number_was_taken_gives_a_fresh_number(journal):
    journal.add_proposition(LAB)
    p2 = journal.add_proposition(PHD)
    removed = journal.delete_proposition(p2.id)
    p3 = journal.add_proposition("Something else entirely")
    journal.import_data(removed)
    handles = {p.text: p.handle for p in journal.propositions()}
    assert len(set(handles.values())) == 3
    assert handles["Something else entirely"] == p3.handle


def test_delete_unknown_proposition(journal):
    with pytest.raises(NotFound):
        journal.delete_proposition("nope")


# -- finding ---------------------------------------------------------------


@pytest.fixture
def three(journal):
    a = journal.add_proposition(LAB)
    b = journal.add_proposition("Working at a startup beats a large lab for me")
    c = journal.add_proposition(PHD)
    return a, b, c


@pytest.mark.parametrize(
    "ref, index",
    [
        ("1", 0), ("#2", 1), (" 3 ", 2),
        (LAB, 0), (LAB.upper(), 0), (PHD.lower(), 2),
        ("Working directly", 0), ("working at", 1), ("A PhD", 2),
    ],
)
def test_find_proposition(three, journal, ref, index):
    assert journal.find_proposition(ref).id == three[index].id


def test_find_proposition_by_uuid(three, journal):
    assert journal.find_proposition(three[1].id).handle == 2


def test_find_proposition_ambiguous_prefix_lists_candidates(three, journal):
    with pytest.raises(Ambiguous) as info:
        journal.find_proposition("Working")
    assert "#1" in str(info.value) and "#2" in str(info.value) and "#3" not in str(info.value)


def test_find_proposition_short_prefix_is_not_enough(three, journal):
    with pytest.raises(NotFound) as info:
        journal.find_proposition("Wor")
    # Not taken as a prefix, but the user is shown what they may have meant.
    assert "#1" in str(info.value) and "#2" in str(info.value)


def test_find_proposition_short_text_without_near_match_says_how_to_refer(three, journal):
    with pytest.raises(NotFound, match="at least 4 characters"):
        journal.find_proposition("xyz")


@pytest.mark.parametrize("ref", ["9", "#9", "Nothing like this", "00000000-0000-0000-0000-000000000000"])
def test_find_proposition_unknown(three, journal, ref):
    with pytest.raises(NotFound) as info:
        journal.find_proposition(ref)
    assert ref.lstrip("#") in str(info.value)


def test_find_proposition_unknown_suggests_near_matches(three, journal):
    with pytest.raises(NotFound, match="#3"):
        journal.find_proposition("PhD")


def test_find_proposition_empty(journal):
    with pytest.raises(InvalidInput):
        journal.find_proposition("  ")


@pytest.mark.parametrize("ref", ["²", "#³", "①"])
def test_find_proposition_with_digit_like_characters_is_a_plain_miss(three, journal, ref):
    with pytest.raises(NotFound):
        journal.find_proposition(ref)


def test_find_prefers_the_live_proposition_over_an_archived_twin(journal):
    old = journal.add_proposition(LAB)
    journal.set_archived(old.id)
    new = journal.add_proposition(LAB)
    assert journal.find_proposition(LAB).id == new.id
    assert journal.find_proposition("working directly").id == new.id


# -- credences and conversations -------------------------------------------


def test_log_conversation_writes_befores_and_afters(journal):
    p = journal.add_proposition(LAB)
    q = journal.add_proposition(PHD)
    conv = journal.log_conversation(
        "Coffee with a friend on a lab safety team",
        [CredenceEntry(p.id, 0.25, 0.45, note="they described the work"), CredenceEntry(q.id, 0.3, 0.6)],
        person=" Sam ", kind=Kind.CONVERSATION, occurred_at=T0, notes="long chat",
    )
    assert conv.handle == 1 and conv.person_name == "Sam" and conv.occurred_at == T0 and conv.notes == "long chat"
    summary = journal.conversation(conv.id)
    assert summary.conversation == conv
    assert [(s.proposition_handle, s.before, s.after) for s in summary.shifts] == [(1, 0.25, 0.45), (2, 0.3, 0.6)]
    assert summary.shifts[0].note == "they described the work"
    assert summary.shifts[0].change == pytest.approx(0.2)
    assert not summary.awaiting_after
    assert summary.moved == 2 and summary.total_movement == pytest.approx(0.5)
    assert journal.find_conversation("1").id == conv.id
    assert journal.find_conversation("coffee with").id == conv.id
    assert [p.name for p in journal.people()] == ["Sam"]


def test_a_failed_log_writes_nothing(journal, journal_path):
    p = journal.add_proposition(LAB)
    before = counts(journal_path)
    with pytest.raises(NotFound):
        journal.log_conversation(
            "Coffee", [CredenceEntry(p.id, 0.25, 0.45), CredenceEntry("not-a-proposition", 0.3, 0.6)],
            person="Someone New",
        )
    assert counts(journal_path) == before
    assert journal.conversations() == [] and journal.people() == [] and journal.history(p.id) == []
    # And the numbering is not disturbed by the failed attempt.
    assert journal.log_conversation("Coffee", [CredenceEntry(p.id, 0.2, 0.3)]).handle == 1


def test_logging_takes_as_many_statements_for_five_propositions_as_for_one(journal):
    """Each statement is a round trip to a server and a step through a large file's indexes:
    logging a conversation must not look up, one by one, credences it is only now creating."""
    from sqlalchemy import event

    ids = [journal.add_proposition(f"Proposition {n}").id for n in range(5)]
    journal.log_conversation("Warm-up", [CredenceEntry(ids[0], 0.2, 0.3)], person="Sam")

    def statements(entries) -> int:
        seen = []
        listener = lambda *args: seen.append(args[2])
        event.listen(journal.engine, "before_cursor_execute", listener)
        try:
            journal.log_conversation("Coffee", entries, person="Sam")
        finally:
            event.remove(journal.engine, "before_cursor_execute", listener)
        return len(seen)

    one = statements([CredenceEntry(ids[0], 0.2, 0.3, expected_after=0.5)])
    five = statements([CredenceEntry(pid, 0.2, 0.3, expected_after=0.5) for pid in ids])
    assert five == one
    assert [(s.before, s.after, s.expected_after) for s in journal.conversations()[0].shifts] == [(0.2, 0.3, 0.5)] * 5


@pytest.mark.parametrize(
    "entries",
    [
        [CredenceEntry("P", None, None)],
        [CredenceEntry("P", 0.2, 0.3), CredenceEntry("P", 0.4, 0.5)],
        [CredenceEntry("P", 1.2, 0.3)],
        [CredenceEntry("P", 0.2, -0.1)],
        [CredenceEntry("P", float("nan"), 0.3)],
    ],
    ids=["no-sides", "twice", "above-1", "negative", "nan"],
)
def test_log_conversation_refuses_bad_entries(journal, journal_path, entries):
    p = journal.add_proposition(LAB)
    entries = [CredenceEntry(p.id, e.before, e.after, e.note) for e in entries]
    before = counts(journal_path)
    with pytest.raises(InvalidInput):
        journal.log_conversation("Coffee", entries, person="Sam")
    assert counts(journal_path) == before


def test_log_conversation_refuses_empty_title(journal):
    p = journal.add_proposition(LAB)
    with pytest.raises(InvalidInput):
        journal.log_conversation("  ", [CredenceEntry(p.id, 0.2, 0.3)])


def test_people_are_reused_by_name_case_insensitively(journal):
    p = journal.add_proposition(LAB)
    a = journal.log_conversation("One", [CredenceEntry(p.id, 0.2, 0.3)], person="Sam Altmann")
    b = journal.log_conversation("Two", [CredenceEntry(p.id, 0.3, 0.4)], person="sam  altmann ")
    c = journal.log_conversation("Three", [CredenceEntry(p.id, 0.4, 0.5)], person="SAM ALTMANN")
    assert a.person_id == b.person_id == c.person_id
    assert {c.person_name for c in (a, b, c)} == {"Sam Altmann"}
    assert [x.name for x in journal.people()] == ["Sam Altmann"]
    journal.log_conversation("Four", [CredenceEntry(p.id, 0.5, 0.6)], person="Ana")
    assert [x.name for x in journal.people()] == ["Ana", "Sam Altmann"]


def test_started_then_finished_conversation(journal):
    p = journal.add_proposition(LAB)
    q = journal.add_proposition(PHD)
    conv = journal.log_conversation(
        "Call with an advisor", [CredenceEntry(p.id, 0.4, None), CredenceEntry(q.id, 0.5, None)], occurred_at=T0
    )
    started = journal.conversation(conv.id)
    assert started.awaiting_after
    assert [(s.before, s.after, s.change) for s in started.shifts] == [(0.4, None, None), (0.5, None, None)]
    assert journal.summaries()[0].current == 0.4 and journal.summaries()[0].previous is None

    journal.finish_conversation(conv.id, [CredenceEntry(p.id, None, 0.7)], at=T0 + timedelta(hours=1))
    half = journal.conversation(conv.id)
    assert half.awaiting_after  # q still waits
    journal.finish_conversation(conv.id, [CredenceEntry(q.id, None, 0.5, note="no change")], at=T0 + timedelta(hours=1))
    done = journal.conversation(conv.id)
    assert not done.awaiting_after
    assert [(s.before, s.after) for s in done.shifts] == [(0.4, 0.7), (0.5, 0.5)]
    assert done.moved == 1
    after = [h.credence for h in journal.history(p.id)]
    assert [(c.phase, c.probability, c.recorded_at) for c in after] == [
        (Phase.BEFORE, 0.4, T0), (Phase.AFTER, 0.7, T0 + timedelta(hours=1)),
    ]


def _notes(journal, conv_id):
    return {h.credence.phase: h.credence.note for h in journal.history(journal.propositions()[0].id)
            if h.credence.conversation_id == conv_id}


def test_the_reason_given_at_finish_belongs_to_the_after_and_the_before_keeps_its_note(journal):
    p = journal.add_proposition(LAB)
    conv = journal.log_conversation("Call", [CredenceEntry(p.id, 0.4, None, note="before we talk")], occurred_at=T0)
    assert journal.conversation(conv.id).shifts[0].note == "before we talk"
    journal.finish_conversation(conv.id, [CredenceEntry(p.id, 0.4, 0.7, note="the evals point")])
    assert _notes(journal, conv.id) == {Phase.BEFORE: "before we talk", Phase.AFTER: "the evals point"}
    assert journal.conversation(conv.id).shifts[0].note == "the evals point"

    # Editing the conversation (as the dialog does, with the shift's reason) leaves the before's note alone.
    journal.edit_conversation(conv.id, title="Call with Ada", entries=[CredenceEntry(p.id, 0.4, 0.7, "the evals point")])
    assert _notes(journal, conv.id) == {Phase.BEFORE: "before we talk", Phase.AFTER: "the evals point"}


def test_a_reason_logged_with_both_sides_is_the_afters(journal):
    p = journal.add_proposition(LAB)
    conv = journal.log_conversation("Call", [CredenceEntry(p.id, 0.4, 0.6, note="why it moved")], occurred_at=T0)
    assert _notes(journal, conv.id) == {Phase.BEFORE: "", Phase.AFTER: "why it moved"}


def test_finishing_before_the_conversation_happened_records_the_after_at_its_time(journal):
    p = journal.add_proposition(LAB)
    conv = journal.log_conversation("Later", [CredenceEntry(p.id, 0.4, None)], occurred_at=T0)
    journal.finish_conversation(conv.id, [CredenceEntry(p.id, None, 0.6)], at=T0 - timedelta(days=1))
    assert [h.credence.recorded_at for h in journal.history(p.id)] == [T0, T0]
    assert journal.summaries()[0].current == 0.6


def test_finish_unknown_conversation(journal):
    p = journal.add_proposition(LAB)
    with pytest.raises(NotFound):
        journal.finish_conversation("nope", [CredenceEntry(p.id, None, 0.5)])


def test_a_failed_finish_writes_nothing(journal, journal_path):
    p = journal.add_proposition(LAB)
    conv = journal.log_conversation("Call", [CredenceEntry(p.id, 0.4, None)], occurred_at=T0)
    before = counts(journal_path)
    with pytest.raises(NotFound):
        journal.finish_conversation(conv.id, [CredenceEntry(p.id, None, 0.6), CredenceEntry("gone", None, 0.1)])
    assert counts(journal_path) == before
    assert journal.conversation(conv.id).awaiting_after


def test_check_in(journal):
    p = journal.add_proposition(LAB)
    c = journal.check_in(p.id, 0.35, note=" read a post ", at=T0)
    assert (c.phase, c.conversation_id, c.probability, c.note, c.recorded_at) == (
        Phase.CHECK_IN, None, 0.35, "read a post", T0,
    )
    for bad in (-0.01, 1.01, float("nan"), float("inf")):
        with pytest.raises(InvalidInput):
            journal.check_in(p.id, bad)
    with pytest.raises(NotFound):
        journal.check_in("nope", 0.5)
    assert len(journal.history(p.id)) == 1


def test_delete_credence_and_undo(journal):
    p = journal.add_proposition(LAB)
    c = journal.check_in(p.id, 0.35, at=T0)
    removed = journal.delete_credence(c.id)
    assert removed.credences == (c,)
    assert journal.history(p.id) == []
    journal.import_data(removed)
    assert [h.credence for h in journal.history(p.id)] == [c]
    with pytest.raises(NotFound):
        journal.delete_credence("nope")


def test_summaries_current_previous_change_and_when(journal):
    p = journal.add_proposition(LAB)
    q = journal.add_proposition(PHD)
    journal.check_in(p.id, 0.2, at=T0)
    journal.log_conversation("Talk", [CredenceEntry(p.id, 0.25, 0.45)], occurred_at=T0 + timedelta(days=1))
    by_id = {s.proposition.id: s for s in journal.summaries()}
    sp, sq = by_id[p.id], by_id[q.id]
    assert (sp.current, sp.previous, sp.current_at, sp.credence_count) == (0.45, 0.25, T0 + timedelta(days=1), 3)
    assert sp.change == pytest.approx(0.2)
    assert (sq.current, sq.previous, sq.current_at, sq.credence_count, sq.change) == (None, None, None, 0, None)
    journal.check_in(p.id, 0.5, at=T0 + timedelta(days=2))
    sp = journal.summaries()[0]
    assert (sp.current, sp.previous) == (0.5, 0.45)


def test_a_late_entry_of_an_old_conversation_does_not_become_current(journal):
    p = journal.add_proposition(LAB)
    journal.check_in(p.id, 0.6, at=T0)
    journal.log_conversation("Last month", [CredenceEntry(p.id, 0.1, 0.2)], occurred_at=T0 - timedelta(days=30))
    s = journal.summaries()[0]
    assert (s.current, s.previous) == (0.6, 0.2)


def test_history_orders_before_then_check_in_then_after_at_the_same_instant(journal):
    p = journal.add_proposition(LAB)
    # A check-in at the very same instant as the conversation, written first.
    journal.check_in(p.id, 0.3, at=T0)
    journal.log_conversation("Talk", [CredenceEntry(p.id, 0.25, 0.45)], occurred_at=T0)
    journal.check_in(p.id, 0.1, at=T0 - timedelta(minutes=1))
    history = journal.history(p.id)
    assert [(h.credence.phase, h.credence.probability) for h in history] == [
        (Phase.CHECK_IN, 0.1), (Phase.BEFORE, 0.25), (Phase.CHECK_IN, 0.3), (Phase.AFTER, 0.45),
    ]
    assert history[1].conversation.title == "Talk" and history[2].conversation is None
    assert [c.id for c in journal.credences([p.id])] == [h.credence.id for h in history]
    with pytest.raises(NotFound):
        journal.history("nope")


def test_the_current_value_and_the_history_agree_on_an_exact_tie(journal):
    # Two conversations logged with the same --at: the list's "current" must be
    # the last entry the history shows, whichever way the tie is settled.
    p = journal.add_proposition(LAB)
    for after in (0.0, 0.25, 0.5, 0.75):
        journal.log_conversation("Talk", [CredenceEntry(p.id, None, after)], occurred_at=T0)
    history = [h.credence for h in journal.history(p.id)]
    summary = journal.summaries()[0]
    assert (summary.current, summary.previous) == (history[-1].probability, history[-2].probability)
    assert journal.credences([p.id]) == history
    assert [c for c in journal.export_data().credences] == history


def test_history_carries_the_person(journal):
    p = journal.add_proposition(LAB)
    journal.log_conversation("Talk", [CredenceEntry(p.id, 0.25, 0.45)], person="Sam", occurred_at=T0)
    assert {h.conversation.person_name for h in journal.history(p.id)} == {"Sam"}


def test_histories_of_many_propositions_match_each_ones_history_in_the_order_asked(journal):
    p = journal.add_proposition(LAB, tags=["career"])
    q = journal.add_proposition(PHD)
    r = journal.add_proposition("Nobody talks about this")
    journal.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3), CredenceEntry(q.id, 0.5, 0.6)], person="Sam", occurred_at=T0)
    journal.check_in(q.id, 0.7, at=T0 + timedelta(days=1))
    journal.check_in(p.id, 0.1, at=T0 - timedelta(days=1))
    got = journal.histories([q.id, r.id, p.id])
    assert [prop for prop, _h in got] == [journal.proposition(i) for i in (q.id, r.id, p.id)]
    assert got[2][0].tags == ("career",)
    assert [h for _p, h in got] == [journal.history(i) for i in (q.id, r.id, p.id)]
    assert got[0][1][0].conversation.person_name == "Sam"
    with pytest.raises(NotFound):
        journal.histories([p.id, "nope"])


def test_credences_filtered_by_proposition(journal):
    p = journal.add_proposition(LAB)
    q = journal.add_proposition(PHD)
    journal.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3), CredenceEntry(q.id, 0.5, 0.6)], occurred_at=T0)
    assert {c.proposition_id for c in journal.credences([q.id])} == {q.id}
    assert len(journal.credences()) == 4
    assert journal.credences([]) == []


def test_edit_conversation(journal):
    p = journal.add_proposition(LAB)
    q = journal.add_proposition(PHD)
    conv = journal.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3)], person="Sam", occurred_at=T0)
    later = T0 + timedelta(days=2)
    edited = journal.edit_conversation(
        conv.id, title="Long talk", person="ana", kind=Kind.AI, occurred_at=later, notes="n",
        entries=[CredenceEntry(q.id, 0.5, 0.7)],
    )
    assert (edited.title, edited.person_name, edited.kind, edited.occurred_at, edited.notes) == (
        "Long talk", "ana", Kind.AI, later, "n",
    )
    summary = journal.conversation(conv.id)
    assert [(s.proposition_id, s.before, s.after) for s in summary.shifts] == [(q.id, 0.5, 0.7)]
    assert journal.history(p.id) == []
    assert {h.credence.recorded_at for h in journal.history(q.id)} == {later}
    assert journal.edit_conversation(conv.id, person="").person_name is None


def test_edit_conversation_time_moves_its_credences(journal):
    p = journal.add_proposition(LAB)
    conv = journal.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3)], occurred_at=T0)
    earlier = T0 - timedelta(days=3)
    journal.edit_conversation(conv.id, occurred_at=earlier)
    # Both sides belong to the conversation; neither may stay at the old time.
    assert [h.credence.recorded_at for h in journal.history(p.id)] == [earlier, earlier]


def test_failed_edit_conversation_writes_nothing(journal, journal_path):
    p = journal.add_proposition(LAB)
    conv = journal.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3)], occurred_at=T0)
    before = counts(journal_path)
    with pytest.raises(NotFound):
        journal.edit_conversation(conv.id, title="New", person="New person",
                                  entries=[CredenceEntry("nope", 0.1, 0.2)])
    assert counts(journal_path) == before
    assert journal.conversation(conv.id).conversation.title == "Talk"


def test_delete_conversation_and_undo(journal, journal_path):
    p = journal.add_proposition(LAB)
    first = journal.log_conversation("First", [CredenceEntry(p.id, 0.2, 0.3)], person="Sam", occurred_at=T0)
    journal.log_conversation("Second", [CredenceEntry(p.id, 0.3, 0.4)], occurred_at=T0 + timedelta(days=1))
    before = journal.export_data()
    summaries = journal.conversations()

    removed = journal.delete_conversation(first.id)

    assert [c.id for c in removed.conversations] == [first.id]
    assert len(removed.credences) == 2 and [x.name for x in removed.people] == ["Sam"]
    assert [s.conversation.title for s in journal.conversations()] == ["Second"]
    assert counts(journal_path)["credences"] == 2
    with pytest.raises(NotFound):
        journal.conversation(first.id)

    journal.import_data(removed)

    assert journal.export_data() == before
    assert journal.conversations() == summaries
    assert journal.find_conversation("1").id == first.id


def test_conversations_newest_first_and_since(journal):
    p = journal.add_proposition(LAB)
    old = journal.log_conversation("Old", [CredenceEntry(p.id, 0.2, 0.3)], occurred_at=T0)
    new = journal.log_conversation("New", [CredenceEntry(p.id, 0.3, 0.4)], occurred_at=T0 + timedelta(days=1))
    assert [s.conversation.id for s in journal.conversations()] == [new.id, old.id]
    assert [s.conversation.id for s in journal.conversations(since=T0 + timedelta(hours=1))] == [new.id]


def test_deleting_a_proposition_keeps_conversations(journal):
    p = journal.add_proposition(LAB)
    q = journal.add_proposition(PHD)
    conv = journal.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3), CredenceEntry(q.id, 0.5, 0.6)])
    journal.delete_proposition(p.id)
    assert [s.proposition_id for s in journal.conversation(conv.id).shifts] == [q.id]


def test_is_empty(journal):
    assert journal.is_empty()
    journal.add_proposition(LAB)
    assert not journal.is_empty()


# -- times -----------------------------------------------------------------


def test_times_come_back_aware_utc_whatever_zone_went_in(journal):
    tokyo = timezone(timedelta(hours=9))
    local = datetime(2026, 11, 26, 18, 30)  # naive: local (Berlin) time
    p = journal.add_proposition(LAB, created_at=datetime(2026, 11, 27, 2, 30, tzinfo=tokyo))
    conv = journal.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3)], occurred_at=local)
    c = journal.check_in(p.id, 0.5, at=datetime(2026, 11, 26, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=-5))))
    assert journal.proposition(p.id).created_at == datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
    assert journal.conversation(conv.id).conversation.occurred_at == datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
    stored = [h.credence.recorded_at for h in journal.history(p.id)]
    assert stored[0] == datetime(2026, 11, 26, 17, 0, 0, 123456, tzinfo=UTC) == c.recorded_at
    for value in [journal.proposition(p.id).created_at, *stored, journal.conversations()[0].conversation.occurred_at]:
        assert value.tzinfo is UTC


def test_utc_column_refuses_naive_times():
    from beliefupdate.store.models import UTCDateTime

    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), None)


# -- the database itself ----------------------------------------------------


def test_probability_range_is_enforced_by_the_database(journal, journal_path):
    p = journal.add_proposition(LAB)
    journal.close()
    conn = sqlite3.connect(journal_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="ck_credences_probability_range"):
            conn.execute(
                "INSERT INTO credences (id, proposition_id, conversation_id, phase, probability, recorded_at, note)"
                " VALUES ('x', ?, NULL, 'check-in', 1.5, '2026-11-26 17:30:00.000000', '')",
                (p.id,),
            )
    finally:
        conn.close()


def test_foreign_keys_are_enforced_by_the_database(journal):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), journal.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO credences (id, proposition_id, conversation_id, phase, probability, recorded_at, note)"
            " VALUES ('x', 'no-such-proposition', NULL, 'check-in', 0.5, '2026-11-26 17:30:00.000000', '')"
        )


def test_connection_pragmas(journal, journal_path):
    journal.engine.dispose()  # so that what follows is a brand-new connection
    with journal.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 1000
        assert pragma("application_id") == APPLICATION_ID


def test_application_id_is_in_the_file_header_while_the_journal_is_open(journal, journal_path):
    # Another program (or our own command line, while the app is open) recognises
    # the file by its header before SQLite has folded the write-ahead log back in.
    journal.add_proposition(LAB)
    with open(journal_path, "rb") as f:
        header = f.read(100)
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


def test_the_journal_can_be_opened_twice_at_once(journal, journal_path):
    journal.add_proposition(LAB)
    with Journal.open(journal_path) as other:
        assert [p.text for p in other.propositions()] == [LAB]
        other.add_proposition(PHD)
    assert len(journal.propositions()) == 2


def test_new_journal_files_are_private(journal, journal_path):
    journal.add_proposition(LAB)
    for path in [journal_path, *journal_path.parent.glob(journal_path.name + "-*")]:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_journal_at_a_path_with_url_characters(tmp_path):
    # '?', '#' and '%' mean something in URLs; the journal must still be this very file.
    folder = tmp_path / "odd ?#% name"
    folder.mkdir()
    path = folder / "my journal #1?.sqlite3"
    for attempt in range(2):
        with Journal.open(path) as j:
            j.add_proposition(f"Proposition {attempt}")
            assert len(j.propositions()) == attempt + 1
    assert sorted(p.name for p in folder.iterdir() if p.name != "backups") == ["my journal #1?.sqlite3"]


def test_sqlalchemy_url_is_accepted(tmp_path):
    path = tmp_path / "by url.sqlite3"
    with Journal.open(f"sqlite:///{path}") as j:
        j.add_proposition(LAB)
    with Journal.open(path) as j:
        assert [p.text for p in j.propositions()] == [LAB]


def test_in_memory_journal(tmp_path):
    with Journal.open("sqlite://") as j:
        p = j.add_proposition(LAB)
        j.log_conversation("Talk", [CredenceEntry(p.id, 0.2, 0.3)])
        assert j.summaries()[0].current == 0.3


def test_default_location_is_created_private(tmp_path, monkeypatch):
    from beliefupdate.store import location

    target = tmp_path / "data" / "beliefupdate" / "journal.sqlite3"
    monkeypatch.setattr(location, "default_path", lambda: target)
    with Journal.open() as j:
        assert j.location.path == target
    assert stat.S_IMODE(os.stat(target.parent).st_mode) == 0o700


def test_environment_variable_picks_the_journal(tmp_path, monkeypatch):
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("BELIEFUPDATE_DB", str(target))
    with Journal.open() as j:
        assert j.location.path == target
    assert target.exists()


def test_a_nul_character_is_refused_by_name_not_by_the_database(journal):
    from beliefupdate.domain.errors import InvalidInput
    from beliefupdate.domain.types import JournalData, Proposition

    with pytest.raises(InvalidInput, match="NUL"):
        journal.add_proposition("half\x00a text")
    stray = Proposition("p-nul", 0, "\x00", "", (), journal.proposition(journal.add_proposition("fine").id).created_at)
    with pytest.raises(InvalidInput, match=r"propositions\[0\] \(id p-nul\): proposition text contains a NUL"):
        journal.import_data(JournalData(propositions=(stray,)))
    assert [p.text for p in journal.propositions()] == ["fine"]


def test_summaries_carry_the_last_twelve_credences_oldest_first(journal):
    from datetime import datetime, timedelta

    p = journal.add_proposition("A long-watched belief")
    q = journal.add_proposition("A belief checked once")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(15):
        journal.check_in(p.id, i / 100, at=start + timedelta(days=i))
    journal.check_in(q.id, 0.5, at=start)
    by_text = {s.proposition.text: s for s in journal.summaries()}
    long = by_text["A long-watched belief"]
    assert long.recent == tuple(i / 100 for i in range(3, 15))
    assert (long.current, long.previous, long.credence_count) == (0.14, 0.13, 15)
    once = by_text["A belief checked once"]
    assert (once.recent, once.current, once.previous, once.credence_count) == ((0.5,), 0.5, None, 1)


def test_conversation_overviews_add_up_what_the_full_summaries_say(journal):
    from beliefupdate.domain.types import CredenceEntry

    a = journal.add_proposition("Labs are where progress happens")
    b = journal.add_proposition("I should apply this year")
    c = journal.add_proposition("Policy work is neglected")
    journal.log_conversation("Coffee", [CredenceEntry(a.id, 0.25, 0.45), CredenceEntry(b.id, 0.3, 0.3)], person="Sam")
    journal.log_conversation("Before the call", [CredenceEntry(a.id, 0.45, None), CredenceEntry(c.id, 0.6, None)])
    journal.log_conversation("Empty so far", [CredenceEntry(b.id, None, 0.5)])
    full = {
        s.conversation.id: (len(s.shifts), s.moved, round(s.total_movement, 12), s.awaiting_after)
        for s in journal.conversations()
    }
    overviews = journal.conversation_overviews()
    assert [o.conversation.title for o in overviews] == [s.conversation.title for s in journal.conversations()]
    assert {
        o.conversation.id: (o.propositions, o.moved, round(o.total_movement, 12), o.awaiting_after) for o in overviews
    } == full
    waiting = next(o for o in overviews if o.conversation.title == "Before the call")
    assert waiting.awaiting == 2 and waiting.total_movement == 0
    assert next(o for o in overviews if o.conversation.title == "Coffee").conversation.person_name == "Sam"


@pytest.mark.parametrize("trend", [True, False], ids=["with trend", "without trend"])
def test_last_change_is_the_last_real_move_not_a_before_that_repeats_it(journal, trend):
    p = journal.add_proposition(LAB)
    q = journal.add_proposition(PHD)
    still = journal.add_proposition("Never moved")
    journal.log_conversation("Coffee with Sam", [CredenceEntry(p.id, 0.25, 0.45), CredenceEntry(q.id, 0.30, 0.65),
                                                 CredenceEntry(still.id, 0.5, 0.5)], occurred_at=T0)
    journal.check_in(q.id, 0.60, at=T0 + timedelta(days=1))  # drift is a move too
    # The next conversation's befores, where each already stands: not a change.
    journal.log_conversation("Lunch with Priya", [CredenceEntry(p.id, 0.45, None), CredenceEntry(q.id, 0.60, None),
                                                  CredenceEntry(still.id, 0.5, None)], occurred_at=T0 + timedelta(days=3))

    summary = {s.proposition.id: s for s in journal.summaries(trend=trend)}

    assert (summary[p.id].current, summary[p.id].current_at) == (0.45, T0 + timedelta(days=3))
    assert summary[p.id].moved_from == 0.25 and summary[p.id].moved_at == T0
    assert summary[p.id].last_change == pytest.approx(0.20)
    assert summary[q.id].moved_from == 0.65 and summary[q.id].moved_at == T0 + timedelta(days=1)
    assert summary[q.id].last_change == pytest.approx(-0.05)
    assert (summary[still.id].last_change, summary[still.id].moved_at) == (None, None)


@pytest.mark.parametrize("trend", [True, False], ids=["with trend", "without trend"])
def test_last_change_is_found_behind_many_repeats(journal, trend):
    p = journal.add_proposition(LAB)
    journal.log_conversation("Coffee with Sam", [CredenceEntry(p.id, 0.25, 0.45)], occurred_at=T0)
    for day in range(1, 31):
        journal.check_in(p.id, 0.45, at=T0 + timedelta(days=day))
    q = journal.add_proposition(PHD)
    journal.check_in(q.id, 0.3, at=T0)
    for day in range(1, 31):
        journal.check_in(q.id, 0.5, at=T0 + timedelta(days=day))
    summary, other = journal.summaries(trend=trend)
    assert (summary.moved_from, summary.moved_at, summary.credence_count) == (0.25, T0, 32)
    assert summary.last_change == pytest.approx(0.20)
    assert (other.moved_from, other.moved_at) == (0.3, T0 + timedelta(days=1))


def test_a_list_without_the_trend_says_the_same_of_each_proposition(journal):
    # Repeats of every length around the trend's: the list without it reads two credences
    # each, and more only where those two are the same.
    for repeats in (0, 1, 2, 5, TREND_LENGTH - 1, TREND_LENGTH, TREND_LENGTH + 3):
        p = journal.add_proposition(f"Repeated {repeats} times after a move")
        journal.log_conversation(f"Talk {repeats}", [CredenceEntry(p.id, 0.2, 0.35)], occurred_at=T0)
        for day in range(1, repeats + 1):
            journal.check_in(p.id, 0.35, at=T0 + timedelta(days=day))
    journal.add_proposition("Nothing recorded yet")
    with_trend = journal.summaries()
    without = journal.summaries(trend=False)
    assert [s.recent for s in without] == [()] * len(with_trend)
    assert without == [dataclasses.replace(s, recent=()) for s in with_trend]
    assert [s.moved_at for s in without] == [T0] * 7 + [None]
