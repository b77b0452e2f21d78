"""Choosing the number a new proposition or conversation is known by, and adding keyed rows
that several devices may add at once.

The next number is one past the highest, up to MAX_HANDLE. A journal may
already hold a number past that bound (from an older version or another
program); then the lowest free number is taken instead, so that one such
number never stops records from being added.
"""

from __future__ import annotations

from sqlalchemy import Insert, func, select
from sqlalchemy.orm import Session

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import MAX_HANDLE
from beliefupdate.store.models import Base, ConversationRow, PropositionRow
from beliefupdate.store.turns import take_turn

# The records known by a number (#3) as well as by their id.
Numbered = type[PropositionRow] | type[ConversationRow]


def take_numbers(s: Session, model: type[Base]) -> None:
    """Hold the right to number new records of ``model`` until this transaction ends.

    Two devices adding a conversation at once would both read the same highest number;
    taking turns (store/turns.py) is simpler than a sequence (which could not keep the
    "lowest free number past the top" rule below, or give #3 back to an undone #3) and
    cheaper than retrying.
    """
    take_turn(s, f"numbers {model.__tablename__}")


def next_handle(s: Session, model: Numbered) -> int:
    take_numbers(s, model)
    highest = s.scalar(select(func.max(model.handle))) or 0
    if highest < MAX_HANDLE:
        return max(highest, 0) + 1
    if s.scalar(select(model.handle).where(model.handle == 1)) is None:
        return 1
    taken = select(model.handle).scalar_subquery()
    gap: int | None = s.scalar(
        select(func.min(model.handle + 1)).where(
            model.handle >= 1, model.handle < MAX_HANDLE, (model.handle + 1).not_in(taken)
        )
    )
    if gap is None:
        raise InvalidInput(f"every number up to {MAX_HANDLE} is taken")
    return gap


class Handles:
    """Numbers for records merged in: the record's own if free (undo gives #3 back as #3), else the next one."""

    def __init__(self, s: Session, model: Numbered):
        take_numbers(s, model)
        self.taken = set(s.scalars(select(model.handle)))
        self.next = max(self.taken, default=0) + 1

    def take(self, wanted: int) -> int:
        if wanted <= 0 or wanted in self.taken:
            wanted = self._free()
        self.taken.add(wanted)
        if wanted < MAX_HANDLE:
            self.next = max(self.next, wanted + 1)
        return wanted

    def _free(self) -> int:
        if self.next > MAX_HANDLE:
            self.next = 1  # the top is full: count up through the gaps from the bottom
        while self.next in self.taken:
            self.next += 1
            if self.next > MAX_HANDLE:
                raise InvalidInput(f"every number up to {MAX_HANDLE} is taken")
        return self.next


def insert_or_keep(s: Session, model: type[Base], key: list[str]) -> Insert:
    """An INSERT of ``model`` that leaves an existing row with the same ``key`` as it is."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model).on_conflict_do_nothing(index_elements=key)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model).on_conflict_do_nothing(index_elements=key)
