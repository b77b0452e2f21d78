"""Each thing a person does is one operation: one transaction, and an undo (and redo) that gives
back exactly what was there. On both backends, through the same functions the window and the
command line call."""

import pytest

from beliefupdate.domain.errors import ChangedElsewhere, NotFound
from beliefupdate.domain.types import CredenceEntry, NewBelief, Resolution
from beliefupdate.operations import What, conversations, exchange, propositions


def _texts(journal):
    return sorted(p.text for p in journal.propositions())


def _titles(journal):
    return sorted(c.conversation.title for c in journal.conversations())


def test_logging_with_a_born_belief_says_what_it_created_and_undo_redo_give_the_same_records(journal):
    a = journal.add_proposition("Alignment is one hard problem")
    draft = conversations.ConversationDraft(
        "Coffee with Sam", [CredenceEntry(a.id, 0.3, 0.4)], new_beliefs=[NewBelief("Labs will coordinate", 0.2)])

    done = conversations.log_conversation(draft)(journal)

    conv, born = done.value, done.created[1]
    assert done.created[0] == conv.id
    assert journal.proposition(born).text == "Labs will coordinate"
    assert done.changes.what == What.ALL
    assert done.changes.propositions == {a.id, born} and done.changes.conversations == {conv.id}

    undone = done.undo(journal)
    assert _titles(journal) == [] and _texts(journal) == ["Alignment is one hard problem"]
    again = undone.undo(journal)
    assert _titles(journal) == ["Coffee with Sam"]
    assert journal.proposition(born).text == "Labs will coordinate"  # the same record, by id
    assert [s.after for s in journal.conversation(conv.id).shifts] == [0.4, 0.2]
    assert again.label == done.label == "log “Coffee with Sam”"


def test_deleting_a_conversation_with_its_born_beliefs_is_one_transaction(journal):
    a = journal.add_proposition("Alignment is one hard problem")
    draft = conversations.ConversationDraft(
        "Coffee with Sam", [CredenceEntry(a.id, 0.3, 0.4)], new_beliefs=[NewBelief("Labs will coordinate", 0.2)])
    done = conversations.log_conversation(draft)(journal)
    born = done.created[1]
    # Another device deletes the born belief first: the undo's second write fails, so its first
    # (the conversation's deletion) must not stand either.
    journal.delete_proposition(born)

    with pytest.raises(NotFound):
        done.undo(journal)

    assert _titles(journal) == ["Coffee with Sam"]


def test_finishing_with_a_born_belief_undoes_to_waiting_and_redoes_the_same_afters(journal):
    a = journal.add_proposition("Alignment is one hard problem")
    conv = journal.log_conversation("Call with Ana", [CredenceEntry(a.id, 0.3, None)])
    waiting = journal.conversation(conv.id)

    done = conversations.finish_conversation(waiting, [CredenceEntry(a.id, 0.3, 0.6)], post="moved",
                                             new_beliefs=[NewBelief("Evals are the bottleneck", 0.7)])(journal)
    finished = journal.conversation(conv.id)
    assert [(s.before, s.after, s.new) for s in finished.shifts] == [(0.3, 0.6, False), (None, 0.7, True)]

    undone = done.undo(journal)
    back = journal.conversation(conv.id)
    assert back.awaiting == 1 and back.conversation.post == ""
    assert _texts(journal) == ["Alignment is one hard problem"]

    undone.undo(journal)
    redone = journal.conversation(conv.id)
    assert [(s.before, s.after) for s in redone.shifts] == [(0.3, 0.6), (None, 0.7)]
    assert redone.shifts[0].proposition_id == a.id
    assert {s.proposition_id for s in redone.shifts if s.new} == {s.proposition_id for s in finished.shifts if s.new}


def test_an_edit_undone_after_another_device_changed_the_record_is_refused(journal):
    p = journal.add_proposition("Alignment is one hard problem")
    done = propositions.edit_proposition(p, text="Alignment is hard", tags=("ai",), notes="")(journal)
    journal.edit_proposition(p.id, notes="from the laptop")

    with pytest.raises(ChangedElsewhere):
        done.undo(journal)

    assert journal.proposition(p.id).notes == "from the laptop"


def test_archiving_several_is_one_step_and_undo_gives_each_back(journal):
    ps = [journal.add_proposition(t) for t in ("One", "Two", "Three")]

    done = propositions.set_archived(ps, True)(journal)

    assert done.label == "archive 3 propositions"
    assert journal.propositions(include_archived=False) == []
    done.undo(journal)
    assert _texts(journal) == ["One", "Three", "Two"]
    assert all(not p.archived for p in journal.propositions())


def test_resolving_then_undo_gives_each_its_own_resolution_back(journal):
    a, b = journal.add_proposition("One"), journal.add_proposition("Two")
    journal.resolve_proposition(b.id, Resolution.FALSE)
    b = journal.proposition(b.id)

    done = propositions.resolve([a, b], Resolution.TRUE)(journal)
    assert {p.resolution for p in journal.propositions()} == {Resolution.TRUE}
    done.undo(journal)

    assert journal.proposition(a.id).resolution is Resolution.OPEN
    assert journal.proposition(b.id).resolution is Resolution.FALSE


def test_deleting_propositions_touches_the_conversations_that_lose_credences_and_undo_restores_them(journal):
    a, b = journal.add_proposition("One"), journal.add_proposition("Two")
    conv = journal.log_conversation("Chat", [CredenceEntry(a.id, 0.2, 0.5), CredenceEntry(b.id, 0.4, 0.4)])

    done = propositions.delete_propositions([a, b])(journal)

    assert done.changes.conversations == {conv.id}
    assert journal.propositions() == []
    done.undo(journal)
    assert [(s.before, s.after) for s in journal.conversation(conv.id).shifts] == [(0.2, 0.5), (0.4, 0.4)]


def test_undoing_an_import_removes_exactly_what_it_added(journal, tmp_path):

    mine = journal.add_proposition("Mine")
    journal.check_in(mine.id, 0.5)
    source = tmp_path / "other.sqlite3"
    from beliefupdate.store.journal import Journal

    with Journal.open(str(source)) as j2:
        theirs = j2.add_proposition("Theirs")
        j2.check_in(theirs.id, 0.7)
        j2.log_conversation("Their chat", [CredenceEntry(theirs.id, 0.7, 0.8)])
        other = j2.export_data()
    before = journal.export_data()

    done = exchange.import_data(other)(journal)
    assert _texts(journal) == ["Mine", "Theirs"] and _titles(journal) == ["Their chat"]
    done.undo(journal)

    assert journal.export_data() == before
    done.undo(journal).undo(journal)
    assert _texts(journal) == ["Mine", "Theirs"]


def test_adding_a_proposition_with_where_one_stands_is_one_step(journal):
    done = propositions.add_proposition("Labs will coordinate", ("ai",), "", 0.3)(journal)
    assert journal.summaries()[0].current == 0.3
    undone = done.undo(journal)
    assert journal.propositions() == []
    undone.undo(journal)
    assert [(s.proposition.text, s.current) for s in journal.summaries()] == [("Labs will coordinate", 0.3)]


def test_a_check_in_undone_is_gone_and_redone_is_back(journal):
    p = journal.add_proposition("One")
    done = propositions.check_in(p, 0.6, "after reading")(journal)
    undone = done.undo(journal)
    assert journal.credences() == []
    undone.undo(journal)
    assert [c.probability for c in journal.credences()] == [0.6]


def test_editing_a_conversation_then_undo_gives_its_credences_back(journal):
    a = journal.add_proposition("One")
    conv = journal.log_conversation("Chat", [CredenceEntry(a.id, 0.2, 0.5)], notes="first")
    old = journal.conversation(conv.id)
    draft = conversations.ConversationDraft("Chat again", [CredenceEntry(a.id, 0.25, 0.7)], notes="second")

    done = conversations.edit_conversation(old, draft, expected_version=old.conversation.version)(journal)
    assert journal.conversation(conv.id).conversation.title == "Chat again"
    done.undo(journal)

    back = journal.conversation(conv.id)
    assert (back.conversation.title, back.conversation.notes) == ("Chat", "first")
    assert [(s.before, s.after) for s in back.shifts] == [(0.2, 0.5)]


def test_deleting_a_conversation_and_undo_brings_back_its_credences(journal):
    a = journal.add_proposition("One")
    conv = journal.log_conversation("Chat", [CredenceEntry(a.id, 0.2, 0.5)], person="Sam")
    done = conversations.delete_conversation(conv)(journal)
    assert journal.conversations() == [] and done.changes.propositions == {a.id}
    done.undo(journal)
    assert [(s.before, s.after) for s in journal.conversation(conv.id).shifts] == [(0.2, 0.5)]


def test_a_crux_link_made_then_undone_is_gone_and_an_update_undone_leaves_the_link(journal):
    from beliefupdate.operations import cruxes

    b, a = journal.add_proposition("B"), journal.add_proposition("A")
    made = cruxes.set_crux(b, a, 0.8, 0.2)(journal)
    updated = cruxes.set_crux(b, a, 0.9, 0.1)(journal)
    assert len(journal.cruxes().crux_credences) == 4

    updated.undo(journal)
    assert [c.probability for c in journal.cruxes().crux_credences] == [0.8, 0.2]
    unmade = made.undo(journal)
    assert journal.cruxes().crux_links == ()
    unmade.undo(journal)
    assert [k.id for k in journal.cruxes().crux_links] == [made.value.id]


def test_a_crux_link_deleted_and_undone_comes_back_with_its_credences(journal):
    from beliefupdate.operations import cruxes

    b, a = journal.add_proposition("B"), journal.add_proposition("A")
    link = journal.set_crux(b.id, a.id, 0.8, 0.2)
    done = cruxes.delete_crux(link, b, a)(journal)
    assert journal.cruxes().crux_links == ()
    done.undo(journal)
    assert [c.probability for c in journal.cruxes().crux_credences] == [0.8, 0.2]
