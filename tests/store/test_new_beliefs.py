"""Beliefs born in a conversation: propositions created with it, holding only an after."""

from datetime import UTC, datetime, timedelta

import pytest

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import CredenceEntry, NewBelief

T0 = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
LAB = "My highest-impact option is to work at a large lab"
COWORKERS = "Coworkers matter for where I'd learn fastest"


def test_a_new_belief_is_created_with_the_conversation_and_shown_as_new(journal):
    lab = journal.add_proposition(LAB)
    conv = journal.log_conversation("Coffee", [CredenceEntry(lab.id, 0.4, 0.5)], occurred_at=T0,
                                    new_beliefs=[NewBelief("  " + COWORKERS, 0.8, "hadn't thought of it")])
    born = journal.find_proposition(COWORKERS)
    assert born.created_at == T0
    shifts = {s.proposition_text: s for s in journal.conversation(conv.id).shifts}
    assert shifts[COWORKERS].new and shifts[COWORKERS].before is None and shifts[COWORKERS].after == 0.8
    assert shifts[COWORKERS].change is None and shifts[COWORKERS].note == "hadn't thought of it"
    assert not shifts[LAB].new


def test_nothing_is_created_when_the_conversation_is_refused(journal):
    lab = journal.add_proposition(LAB)
    with pytest.raises(InvalidInput):
        journal.log_conversation("Coffee", [CredenceEntry(lab.id, 0.4, 1.5)], new_beliefs=[NewBelief(COWORKERS, 0.8)])
    with pytest.raises(InvalidInput, match="already says that"):
        journal.log_conversation("Coffee", [CredenceEntry(lab.id, 0.4, 0.5)],
                                 new_beliefs=[NewBelief(COWORKERS, 0.8), NewBelief(LAB.upper(), 0.3)])
    assert [p.text for p in journal.propositions()] == [LAB]
    assert journal.conversations() == []


def test_a_new_belief_can_be_born_when_finishing(journal):
    lab = journal.add_proposition(LAB)
    conv = journal.log_conversation("Coffee", [CredenceEntry(lab.id, 0.4, None)], occurred_at=T0)
    journal.finish_conversation(conv.id, [CredenceEntry(lab.id, None, 0.35)], T0 + timedelta(hours=1),
                                new_beliefs=[NewBelief(COWORKERS, 0.7)])
    shift = next(s for s in journal.conversation(conv.id).shifts if s.proposition_text == COWORKERS)
    assert shift.new and shift.after == 0.7


def test_a_lone_after_on_a_proposition_with_history_is_not_new(journal):
    lab = journal.add_proposition(LAB)
    journal.check_in(lab.id, 0.4, at=T0)
    conv = journal.log_conversation("Later", [CredenceEntry(lab.id, None, 0.6)], occurred_at=T0 + timedelta(days=1))
    assert not journal.conversation(conv.id).shifts[0].new
