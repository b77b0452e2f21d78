"""A record's fields are listed once, in its dataclass: rows are read and written, and merge builds
what it inserts, from that list. A new field is carried by itself once its table has the column, and
until then the store refuses to load with a message naming each place to change."""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, datetime

import pytest
from sqlalchemy import Column, MetaData, Text, create_engine, insert, select

from beliefupdate.domain.types import Credence, Kind, Phase
from beliefupdate.store.models import Base
from beliefupdate.store.records import CREDENCES, Table

T0 = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
CREDENCES_READS = {"note": lambda v: v or ""}


def with_field(record, name, kind, default):
    """A copy of ``record`` with one more field, as a change to domain/types.py would make it."""
    hints = typing.get_type_hints(record)
    fields = [(f.name, hints[f.name], f) for f in dataclasses.fields(record)]
    return dataclasses.make_dataclass(
        record.__name__, [*fields, (name, kind, dataclasses.field(default=default))], frozen=True
    )


def tables_with_column(table_name, column):
    """A copy of the journal's tables with one more column in one of them, as a migration would make it."""
    metadata = MetaData()
    for t in Base.metadata.sorted_tables:
        t.to_metadata(metadata)
    metadata.tables[table_name].append_column(column)
    return metadata


def test_a_field_without_a_column_names_every_place_to_change():
    CredenceWithSource = with_field(Credence, "source", str, "")
    with pytest.raises(TypeError) as e:
        Table(CredenceWithSource, CREDENCES.table)
    message = str(e.value)
    for place in ("Credence.source has no column in table credences", "store/models.py", "migration",
                  "store/schema_shapes.py", "JSON export"):
        assert place in message


def test_a_column_without_a_field_names_the_dataclass_to_change():
    metadata = tables_with_column("credences", Column("source", Text, nullable=True))
    with pytest.raises(TypeError, match=r"column credences.source is not a field of Credence: add it to Credence in"
                       r" domain/types.py"):
        Table(Credence, metadata.tables["credences"])


def test_a_new_field_is_written_and_read_back_once_its_table_has_the_column(tmp_path):
    # Two throwaway fields: plain text, and an enum, which is stored as its value.
    Copy = with_field(with_field(Credence, "source", str, ""), "medium", Kind | None, None)
    metadata = tables_with_column("credences", Column("source", Text, nullable=False, default=""))
    metadata.tables["credences"].append_column(Column("medium", Text, nullable=True))
    credences = Table(Copy, metadata.tables["credences"], read=CREDENCES_READS)
    engine = create_engine(f"sqlite:///{tmp_path / 'journal.sqlite3'}")
    metadata.create_all(engine)
    given = Copy("c1", "p1", None, Phase.CHECK_IN, 0.4, T0, "checked", None, "a podcast", Kind.READING)

    row = credences.row(given)  # what merge inserts, built the same way
    assert row["source"] == "a podcast" and row["medium"] == "reading"
    with engine.begin() as conn:
        conn.execute(insert(credences.table), [row])
    with engine.connect() as conn:
        (stored,) = conn.execute(select(credences.table)).all()
    engine.dispose()
    assert credences.record(stored) == given


def test_merge_and_the_journal_convert_with_the_same_field_list():
    assert CREDENCES.stored == tuple(f.name for f in dataclasses.fields(Credence))
    c = Credence("c1", "p1", "v1", Phase.BEFORE, 0.4, T0, "", 0.6)
    assert CREDENCES.row(c) == {**dataclasses.asdict(c), "phase": "before"}
