"""What a record is made of, read off its dataclass.

The dataclasses in types.py are the one list of each record's fields. Code that turns
records into something else (table rows, file formats) and back derives from these
helpers and names only the fields it treats differently, so a new field is carried
everywhere by default.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Collection, Mapping
from typing import Any, TypeVar

R = TypeVar("R")


# Read once per class: resolving a dataclass's type hints costs far more than a record.
_NAMES: dict[type, tuple[str, ...]] = {}
_ENUMS: dict[type, Mapping[str, type[enum.Enum]]] = {}


def field_names(record: type) -> tuple[str, ...]:
    """The record's fields, in the order its dataclass declares them."""
    names = _NAMES.get(record)
    if names is None:
        names = _NAMES[record] = tuple(f.name for f in dataclasses.fields(record))
    return names


def enum_fields(record: type) -> Mapping[str, type[enum.Enum]]:
    """The fields holding an enum (or None), with the enum: stored and written as its value."""
    found = _ENUMS.get(record)
    if found is None:
        found = _ENUMS[record] = {
            name: option
            for name, hint in typing.get_type_hints(record).items()
            for option in (typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,))
            if isinstance(option, type) and issubclass(option, enum.Enum)
        }
    return found


def values_of(record: object, *, leave_out: Collection[str] = ()) -> dict[str, Any]:
    """The record's fields by name, each enum as its value: what a row or a file holds."""
    enums = enum_fields(type(record))
    values = {}
    for name in field_names(type(record)):
        if name in leave_out:
            continue
        value = getattr(record, name)
        values[name] = value.value if name in enums and value is not None else value
    return values


def record_from(record: type[R], values: Mapping[str, Any]) -> R:
    """The inverse of :func:`values_of`: a record from its fields by name, enums given by value."""
    enums = enum_fields(record)
    return record(**{
        name: enums[name](value) if name in enums and value is not None else value for name, value in values.items()
    })


def project(record: type[R], source: object) -> R:
    """A record made of the same-named attributes of ``source`` (another record that holds them all)."""
    return record(**{name: getattr(source, name) for name in field_names(record)})
