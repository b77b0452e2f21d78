"""The window's edits: each opens its dialog, writes through the Journal, and pushes an undo command."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.times import now_utc
from beliefupdate.domain.types import (
    ConversationSummary,
    CredenceEntry,
    JournalData,
    Resolution,
)
from beliefupdate.ui.undo import Change, Presence


def entries_of(c: ConversationSummary) -> list[CredenceEntry]:
    return [s.entry() for s in c.shifts if s.before is not None or s.after is not None]


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class Editor:
    def __init__(self, window):
        self.w = window

    @property
    def journal(self):
        return self.w.journal

    def _open(self, dialog: QDialog) -> QDialog:
        """Show a dialog without blocking (window-modal); it commits on OK before closing."""
        self.w._dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self.w, "_dialog", None) if self.w._dialog is dialog else None)
        dialog.open()
        return dialog

    def _push(self, command) -> None:
        self.w.undo_stack.push(command)

    # -- propositions -------------------------------------------------------

    def new_proposition(self):
        from beliefupdate.ui.dialogs.proposition import PropositionDialog

        def commit(draft):
            p = self.journal.add_proposition(draft.text, draft.tags, draft.notes)
            if draft.credence is not None:
                self.journal.check_in(p.id, draft.credence)
            j = self.journal
            self._push(Presence(f"add proposition #{p.handle}", self.w, lambda: j.delete_proposition(p.id), created=True))
            self.w.written()
            self.w.select_propositions([p.id])

        return self._open(PropositionDialog(commit, known_tags=self.w.props_model.tags(), parent=self.w))

    def edit_proposition(self):
        from beliefupdate.ui.dialogs.proposition import PropositionDialog

        s = self.w.current_summary()
        if s is None:
            return None
        old = s.proposition

        def commit(draft):
            j = self.journal
            new = j.edit_proposition(old.id, text=draft.text, tags=draft.tags, notes=draft.notes)
            self._push(Change(
                f"edit proposition #{old.handle}", self.w,
                lambda: j.edit_proposition(old.id, text=new.text, tags=new.tags, notes=new.notes),
                lambda: j.edit_proposition(old.id, text=old.text, tags=old.tags, notes=old.notes),
            ))
            self.w.written()

        return self._open(PropositionDialog(commit, existing=old, known_tags=self.w.props_model.tags(), parent=self.w))

    def check_in(self):
        from beliefupdate.ui.dialogs.check_in import CheckInDialog

        s = self.w.current_summary()
        if s is None:
            return None

        def commit(draft):
            j = self.journal
            c = j.check_in(s.proposition.id, draft.probability, draft.note, draft.at)
            self._push(Presence(
                f"check in #{s.proposition.handle} at {format_credence(draft.probability)}", self.w,
                lambda: j.delete_credence(c.id), created=True,
            ))
            self.w.written()

        return self._open(CheckInDialog(s, commit, parent=self.w))

    def set_archived(self, archived: bool) -> None:
        targets = [s.proposition for s in self.w.selected_summaries() if s.proposition.archived != archived]
        if not targets:
            return
        j = self.journal
        verb = "archive" if archived else "unarchive"
        self._macro(f"{verb} {len(targets)} propositions", len(targets) > 1)
        try:
            for p in targets:
                j.set_archived(p.id, archived)
                self._push(Change(f"{verb} #{p.handle}", self.w,
                                  lambda pid=p.id: j.set_archived(pid, archived),
                                  lambda pid=p.id: j.set_archived(pid, not archived)))
        finally:
            self._end_macro(len(targets) > 1)
            self.w.written()
        if archived and not self.w.show_archived.isChecked():
            self.w.statusBar().showMessage(
                f"Archived {len(targets)} proposition{'s' if len(targets) > 1 else ''}; "
                "View > Show archived shows them, Ctrl+Z brings them back.", 8000)

    def resolve(self, resolution: Resolution) -> None:
        targets = [s.proposition for s in self.w.selected_summaries() if s.proposition.resolution != resolution]
        if not targets:
            return
        j = self.journal
        self._macro(f"resolve {len(targets)} propositions", len(targets) > 1)
        try:
            for p in targets:
                j.resolve_proposition(p.id, resolution)
                self._push(Change(
                    f"mark #{p.handle} {resolution.value}", self.w,
                    lambda pid=p.id: j.resolve_proposition(pid, resolution),
                    lambda pid=p.id, r=p.resolution, at=p.resolved_at: j.resolve_proposition(pid, r, at),
                ))
        finally:
            self._end_macro(len(targets) > 1)
            self.w.written()

    def delete_propositions(self, ids: Sequence[str] | None = None) -> None:
        summaries = self.w.selected_summaries() if ids is None else [
            self.w.props_model.row(self.w.props_model.row_of(i)).summary for i in ids
        ]
        if not summaries:
            return
        j = self.journal
        many = len(summaries) > 1
        self._macro(f"delete {len(summaries)} propositions", many)
        try:
            for s in summaries:
                p = s.proposition
                removed = j.delete_proposition(p.id)
                self._push(Presence(f"delete #{p.handle} {_short(p.text)}", self.w,
                                    lambda pid=p.id: j.delete_proposition(pid), created=False, removed=removed))
        finally:
            self._end_macro(many)
            self.w.written()
        what = f"#{summaries[0].proposition.handle}" if not many else f"{len(summaries)} propositions"
        self.w.statusBar().showMessage(f"Deleted {what} with its history. Undo (Ctrl+Z) brings it back.", 8000)

    # -- conversations ------------------------------------------------------

    def _candidates(self):
        return [r.summary for r in self.w.props_model.rows()]

    def _people(self) -> list[str]:
        return [p.name for p in self.journal.people()]

    def log_conversation(self):
        from beliefupdate.ui.dialogs.log_conversation import LogConversationDialog

        def commit(draft):
            j = self.journal
            conv = j.log_conversation(draft.title, draft.entries, person=draft.person or None, kind=draft.kind,
                                      occurred_at=draft.occurred_at, notes=draft.notes)
            self._push(Presence(f"log “{_short(conv.title)}”", self.w,
                                lambda: j.delete_conversation(conv.id), created=True))
            self.w.written()
            self.w.select_conversation(conv.id)

        include = [s.proposition.id for s in self.w.selected_summaries() if not s.proposition.archived]
        return self._open(LogConversationDialog(self._candidates(), self._people(), commit, include=include,
                                                parent=self.w))

    def _conversation_dialog(self, mode: str, c: ConversationSummary | None = None):
        from beliefupdate.ui.dialogs.log_conversation import LogConversationDialog

        c = c or self.w.selected_conversation()
        if c is None:
            return None
        cid = c.conversation.id
        old = c.conversation
        old_entries = entries_of(c)

        def restore():
            self.journal.edit_conversation(cid, title=old.title, person=old.person_name or "", kind=old.kind,
                                           occurred_at=old.occurred_at, notes=old.notes, entries=old_entries)

        def commit(draft):
            j = self.journal
            entries = [e for e in draft.entries if e.before is not None or e.after is not None]
            if mode == "finish":
                at = now_utc()  # one time for the first write and every redo: redo restores, it does not re-record

                def forward():
                    j.finish_conversation(cid, entries, at)
                label = f"finish “{_short(old.title)}”"
            else:
                def forward():
                    j.edit_conversation(cid, title=draft.title, person=draft.person, kind=draft.kind,
                                        occurred_at=draft.occurred_at, notes=draft.notes, entries=entries)
                label = f"edit “{_short(draft.title)}”"
            forward()
            self._push(Change(label, self.w, forward, restore))
            self.w.written()

        return self._open(LogConversationDialog(self._candidates(), self._people(), commit, existing=c, mode=mode,
                                                parent=self.w))

    def finish_conversation(self, c: ConversationSummary | None = None):
        """Finish ``c``, else the selected conversation if it waits, else the one (or a pick of those) waiting."""
        if c is None:
            selected = self.w.selected_conversation_overview()
            if selected is None or not selected.awaiting_after:
                return self._finish_a_waiting_one()
        return self._conversation_dialog("finish", c)

    def _finish_a_waiting_one(self):
        waiting = [row for row in self.w.convs_model.rows() if row.awaiting_after]
        if not waiting:
            self.w.statusBar().showMessage("No conversation is waiting for its afters.", 8000)
            return None

        def finish(cid: str):
            self.w.select_conversation(cid)
            return self._conversation_dialog("finish")

        if len(waiting) == 1:
            return finish(waiting[0].conversation.id)
        from beliefupdate.ui.dialogs.pick_conversation import PickConversationDialog

        return self._open(PickConversationDialog(waiting, finish, parent=self.w))

    def edit_conversation(self, c: ConversationSummary | None = None):
        return self._conversation_dialog("edit", c)

    def open_conversation(self, *_args):
        """Enter or double-click on the timeline: finish it if afters are missing, else edit it."""
        c = self.w.selected_conversation()
        if c is None:
            return None
        return self.finish_conversation(c) if c.awaiting_after else self.edit_conversation(c)

    def delete_conversation(self) -> None:
        c = self.w.selected_conversation()
        if c is None:
            return
        j = self.journal
        cid = c.conversation.id
        removed = j.delete_conversation(cid)
        self._push(Presence(f"delete “{_short(c.conversation.title)}”", self.w,
                            lambda: j.delete_conversation(cid), created=False, removed=removed))
        self.w.written()
        self.w.statusBar().showMessage(f"Deleted “{c.conversation.title}”. Undo (Ctrl+Z) brings it back.", 8000)

    def delete_selected(self) -> None:
        if self.w.convs_view.hasFocus() and self.w.selected_conversation_id():
            self.delete_conversation()
        else:
            self.delete_propositions()

    # -- import -------------------------------------------------------------

    def import_data(self, data: JournalData):
        """Merge an export into the journal; undo removes exactly what was added."""
        j = self.journal
        before = j.export_data()
        have = {
            "p": {p.id for p in before.propositions},
            "c": {c.id for c in before.conversations},
            "k": {c.id for c in before.credences},
        }
        result = j.import_data(data)
        new_props = [p.id for p in data.propositions if p.id not in have["p"]]
        new_convs = [c.id for c in data.conversations if c.id not in have["c"]]
        loose = [c.id for c in data.credences if c.id not in have["k"] and c.conversation_id is None
                 and c.proposition_id not in new_props]

        def back():
            from beliefupdate.domain.errors import NotFound

            for cid in new_convs:
                try:
                    j.delete_conversation(cid)
                except NotFound:
                    pass
            for kid in loose:
                try:
                    j.delete_credence(kid)
                except NotFound:
                    pass
            for pid in new_props:
                try:
                    j.delete_proposition(pid)
                except NotFound:
                    pass

        self._push(Change("import", self.w, lambda: j.import_data(data), back))
        self.w.written()
        return result

    # -- macros -------------------------------------------------------------

    def _macro(self, text: str, needed: bool) -> None:
        if needed:
            self.w.undo_stack.beginMacro(text)

    def _end_macro(self, needed: bool) -> None:
        if needed:
            self.w.undo_stack.endMacro()
