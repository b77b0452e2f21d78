"""Every edit is one operation (beliefupdate.operations) and one QUndoCommand on the session's stack.

The command is pushed after its operation has been written (so a failed write never reaches the
stack); the push's first redo() is therefore a no-op. Each operation returns the operation that
undoes it, whose result holds the one that redoes it, and so on: the command keeps the latest.
If the journal changed underneath (another device deleted the record, say), the step is refused,
the command reports why and drops itself from the stack instead of leaving it half-applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

from beliefupdate.domain.errors import UserError
from beliefupdate.operations.changes import EVERYTHING, Done, What

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


class EditContext(Protocol):
    @property
    def journal(self) -> Journal:
        """What the step is undone and redone on."""

    def edited(self, what: What, *, propositions: Iterable[str] | None = None,
               conversations: Iterable[str] | None = None) -> None:
        """Called after every undo/redo with the kinds of record it touched, and the records where
        known, so the views show the result."""

    def failed(self, message: str) -> None:
        """Called when an undo/redo could not be applied."""


class OperationCommand(QUndoCommand):
    def __init__(self, done: Done[Any], ctx: EditContext):
        super().__init__(done.label)
        self.ctx = ctx
        self._done = done
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # already applied by whoever pushed it
            return
        self._step("redo")

    def undo(self) -> None:
        self._step("undo")

    def _step(self, verb: str) -> None:
        inverse = self._done.undo
        assert inverse is not None, "an operation without an undo is never pushed"
        try:
            self._done = inverse(self.ctx.journal)
            changes = self._done.changes
        except UserError as e:
            self.setObsolete(True)
            self.ctx.failed(f"Could not {verb} “{self.text()}”: {e}")
            changes = EVERYTHING  # the journal changed underneath: show all of it as it is now
        self.ctx.edited(changes.what, propositions=changes.propositions, conversations=changes.conversations)
