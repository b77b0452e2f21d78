"""The window's edits: each opens its dialog, writes through the Journal, and pushes an undo command."""

from __future__ import annotations

from collections.abc import Sequence

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.errors import ChangedElsewhere
from beliefupdate.domain.text import text_key
from beliefupdate.domain.times import now_utc
from beliefupdate.domain.types import (
    ConversationSummary,
    CredenceEntry,
    JournalData,
    NewBelief,
    Resolution,
)
from beliefupdate.ui.keeper import DialogKeeper
from beliefupdate.ui.session import What
from beliefupdate.ui.undo import Change, Presence, Versioned


def entries_of(c: ConversationSummary) -> list[CredenceEntry]:
    return [s.entry() for s in c.shifts if s.before is not None or s.after is not None]


# A conversation's edits touch the timeline and the credences logged in it, never a proposition's own fields.
CONVERSATION = What.CONVERSATIONS | What.CREDENCES


def in_conversations(removed: JournalData) -> list[str]:
    """The conversations that held any of the credences deleted with ``removed``."""
    return sorted({k.conversation_id for k in removed.credences if k.conversation_id})


def born_ids(journal, conversation_id: str, beliefs: Sequence[NewBelief]) -> list[str]:
    """The propositions created for ``beliefs`` in the conversation, in their order."""
    by_key = {text_key(s.proposition_text): s.proposition_id
              for s in journal.conversation(conversation_id).shifts if s.new}
    return [by_key[text_key(b.text)] for b in beliefs if text_key(b.text) in by_key]


def delete_with_born(journal, conversation_id: str, born: Sequence[str]) -> JournalData:
    """Delete a conversation and the propositions first thought of in it; returns all of it, for undo."""
    removed = journal.delete_conversation(conversation_id)
    props = tuple(p for pid in born for p in journal.delete_proposition(pid).propositions)
    return JournalData(propositions=props, people=removed.people, conversations=removed.conversations,
                       credences=removed.credences)


def _links(n: int) -> str:
    return "its crux link" if n == 1 else f"its {n} crux links"


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class Editor:
    """Opens the edit dialogs, writes through the session's journal and pushes each edit on its undo stack.

    ``selection`` says what the edits act on; ``parent`` is the widget the dialogs
    belong to; ``archived_shown`` says whether the list shows archived propositions.
    """

    def __init__(self, session, selection, parent: QWidget, archived_shown: Callable[[], bool]):
        self.session = session
        self.selection = selection
        self.parent = parent
        self._archived_shown = archived_shown
        self._dialogs = DialogKeeper()

    @property
    def journal(self):
        return self.session.journal

    def _open(self, dialog: QDialog) -> QDialog:
        """Show a dialog without blocking (window-modal); it commits on OK before closing."""
        return self._dialogs.open(dialog)

    def _push(self, command) -> None:
        self.session.undo_stack.push(command)

    def _written(self, what: What, **touched) -> None:
        self.session.written(what, **touched)

    # -- propositions -------------------------------------------------------

    def new_proposition(self):
        from beliefupdate.ui.dialogs.proposition import PropositionDialog

        def commit(draft):
            p = self.journal.add_proposition(draft.text, draft.tags, draft.notes)
            if draft.credence is not None:
                self.journal.check_in(p.id, draft.credence)
            j = self.journal
            what = What.PROPOSITIONS | What.CREDENCES
            touched = {"propositions": [p.id], "conversations": []}
            self._push(Presence(f"add proposition #{p.handle}", self.session, lambda: j.delete_proposition(p.id),
                                created=True, what=what, **touched))
            self._written(what, **touched)
            self.selection.select_propositions([p.id])

        return self._open(PropositionDialog(commit, known_tags=self.selection.known_tags(), parent=self.parent))

    def edit_proposition(self):
        from beliefupdate.ui.dialogs.proposition import PropositionDialog

        s = self.selection.current_summary()
        if s is None:
            return None
        old = s.proposition

        base = [old.version]  # the version the dialog's text was made from

        def commit(draft):
            j = self.journal
            new = self._unless_changed(
                base, lambda: j.proposition(old.id).version,
                lambda: j.edit_proposition(old.id, text=draft.text, tags=draft.tags, notes=draft.notes,
                                           expected_version=base[0]),
            )
            self._push(Versioned(
                f"edit proposition #{old.handle}", self.session,
                lambda v: j.edit_proposition(old.id, text=new.text, tags=new.tags, notes=new.notes, expected_version=v),
                lambda v: j.edit_proposition(old.id, text=old.text, tags=old.tags, notes=old.notes, expected_version=v),
                new.version, what=What.PROPOSITIONS, propositions=[old.id],
            ))
            self._written(What.PROPOSITIONS, propositions=[old.id])

        return self._open(PropositionDialog(commit, existing=old, known_tags=self.selection.known_tags(), parent=self.parent))

    def check_in(self):
        from beliefupdate.ui.dialogs.check_in import CheckInDialog

        s = self.selection.current_summary()
        if s is None:
            return None

        def commit(draft):
            j = self.journal
            c = j.check_in(s.proposition.id, draft.probability, draft.note, draft.at)
            self._push(Presence(
                f"check in #{s.proposition.handle} at {format_credence(draft.probability)}", self.session,
                lambda: j.delete_credence(c.id), created=True, what=What.CREDENCES, propositions=[s.proposition.id],
            ))
            self._written(What.CREDENCES, propositions=[s.proposition.id])

        return self._open(CheckInDialog(s, commit, parent=self.parent))

    def set_archived(self, archived: bool) -> None:
        targets = [s.proposition for s in self.selection.summaries() if s.proposition.archived != archived]
        if not targets:
            return
        j = self.journal
        verb = "archive" if archived else "unarchive"
        self._macro(f"{verb} {len(targets)} propositions", len(targets) > 1)
        try:
            for p in targets:
                # Archiving is decided on the spot, not from a copy opened earlier: no version to
                # check the first time; undo and redo check the one this left.
                done = j.set_archived(p.id, archived)
                self._push(Versioned(f"{verb} #{p.handle}", self.session,
                                     lambda v, pid=p.id: j.set_archived(pid, archived, expected_version=v),
                                     lambda v, pid=p.id: j.set_archived(pid, not archived, expected_version=v),
                                     done.version, what=What.PROPOSITIONS, propositions=[p.id]))
        finally:
            self._end_macro(len(targets) > 1)
            self._written(What.PROPOSITIONS, propositions=[p.id for p in targets])
        links = len(j.cruxes([p.id for p in targets]).crux_links) if archived else 0
        # Archiving hides a proposition, not what it means: its cruxes stay, and are still checked.
        kept = f" {_links(links)} {'stays and is' if links == 1 else 'stay and are'} still checked;" if links else ""
        if archived and (links or not self._archived_shown()):
            self.session.say(
                f"Archived {len(targets)} proposition{'s' if len(targets) > 1 else ''};{kept} "
                "View > Show archived shows them, Ctrl+Z brings them back.", 8000)

    def resolve(self, resolution: Resolution) -> None:
        targets = [s.proposition for s in self.selection.summaries() if s.proposition.resolution != resolution]
        if not targets:
            return
        j = self.journal
        self._macro(f"resolve {len(targets)} propositions", len(targets) > 1)
        try:
            for p in targets:
                done = j.resolve_proposition(p.id, resolution)  # as archiving: decided on the spot
                # One time for the first write and every redo, as for finishing a conversation.
                self._push(Versioned(
                    f"mark #{p.handle} {resolution.value}", self.session,
                    lambda v, pid=p.id, at=done.resolved_at: j.resolve_proposition(pid, resolution, at,
                                                                                  expected_version=v),
                    lambda v, pid=p.id, r=p.resolution, at=p.resolved_at: j.resolve_proposition(
                        pid, r, at, expected_version=v),
                    done.version, what=What.PROPOSITIONS, propositions=[p.id],
                ))
        finally:
            self._end_macro(len(targets) > 1)
            self._written(What.PROPOSITIONS, propositions=[p.id for p in targets])

    def delete_propositions(self, ids: Sequence[str] | None = None) -> None:
        summaries = self.selection.summaries() if ids is None else [
            s for i in ids if (s := self.selection.summary_of(i)) is not None
        ]
        if not summaries:
            return
        j = self.journal
        many = len(summaries) > 1
        links = 0
        done: list[str] = []
        moved: set[str] = set()  # the conversations that lose its credences, and with them what they moved
        self._macro(f"delete {len(summaries)} propositions", many)
        try:
            for s in summaries:
                p = s.proposition
                removed = j.delete_proposition(p.id)
                links += len(removed.crux_links)
                convs = in_conversations(removed)
                done.append(p.id)
                moved |= set(convs)
                self._push(Presence(f"delete #{p.handle} {_short(p.text)}", self.session,
                                    lambda pid=p.id: j.delete_proposition(pid), created=False, removed=removed,
                                    propositions=[p.id], conversations=convs))
        finally:
            self._end_macro(many)
            self._written(What.ALL, propositions=done, conversations=moved)
        what = f"#{summaries[0].proposition.handle}" if not many else f"{len(summaries)} propositions"
        gone = f" and {_links(links)}" if links else ""
        self.session.say(f"Deleted {what} with its history{gone}. Undo (Ctrl+Z) brings it back.", 8000)

    # -- conversations ------------------------------------------------------

    def _candidates(self):
        return self.selection.all_summaries()

    def _people(self) -> list[str]:
        return [p.name for p in self.journal.people()]

    def log_conversation(self):
        from beliefupdate.ui.dialogs.conversation import LogConversationDialog

        def commit(draft):
            j = self.journal
            conv = j.log_conversation(draft.title, draft.entries, person=draft.person or None, kind=draft.kind,
                                      occurred_at=draft.occurred_at, notes=draft.notes, pre=draft.pre,
                                      post=draft.post, new_beliefs=draft.new_beliefs)
            born = born_ids(j, conv.id, draft.new_beliefs)
            what = CONVERSATION | (What.PROPOSITIONS if born else What(0))
            touched = {"propositions": [e.proposition_id for e in draft.entries] + born, "conversations": [conv.id]}
            self._push(Presence(f"log “{_short(conv.title)}”", self.session,
                                lambda: delete_with_born(j, conv.id, born), created=True, what=what, **touched))
            self._written(what, **touched)
            self.selection.select_conversation(conv.id)

        include = [s.proposition.id for s in self.selection.summaries() if not s.proposition.archived]
        return self._open(LogConversationDialog(self._candidates(), self._people(), commit, include=include,
                                                cruxes=self.journal.cruxes(), parent=self.parent))

    def _conversation_dialog(self, mode: str, c: ConversationSummary | None = None):
        from beliefupdate.ui.dialogs.conversation import LogConversationDialog, Mode

        c = c or self.selection.conversation()
        if c is None:
            return None
        cid = c.conversation.id
        old = c.conversation
        old_entries = entries_of(c)

        def restore(version: int):
            return self.journal.edit_conversation(
                cid, title=old.title, person=old.person_name or "", kind=old.kind, occurred_at=old.occurred_at,
                notes=old.notes, entries=old_entries, pre=old.pre, post=old.post, expected_version=version)

        base = [old.version]  # the version the dialog was filled from

        def commit(draft):
            j = self.journal
            entries = [e for e in draft.entries if e.before is not None or e.after is not None]
            what = CONVERSATION
            back = restore
            if mode == "finish":
                at = now_utc()  # one time for the first write and every redo: redo restores, it does not re-record
                born: list = []  # the propositions first thought of in it, once created

                def forward(version: int):
                    if not born:
                        done = j.finish_conversation(cid, entries, at, post=draft.post, new_beliefs=draft.new_beliefs,
                                                     expected_version=version)
                        born.extend(j.proposition(pid) for pid in born_ids(j, cid, draft.new_beliefs))
                        return done
                    # Again after an undo: the same propositions come back, with the same afters.
                    j.import_data(JournalData(propositions=tuple(born)))
                    again = [CredenceEntry(p.id, None, b.after, b.note)
                             for p, b in zip(born, draft.new_beliefs, strict=True)]
                    return j.finish_conversation(cid, entries + again, at, post=draft.post, expected_version=version)

                def back(version: int):
                    done = restore(version)
                    for p in born:
                        j.delete_proposition(p.id)
                    return done
                if draft.new_beliefs:
                    what = CONVERSATION | What.PROPOSITIONS
                label = f"finish “{_short(old.title)}”"
            else:
                def forward(version: int):
                    return j.edit_conversation(cid, title=draft.title, person=draft.person, kind=draft.kind,
                                               occurred_at=draft.occurred_at, notes=draft.notes, entries=entries,
                                               pre=draft.pre, post=draft.post, expected_version=version)
                label = f"edit “{_short(draft.title)}”"
            done = self._unless_changed(base, lambda: j.conversation(cid).conversation.version,
                                        lambda: forward(base[0]))
            # Its propositions before and after the edit, and those first thought of in it.
            props = {e.proposition_id for e in old_entries} | {e.proposition_id for e in entries}
            if mode == "finish":
                props |= {p.id for p in born}
            touched = {"propositions": props, "conversations": [cid]}
            self._push(Versioned(label, self.session, forward, back, done.version, what=what, **touched))
            self._written(what, **touched)

        return self._open(LogConversationDialog(self._candidates(), self._people(), commit, existing=c, mode=Mode(mode),
                                                cruxes=self.journal.cruxes(), parent=self.parent))

    def finish_conversation(self, c: ConversationSummary | None = None):
        """Finish ``c``, else the selected conversation if it waits, else the one (or a pick of those) waiting."""
        if c is None:
            selected = self.selection.conversation_overview()
            if selected is None or not selected.awaiting_after:
                return self._finish_a_waiting_one()
        return self._conversation_dialog("finish", c)

    def _finish_a_waiting_one(self):
        waiting = self.selection.waiting_conversations()
        if not waiting:
            self.session.say("No conversation is waiting for its afters.", 8000)
            return None

        def finish(cid: str):
            self.selection.select_conversation(cid)
            # From the journal, not the selection: the timeline may still be on its way from the pool.
            return self._conversation_dialog("finish", self.journal.conversation(cid))

        if len(waiting) == 1:
            return finish(waiting[0].conversation.id)
        from beliefupdate.ui.dialogs.pick_conversation import PickConversationDialog

        return self._open(PickConversationDialog(waiting, finish, parent=self.parent))

    def edit_conversation(self, c: ConversationSummary | None = None):
        return self._conversation_dialog("edit", c)

    def open_conversation(self, *_args):
        """Enter or double-click on the timeline: finish it if afters are missing, else edit it."""
        c = self.selection.conversation()
        if c is None:
            return None
        return self.finish_conversation(c) if c.awaiting_after else self.edit_conversation(c)

    def delete_conversation(self) -> None:
        c = self.selection.conversation()
        if c is None:
            return
        j = self.journal
        cid = c.conversation.id
        removed = j.delete_conversation(cid)
        touched = {"propositions": {k.proposition_id for k in removed.credences}, "conversations": [cid]}
        self._push(Presence(f"delete “{_short(c.conversation.title)}”", self.session,
                            lambda: j.delete_conversation(cid), created=False, removed=removed, what=CONVERSATION,
                            **touched))
        self._written(CONVERSATION, **touched)
        self.session.say(f"Deleted “{c.conversation.title}”. Undo (Ctrl+Z) brings it back.", 8000)

    def delete_selected(self) -> None:
        if self.selection.conversations_focused() and self.selection.conversation_id():
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

        self._push(Change("import", self.session, lambda: j.import_data(data), back))
        self._written(What.ALL)
        return result

    # -- records changed elsewhere -----------------------------------------

    def _unless_changed(self, base: list[int], current: Callable[[], int], write: Callable[[], object]):
        """``write`` an edit made from version ``base[0]``; if another device changed the record since,
        show the journal as it is now and keep the dialog open: OK again writes over the new version."""
        try:
            return write()
        except ChangedElsewhere as e:
            base[0] = current()
            self.session.refresh()
            raise ChangedElsewhere(f"{e}. OK saves yours over it; Cancel keeps it as it is now.") from None

    # -- macros -------------------------------------------------------------

    def _macro(self, text: str, needed: bool) -> None:
        if needed:
            self.session.undo_stack.beginMacro(text)

    def _end_macro(self, needed: bool) -> None:
        if needed:
            self.session.undo_stack.endMacro()
