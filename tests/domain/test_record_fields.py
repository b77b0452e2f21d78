"""Field lists read off the dataclasses, so that conversions name only their exceptions."""

from __future__ import annotations

from datetime import UTC, datetime

from beliefupdate.domain.records import enum_fields, field_names, record_from, values_of
from beliefupdate.domain.types import Conversation, CredenceEntry, Kind, Proposition, Resolution, Shift

T0 = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)


def test_a_shift_gives_back_every_field_of_the_entry_it_came_from():
    shift = Shift("p1", 3, "A PhD is worth it", 0.3, 0.6, "they did one", expected_after=0.5)
    assert shift.entry() == CredenceEntry("p1", 0.3, 0.6, "they did one", expected_after=0.5)
    assert set(field_names(CredenceEntry)) <= set(field_names(Shift))


def test_enums_are_written_as_their_values_and_read_back():
    assert enum_fields(Proposition) == {"resolution": Resolution}
    p = Proposition("p1", 1, "It rains", "", ("weather",), T0, resolution=Resolution.TRUE, resolved_at=T0)
    values = values_of(p)
    assert values["resolution"] == "true" and list(values) == list(field_names(Proposition))
    assert record_from(Proposition, values) == p


def test_fields_can_be_left_out_and_given_back():
    c = Conversation("c1", 2, "Coffee", None, Kind.AI, T0, person_name="Sam")
    values = values_of(c, leave_out={"person_name"})
    assert "person_name" not in values and values["kind"] == "ai"
    assert record_from(Conversation, {**values, "person_name": "Sam"}) == c
