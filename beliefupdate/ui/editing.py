"""The window's edits: each opens its dialog and hands what the person wrote to an operation
(beliefupdate.operations), which the session writes and makes one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog, QWidget

from beliefupdate import operations as ops
from beliefupdate.domain.errors import ChangedElsewhere
from beliefupdate.domain.types import (
    Conversation,
    ConversationSummary,
    ImportResult,
    JournalData,
    PropositionSummary,
    Resolution,
)
from beliefupdate.operations import conversations, exchange, propositions
from beliefupdate.ui.keeper import DialogKeeper

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal
    from beliefupdate.ui.dialogs.check_in import CheckInDraft
    from beliefupdate.ui.dialogs.conversation import ConversationDraft, Mode
    from beliefupdate.ui.dialogs.proposition import PropositionDraft
    from beliefupdate.ui.selection import Selection
    from beliefupdate.ui.session import JournalSession

T = TypeVar("T")


def _links(n: int) -> str:
    return "its crux link" if n == 1 else f"its {n} crux links"


class Editor:
    """Opens the edit dialogs, writes through the session's journal and pushes each edit on its undo stack.

    ``selection`` says what the edits act on; ``parent`` is the widget the dialogs
    belong to; ``archived_shown`` says whether the list shows archived propositions.
    """

    def __init__(self, session: JournalSession, selection: Selection, parent: QWidget,
                 archived_shown: Callable[[], bool]):
        self.session = session
        self.selection = selection
        self.parent = parent
        self._archived_shown = archived_shown
        self._dialogs = DialogKeeper()

    @property
    def journal(self) -> Journal:
        return self.session.journal

    def _open(self, dialog: QDialog) -> QDialog:
        """Show a dialog without blocking (window-modal); it commits on OK before closing."""
        return self._dialogs.open(dialog)

    def _apply(self, operation: ops.Operation[T]) -> T:
        return self.session.apply(operation)

    # -- propositions -------------------------------------------------------

    def new_proposition(self) -> QDialog:
        from beliefupdate.ui.dialogs.proposition import PropositionDialog

        def commit(draft: PropositionDraft) -> None:
            p = self._apply(propositions.add_proposition(draft.text, draft.tags, draft.notes, draft.credence))
            self.selection.select_propositions([p.id])

        return self._open(PropositionDialog(commit, known_tags=self.selection.known_tags(), parent=self.parent))

    def edit_proposition(self) -> QDialog | None:
        from beliefupdate.ui.dialogs.proposition import PropositionDialog

        s = self.selection.current_summary()
        if s is None:
            return None
        old = s.proposition
        base = [old.version]  # the version the dialog's text was made from

        def commit(draft: PropositionDraft) -> None:
            self._unless_changed(base, lambda: self.journal.proposition(old.id).version, lambda: self._apply(
                propositions.edit_proposition(old, text=draft.text, tags=draft.tags, notes=draft.notes,
                                              expected_version=base[0])))

        return self._open(PropositionDialog(commit, existing=old, known_tags=self.selection.known_tags(), parent=self.parent))

    def check_in(self) -> QDialog | None:
        from beliefupdate.ui.dialogs.check_in import CheckInDialog

        s = self.selection.current_summary()
        if s is None:
            return None

        def commit(draft: CheckInDraft) -> None:
            self._apply(propositions.check_in(s.proposition, draft.probability, draft.note, draft.at))

        return self._open(CheckInDialog(s, commit, parent=self.parent))

    def set_archived(self, archived: bool) -> None:
        targets = [s.proposition for s in self.selection.summaries() if s.proposition.archived != archived]
        if not targets:
            return
        self._apply(propositions.set_archived(targets, archived))
        links = len(self.journal.cruxes([p.id for p in targets]).crux_links) if archived else 0
        # Archiving hides a proposition, not what it means: its cruxes stay, and are still checked.
        kept = f" {_links(links)} {'stays and is' if links == 1 else 'stay and are'} still checked;" if links else ""
        if archived and (links or not self._archived_shown()):
            self.session.say(
                f"Archived {len(targets)} proposition{'s' if len(targets) > 1 else ''};{kept} "
                "View > Show archived shows them, Ctrl+Z brings them back.", 8000)

    def resolve(self, resolution: Resolution) -> None:
        targets = [s.proposition for s in self.selection.summaries() if s.proposition.resolution != resolution]
        if targets:
            self._apply(propositions.resolve(targets, resolution))

    def delete_propositions(self, ids: Sequence[str] | None = None) -> None:
        summaries = self.selection.summaries() if ids is None else [
            s for i in ids if (s := self.selection.summary_of(i)) is not None
        ]
        if not summaries:
            return
        removed = self._apply(propositions.delete_propositions([s.proposition for s in summaries]))
        links = len(removed.crux_links)
        what = f"#{summaries[0].proposition.handle}" if len(summaries) == 1 else f"{len(summaries)} propositions"
        gone = f" and {_links(links)}" if links else ""
        self.session.say(f"Deleted {what} with its history{gone}. Undo (Ctrl+Z) brings it back.", 8000)

    # -- conversations ------------------------------------------------------

    def _candidates(self) -> list[PropositionSummary]:
        return self.selection.all_summaries()

    def _people(self) -> list[str]:
        return [p.name for p in self.journal.people()]

    def log_conversation(self) -> QDialog:
        from beliefupdate.ui.dialogs.conversation import LogConversationDialog

        def commit(draft: ConversationDraft) -> None:
            conv = self._apply(conversations.log_conversation(draft))
            self.selection.select_conversation(conv.id)

        include = [s.proposition.id for s in self.selection.summaries() if not s.proposition.archived]
        return self._open(LogConversationDialog(self._candidates(), self._people(), commit, include=include,
                                                cruxes=self.journal.cruxes(), parent=self.parent))

    def _conversation_dialog(self, mode: Mode, c: ConversationSummary | None = None) -> QDialog | None:
        from beliefupdate.ui.dialogs.conversation import LogConversationDialog, Mode

        c = c or self.selection.conversation()
        if c is None:
            return None
        old = c
        cid = c.conversation.id
        base = [c.conversation.version]  # the version the dialog was filled from

        def commit(draft: ConversationDraft) -> None:
            def operation() -> ops.Operation[Conversation]:
                if mode is Mode.FINISH:
                    return conversations.finish_conversation(old, draft.entries, post=draft.post,
                                                             new_beliefs=draft.new_beliefs, expected_version=base[0])
                return conversations.edit_conversation(old, draft, expected_version=base[0])

            self._unless_changed(base, lambda: self.journal.conversation(cid).conversation.version,
                                 lambda: self._apply(operation()))

        return self._open(LogConversationDialog(self._candidates(), self._people(), commit, existing=c, mode=mode,
                                                cruxes=self.journal.cruxes(), parent=self.parent))

    def finish_conversation(self, c: ConversationSummary | None = None) -> QDialog | None:
        """Finish ``c``, else the selected conversation if it waits, else the one (or a pick of those) waiting."""
        from beliefupdate.ui.dialogs.conversation import Mode

        if c is None:
            selected = self.selection.conversation_overview()
            if selected is None or not selected.awaiting_after:
                return self._finish_a_waiting_one()
        return self._conversation_dialog(Mode.FINISH, c)

    def _finish_a_waiting_one(self) -> QDialog | None:
        from beliefupdate.ui.dialogs.conversation import Mode

        waiting = self.selection.waiting_conversations()
        if not waiting:
            self.session.say("No conversation is waiting for its afters.", 8000)
            return None

        def finish(cid: str) -> QDialog | None:
            self.selection.select_conversation(cid)
            # From the journal, not the selection: the timeline may still be on its way from the pool.
            return self._conversation_dialog(Mode.FINISH, self.journal.conversation(cid))

        if len(waiting) == 1:
            return finish(waiting[0].conversation.id)
        from beliefupdate.ui.dialogs.pick_conversation import PickConversationDialog

        def chosen(cid: str) -> None:  # the pick's own dialog closes; the one it opens is kept by _open
            finish(cid)

        return self._open(PickConversationDialog(waiting, chosen, parent=self.parent))

    def edit_conversation(self, c: ConversationSummary | None = None) -> QDialog | None:
        from beliefupdate.ui.dialogs.conversation import Mode

        return self._conversation_dialog(Mode.EDIT, c)

    def open_conversation(self, *_args: object) -> QDialog | None:
        """Enter or double-click on the timeline: finish it if afters are missing, else edit it."""
        c = self.selection.conversation()
        if c is None:
            return None
        return self.finish_conversation(c) if c.awaiting_after else self.edit_conversation(c)

    def delete_conversation(self) -> None:
        c = self.selection.conversation()
        if c is None:
            return
        self._apply(conversations.delete_conversation(c.conversation))
        self.session.say(f"Deleted “{c.conversation.title}”. Undo (Ctrl+Z) brings it back.", 8000)

    def delete_selected(self) -> None:
        if self.selection.conversations_focused() and self.selection.conversation_id():
            self.delete_conversation()
        else:
            self.delete_propositions()

    # -- import -------------------------------------------------------------

    def import_data(self, data: JournalData) -> ImportResult:
        """Merge an export into the journal; undo removes exactly what was added."""
        return self._apply(exchange.import_data(data))

    # -- records changed elsewhere -----------------------------------------

    def _unless_changed(self, base: list[int], current: Callable[[], int], write: Callable[[], T]) -> T:
        """``write`` an edit made from version ``base[0]``; if another device changed the record since,
        show the journal as it is now and keep the dialog open: OK again writes over the new version."""
        try:
            return write()
        except ChangedElsewhere as e:
            base[0] = current()
            self.session.refresh()
            raise ChangedElsewhere(f"{e}. OK saves yours over it; Cancel keeps it as it is now.") from None
