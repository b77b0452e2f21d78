"""Editing or undoing a conversation in the app keeps the afters the user expected."""

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.operations.conversations import entries_of


def test_rewriting_a_conversation_from_its_summary_keeps_expectations(journal):
    p = journal.add_proposition("Working at a large lab is my best option")
    conv = journal.log_conversation("Coffee with Sam", [CredenceEntry(p.id, 0.4, None, "", 0.55)])
    journal.edit_conversation(conv.id, title="Coffee with Sam at the lab", entries=entries_of(journal.conversation(conv.id)))
    (shift,) = journal.conversation(conv.id).shifts
    assert (shift.before, shift.after, shift.expected_after) == (0.4, None, 0.55)
