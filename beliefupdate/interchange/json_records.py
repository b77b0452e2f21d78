"""One record as the JSON exchange format (version 1) holds it.

Apart from the format's reader and writer (exchange.py): the command line's --json
output writes records too, and need not load importers to do it.
"""

from __future__ import annotations

import enum
from dataclasses import fields
from datetime import datetime
from typing import Any

from beliefupdate.domain.times import to_iso
from beliefupdate.domain.types import Conversation

# Fields a record's dataclass has that the file does not hold: a conversation's person is
# in "people", named by person_id. Every other field is written, in the dataclass's order.
# Fields marked LOCAL in domain/types.py (a record's version) are not written either.
OMITTED: dict[type, frozenset[str]] = {Conversation: frozenset({"person_name"})}


def record(value: Any) -> dict[str, Any]:
    """One record as the file holds it, derived from its dataclass's fields."""
    return {name: _json_value(getattr(value, name)) for name in _written(type(value))}


_WRITTEN: dict[type, tuple[str, ...]] = {}


def _written(kind: type) -> tuple[str, ...]:
    """The fields of a record that the file holds, read once per class: `list --json` writes 10,000 records."""
    names = _WRITTEN.get(kind)
    if names is None:
        omitted = OMITTED.get(kind, frozenset())
        names = _WRITTEN[kind] = tuple(
            f.name for f in fields(kind) if f.name not in omitted and not f.metadata.get("local")
        )
    return names


_AS_IS = frozenset({str, int, float, bool, type(None)})  # most fields: one look-up instead of three checks


def _json_value(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, datetime):
        return to_iso(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value
