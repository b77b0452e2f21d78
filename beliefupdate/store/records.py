"""Journal rows as domain values and back, derived from the domain's dataclasses.

A record's fields are the columns of the same names in its table. Each :class:`Table`
names only what differs: fields kept elsewhere (a proposition's tags, a conversation's
person's name), columns derived from the record (search keys), and values read
differently. Enums are stored as their values. A field without a column, or a column
without a field, fails the import of this module and says where each must change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from operator import attrgetter
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Table as SQLTable

from beliefupdate.domain.records import enum_fields, field_names
from beliefupdate.domain.types import Conversation, Credence, CruxCredence, CruxLink, Person, Proposition
from beliefupdate.store.models import (
    Base,
    ConversationRow,
    CredenceRow,
    CruxCredenceRow,
    CruxLinkRow,
    PersonRow,
    PropositionRow,
)

R = TypeVar("R")


def _text(value: str | None) -> str:
    return value or ""


class Table(Generic[R]):
    """How records of one kind are stored in one table."""

    def __init__(
        self,
        record: type[R],
        table: SQLTable,
        *,
        elsewhere: Collection[str] = (),
        derived: Collection[str] = (),
        read: Mapping[str, Callable[[Any], Any]] | None = None,
    ):
        self.record_type = record
        self.table = table
        fields = field_names(record)
        self.stored = tuple(name for name in fields if name not in elsewhere)
        self.derived = frozenset(derived)
        _check_match(record, table, fields, self.stored, self.derived, elsewhere)
        # Plain lookups: calling an Enum by value costs microseconds, times 100,000 credences.
        reads: dict[str, Callable[[Any], Any]] = {
            name: {e.value: e for e in kind}.__getitem__ for name, kind in enum_fields(record).items()
        }
        reads.update(read or {})
        # By position, as a hand-written constructor call would: a credence list reads 100,000 rows.
        self._reads = [(self.stored.index(name), f) for name, f in reads.items()]
        self._elsewhere = [(i, name) for i, name in enumerate(fields) if name in elsewhere]
        self._enums = frozenset(enum_fields(record))
        self._get = attrgetter(*self.stored)

    def record(self, row: Any, **elsewhere: Any) -> R:
        """The record a row holds (an ORM object or a selected row with the columns' names);
        ``elsewhere`` gives the fields kept outside the table."""
        if len(elsewhere) != len(self._elsewhere):
            raise TypeError(f"a {self.record_type.__name__} needs {', '.join(n for _i, n in self._elsewhere)} given")
        values = list(self._get(row))
        for i, read in self._reads:
            values[i] = read(values[i])
        for i, name in self._elsewhere:  # in field order, so each lands at its own place
            values.insert(i, elsewhere[name])
        return self.record_type(*values)

    def row(self, record: R, **changes: Any) -> dict[str, Any]:
        """The column values to insert for ``record``; ``changes`` gives every derived column and may
        replace a field's value (such as a number already taken)."""
        if missing := self.derived - changes.keys():
            raise TypeError(f"a {self.table.name} row needs {', '.join(sorted(missing))}")
        if unknown := changes.keys() - self.derived - set(self.stored):
            raise TypeError(f"{self.table.name} has no column {', '.join(sorted(unknown))}")
        values = {name: getattr(record, name) for name in self.stored}
        for name in self._enums & values.keys():
            values[name] = values[name].value
        values.update(changes)
        return values


def _check_match(
    record: type, table: SQLTable, fields: tuple[str, ...], stored: tuple[str, ...], derived: frozenset[str],
    elsewhere: Collection[str],
) -> None:
    columns = set(table.columns.keys())
    name = record.__name__
    problems = [
        f"{name}.{f} has no column in table {table.name}: add one to the model in store/models.py with a"
        " migration in store/migrations/versions, regenerate store/schema_shapes.py, and give the field to"
        f" the JSON export and its reader; or, if it is kept in another table, list it as elsewhere here"
        for f in stored
        if f not in columns
    ]
    problems += [
        f"column {table.name}.{c} is not a field of {name}: add it to {name} in domain/types.py, or list it"
        " as derived here"
        for c in sorted(columns - set(fields) - derived)
    ]
    problems += [f"{name} has no field {f} to keep elsewhere" for f in elsewhere if f not in fields]
    problems += [f"{table.name} has no column {c} to derive" for c in derived if c not in columns]
    if problems:
        raise TypeError("; ".join(problems))


def _table(model: type[Base]) -> SQLTable:
    return cast(SQLTable, model.__table__)  # a declarative model's is always a Table


PROPOSITIONS = Table(
    Proposition, _table(PropositionRow), elsewhere={"tags"}, derived={"text_key"},
    read={"notes": _text, "archived": bool},
)
PEOPLE = Table(Person, _table(PersonRow), derived={"name_key"})
CONVERSATIONS = Table(
    Conversation, _table(ConversationRow), elsewhere={"person_name"}, read={"notes": _text, "pre": _text, "post": _text}
)
CREDENCES = Table(Credence, _table(CredenceRow), read={"note": _text})
CRUX_LINKS = Table(CruxLink, _table(CruxLinkRow))
CRUX_CREDENCES = Table(CruxCredence, _table(CruxCredenceRow), read={"given_true": bool})


def proposition_of(row: Any, tags: tuple[str, ...]) -> Proposition:
    return PROPOSITIONS.record(row, tags=tuple(tags))


def conversation_of(row: Any, person_name: str | None) -> Conversation:
    return CONVERSATIONS.record(row, person_name=person_name)


credence_of = CREDENCES.record  # no wrapper: called once per credence
person_of = PEOPLE.record
crux_link_of = CRUX_LINKS.record
crux_credence_of = CRUX_CREDENCES.record
