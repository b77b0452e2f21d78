"""Crux links in the journal: "B depends on A" with P(B | A) and P(B | not A), each with a time."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.interchange.exchange import from_dict, to_dict
from beliefupdate.store.models import CruxLinkRow

T0 = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
HARD = "AI safety is one genuinely hard problem"
LAB = "My highest-impact option is to work at a large lab"


@pytest.fixture
def pair(journal):
    return journal.add_proposition(HARD), journal.add_proposition(LAB)


def test_a_crux_holds_both_conditional_credences_each_with_its_time(journal, pair):
    hard, lab = pair
    link = journal.set_crux(lab.id, hard.id, 0.3, 0.8, at=T0)
    again = journal.set_crux(lab.id, hard.id, 0.35, 0.7, at=T0 + timedelta(days=1))  # an update, same link
    assert again == link and (link.proposition_id, link.on_id) == (lab.id, hard.id)
    data = journal.cruxes()
    assert data.crux_links == (link,)
    assert [(c.given_true, c.probability, c.recorded_at) for c in data.crux_credences] == [
        (True, 0.3, T0), (False, 0.8, T0), (True, 0.35, T0 + timedelta(days=1)), (False, 0.7, T0 + timedelta(days=1))]


def test_a_proposition_cannot_depend_on_itself_nor_through_a_cycle(journal, pair):
    hard, lab = pair
    other = journal.add_proposition("Timelines are short")
    with pytest.raises(InvalidInput, match="#1 cannot depend on itself"):
        journal.set_crux(hard.id, hard.id, 0.5, 0.5)
    journal.set_crux(lab.id, hard.id, 0.3, 0.8)
    journal.set_crux(hard.id, other.id, 0.6, 0.4)
    with pytest.raises(InvalidInput, match=r"cycle: #3 → #2 → #1 → #3"):
        journal.set_crux(other.id, lab.id, 0.5, 0.5)
    assert len(journal.cruxes().crux_links) == 2


def test_the_database_refuses_a_self_link_by_its_named_check(journal, pair):
    from sqlalchemy.orm import Session

    hard, _lab = pair
    with pytest.raises(IntegrityError, match=r"not_on_itself|ck_crux_links"), Session(journal.engine) as s, s.begin():
        s.add(CruxLinkRow(id="x", proposition_id=hard.id, on_id=hard.id, created_at=T0))


def test_deleting_a_proposition_takes_its_links_and_undo_brings_them_back(journal, pair):
    hard, lab = pair
    journal.set_crux(lab.id, hard.id, 0.3, 0.8, at=T0)
    before = journal.cruxes()
    removed = journal.delete_proposition(hard.id)
    assert len(removed.crux_links) == 1 and len(removed.crux_credences) == 2
    assert journal.cruxes().crux_links == ()
    journal.import_data(removed)
    assert journal.cruxes() == before


def test_cruxes_go_through_export_and_import(journal, pair, tmp_path):
    from beliefupdate.store.journal import Journal

    hard, lab = pair
    journal.set_crux(lab.id, hard.id, 0.3, 0.8, at=T0)
    exported = journal.export_data()
    doc = to_dict(exported)
    assert doc["crux_links"][0]["on_id"] == hard.id and doc["crux_credences"][0]["given_true"] is True
    with Journal.open(tmp_path / "other.sqlite3") as other:
        other.import_data(from_dict(doc))
        assert other.cruxes() == journal.cruxes()
        assert other.import_data(from_dict(doc)).skipped["crux_links"] == 1  # merged by id: nothing twice


def test_an_export_with_a_self_link_is_refused_by_name():
    doc = {"format": "beliefupdate", "version": 1,
           "crux_links": [{"id": "l", "proposition_id": "p", "on_id": "p", "created_at": "2026-03-14T12:00:00Z"}]}
    with pytest.raises(InvalidInput, match=r"crux_links\[0\]: a proposition cannot depend on itself"):
        from_dict(doc)


def test_an_import_keeps_a_loop_its_file_holds_and_refuses_one_it_would_make(journal, pair, tmp_path):
    from dataclasses import replace

    from beliefupdate.store.journal import Journal

    hard, lab = pair
    journal.set_crux(lab.id, hard.id, 0.3, 0.8, at=T0)
    # As a race once let two devices store it: the other half of the loop, past the check.
    looped = replace(journal.export_data(), crux_links=(*journal.cruxes().crux_links, replace(
        journal.cruxes().crux_links[0], id="raced", proposition_id=hard.id, on_id=lab.id)))
    with Journal.open(tmp_path / "other.sqlite3") as other:
        note = "the crux links #1 → #2 → #1 form a cycle; kept as they are"
        assert other.preview_import(looped).notes == (note,)
        assert other.cruxes().crux_links == ()  # a preview writes nothing
        result = other.import_data(looped)
        assert result.notes == (note,) and result.added["crux_links"] == 2
        assert other.import_data(looped).notes == (note,)  # again: nothing new, the loop still said

    # A file without a loop that would close one with the journal's links is refused, naming it.
    half = replace(journal.export_data(), crux_links=(replace(looped.crux_links[1], id="other half"),),
                   crux_credences=())
    with Journal.open(tmp_path / "third.sqlite3") as third:
        third.import_data(replace(journal.export_data(), crux_credences=()))
        with pytest.raises(InvalidInput, match=r"crux_links\[0\] \(id other half\): that would be a cycle: #1 → #2 → #1"):
            third.import_data(half)
        assert len(third.cruxes().crux_links) == 1
