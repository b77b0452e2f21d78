"""The two shapes of undo every operation is built from.

A record that appears or disappears (log, add, delete, import): its undo removes or restores
exactly those records, by id. A record that is changed in place (edit, finish, archive,
resolve): each step is written over the version the step before left, so a change another
device made in between is refused ("changed elsewhere") instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from beliefupdate.domain.types import JournalData
from beliefupdate.operations.changes import Changes, Done, Operation

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal

R = TypeVar("R")
V = TypeVar("V")

# Deletes records and returns all that it deleted: exactly what Journal.import_data brings back.
Remover = Callable[["Journal"], JournalData]
# What a removal (or its undo) touched, from the records removed: which conversations lose
# credences with a proposition is known only once it is gone.
Touches = Callable[[JournalData], Changes]
# Writes a change over the version(s) given (None: decided on the spot) and returns the
# value written with the version(s) it left. Step[Version, Value].
Step = Callable[["Journal", V | None], tuple[R, V]]


def removing(label: str, touches: Touches, remove: Remover) -> Operation[JournalData]:
    def run(j: Journal) -> Done[JournalData]:
        removed = j.atomically(remove)
        return Done(label, removed, touches(removed), undo=restoring(label, touches, removed, remove))

    return run


def restoring(label: str, touches: Touches, removed: JournalData, remove: Remover) -> Operation[JournalData]:
    def run(j: Journal) -> Done[JournalData]:
        j.import_data(removed)
        return Done(label, removed, touches(removed), undo=removing(label, touches, remove))

    return run


def created(label: str, value: R, changes: Changes, remove: Remover, ids: tuple[str, ...] = ()) -> Done[R]:
    """The result of an operation that created records, which ``remove`` deletes again."""
    return Done(label, value, changes, undo=removing(label, lambda _removed: changes, remove), created=ids)


def stepping(label: str, changes: Changes, there: Step[V, R], back: Step[V, R],
             version: V | None) -> Operation[R]:
    """Write ``there`` over ``version``; its undo writes ``back`` over the version it left, and so on."""

    def run(j: Journal) -> Done[R]:
        value, left = j.atomically(lambda j: there(j, version))
        return Done(label, value, changes, undo=stepping(label, changes, back, there, left))

    return run
