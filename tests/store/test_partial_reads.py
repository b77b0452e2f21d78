"""Reading only some propositions' summaries or conversations' overviews gives exactly the rows
the full read gives for them: a window that shows an edit again reads just what the edit touched."""

from datetime import UTC, datetime, timedelta

from beliefupdate.domain.types import CredenceEntry

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _fill(journal):
    ids = [journal.add_proposition(f"Claim {n}", tags=[f"t{n % 2}"]).id for n in range(5)]
    for n in range(8):
        entries = [CredenceEntry(pid, 0.2 + n / 20, 0.3 + n / 20 if n % 3 else None, "")
                   for pid in ids[n % 3: n % 3 + 2]]
        journal.log_conversation(f"Talk {n}", entries, person="Ana" if n % 2 else None,
                                 occurred_at=T0 + timedelta(days=n % 4, hours=n))
    journal.check_in(ids[4], 0.9)
    journal.check_in(ids[4], 0.9)
    journal.check_in(ids[4], 0.4)
    journal.set_archived(ids[3], True)
    return ids


def test_summaries_of_some_ids_are_the_full_reads_rows_for_them(journal):
    ids = _fill(journal)
    full = {s.proposition.id: s for s in journal.summaries(include_archived=True)}
    some = [ids[4], ids[1], ids[3]]
    got = journal.summaries(include_archived=True, ids=some)
    assert [s.proposition.id for s in got] == [ids[1], ids[3], ids[4]]  # by handle, as the full read
    assert got == [full[i] for i in (ids[1], ids[3], ids[4])]
    assert [s.proposition.id for s in journal.summaries(ids=some)] == [ids[1], ids[4]]  # archived left out


def test_an_id_no_longer_there_is_left_out(journal):
    ids = _fill(journal)
    journal.delete_proposition(ids[0])
    assert [s.proposition.id for s in journal.summaries(include_archived=True, ids=[ids[0], ids[2]])] == [ids[2]]
    assert journal.summaries(ids=[]) == []


def test_overviews_of_some_conversations_are_the_full_reads_rows_for_them(journal):
    _fill(journal)
    full = journal.conversation_overviews()
    some = [full[5].conversation.id, full[1].conversation.id, "no-such-id"]
    assert journal.conversation_overviews(some) == [full[1], full[5]]  # newest first, as the full read
    assert journal.conversation_overviews([]) == []
