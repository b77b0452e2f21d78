"""Every edit is a QUndoCommand on the session's one QUndoStack.

Commands are pushed after their edit has been written (so a failed write never
reaches the stack); the push's first redo() is therefore a no-op. Undo and redo
write through the Journal like any edit; if the journal changed underneath
(another process deleted the record, say), the command reports why and drops
itself from the stack instead of leaving it half-applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from beliefupdate.domain.errors import UserError
from beliefupdate.domain.types import JournalData
from beliefupdate.ui.session import What


class EditContext(Protocol):
    journal: object

    def edited(self, what: What, *, propositions: Iterable[str] | None = None,
               conversations: Iterable[str] | None = None) -> None:
        """Called after every undo/redo with the kinds of record it touched, and the records where
        known, so the views show the result."""

    def failed(self, message: str) -> None:
        """Called when an undo/redo could not be applied."""


class JournalCommand(QUndoCommand):
    """``what`` the edit touches, and, where known, the ``propositions`` and ``conversations``
    (undo and redo touch the same records as the edit)."""

    def __init__(self, text: str, ctx: EditContext, what: What = What.ALL, *,
                 propositions: Iterable[str] | None = None, conversations: Iterable[str] | None = None):
        super().__init__(text)
        self.ctx = ctx
        self.what = what
        self.propositions = None if propositions is None else tuple(propositions)
        self.conversations = None if conversations is None else tuple(conversations)
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # already applied by whoever pushed it
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], None]) -> None:
        what, props, convs = self.what, self.propositions, self.conversations
        try:
            step()
        except UserError as e:
            self.setObsolete(True)
            self.ctx.failed(f"Could not {'undo' if step == self.revert else 'redo'} “{self.text()}”: {e}")
            # The journal changed underneath: show all of it as it is now.
            what, props, convs = What.ALL, None, None
        self.ctx.edited(what, propositions=props, conversations=convs)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class Change(JournalCommand):
    """An edit with a known way forward and a known way back."""

    def __init__(self, text: str, ctx: EditContext, forward: Callable[[], object], back: Callable[[], object],
                 what: What = What.ALL, **touched):
        super().__init__(text, ctx, what, **touched)
        self._forward = forward
        self._back = back

    def apply(self) -> None:
        self._forward()

    def revert(self) -> None:
        self._back()


class Versioned(JournalCommand):
    """An edit of one proposition or conversation, each step made from the version the step
    before left: if another device (or window) changed the record in between, undo and redo
    are refused ("changed elsewhere since you opened it") instead of overwriting its change.

    ``forward`` and ``back`` take the version to write over and return the record written.
    """

    def __init__(self, text: str, ctx: EditContext, forward: Callable[[int], object], back: Callable[[int], object],
                 version: int, what: What = What.ALL, **touched):
        super().__init__(text, ctx, what, **touched)
        self._forward = forward
        self._back = back
        self._version = version

    def _step(self, write: Callable[[int], object]) -> None:
        self._version = int(write(self._version).version)  # type: ignore[attr-defined]

    def apply(self) -> None:
        self._step(self._forward)

    def revert(self) -> None:
        self._step(self._back)


class Presence(JournalCommand):
    """A record that was created (undo deletes it) or deleted (undo restores it).

    ``remove`` deletes the record and returns what it deleted, which is exactly
    what Journal.import_data needs to bring it back with the same ids.
    """

    def __init__(
        self,
        text: str,
        ctx: EditContext,
        remove: Callable[[], JournalData],
        *,
        created: bool,
        removed: JournalData | None = None,
        what: What = What.ALL,
        **touched,
    ):
        super().__init__(text, ctx, what, **touched)
        self._remove = remove
        self._created = created
        self._data = removed

    def _delete(self) -> None:
        self._data = self._remove()

    def _restore(self) -> None:
        assert self._data is not None
        self.ctx.journal.import_data(self._data)

    def apply(self) -> None:
        self._restore() if self._created else self._delete()

    def revert(self) -> None:
        self._delete() if self._created else self._restore()
