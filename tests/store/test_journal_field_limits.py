"""What one field may hold (domain/types.py) is the journal's rule, whoever asks: notes, a reason,
a Pre or a Post of at most MAX_PROSE characters, a proposition of at most MAX_TAGS tags."""

from __future__ import annotations

import pytest

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import MAX_PROSE, MAX_TAGS, CredenceEntry

TOO_LONG = "x" * (MAX_PROSE + 1)


def test_a_post_over_the_limit_is_refused_and_nothing_is_stored(journal):
    with pytest.raises(InvalidInput, match=r"^Post is 1,000,001 characters; the limit is 1,000,000$"):
        journal.log_conversation("Coffee with Sam", [], post=TOO_LONG)
    assert journal.conversations() == []


def test_every_long_text_field_is_held_to_the_limit(journal):
    lab = journal.add_proposition("Working at a lab is my best option")
    conv = journal.log_conversation("Coffee with Sam", [CredenceEntry(lab.id, 0.3, None)], pre="x" * MAX_PROSE)
    refused = [  # what the message names, and the attempt
        ("notes", lambda: journal.add_proposition("A PhD is worth it", notes=TOO_LONG)),
        ("notes", lambda: journal.edit_proposition(lab.id, notes=TOO_LONG)),
        ("notes", lambda: journal.edit_conversation(conv.id, notes=TOO_LONG)),
        ("Pre", lambda: journal.edit_conversation(conv.id, pre=TOO_LONG)),
        ("Post", lambda: journal.finish_conversation(conv.id, [CredenceEntry(lab.id, None, 0.5)], post=TOO_LONG)),
        ("note", lambda: journal.check_in(lab.id, 0.4, note=TOO_LONG)),
    ]
    for what, attempt in refused:
        with pytest.raises(InvalidInput, match=f"^{what} is 1,000,001 characters; the limit is 1,000,000$"):
            attempt()
    assert journal.conversation(conv.id).conversation.pre == "x" * MAX_PROSE  # at the limit is fine
    assert journal.history(lab.id)[-1].credence.probability == 0.3


def test_a_proposition_takes_at_most_the_limit_of_tags(journal):
    tags = [f"t{i}" for i in range(MAX_TAGS)]
    p = journal.add_proposition("Working at a lab is my best option", tags=tags)
    assert len(p.tags) == MAX_TAGS
    with pytest.raises(InvalidInput, match=rf"^more than {MAX_TAGS} tags; a proposition can have at most {MAX_TAGS}$"):
        journal.edit_proposition(p.id, tags=[*tags, "one-more"])
    with pytest.raises(InvalidInput, match="at most"):
        journal.add_proposition("A PhD is worth it", tags=(f"t{i}" for i in range(10**6)))
    assert len(journal.propositions()) == 1
