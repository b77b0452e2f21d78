"""Importing records (a file's, or a backup's): undo removes exactly what the import added."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from beliefupdate.domain.errors import NotFound
from beliefupdate.domain.types import ImportResult, JournalData
from beliefupdate.operations.changes import EVERYTHING, Done, Operation

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


def import_data(data: JournalData, labels: Sequence[str] = ()) -> Operation[ImportResult]:
    def run(j: Journal) -> Done[ImportResult]:
        result = j.import_data(data, labels)
        return Done("import", result, EVERYTHING, undo=_unimport(data, labels, result))

    return run


def _unimport(data: JournalData, labels: Sequence[str], result: ImportResult) -> Operation[ImportResult]:
    added = result.added_ids
    props = set(added.get("propositions", ()))
    # What goes with an added proposition or conversation (its credences, its links) goes with
    # it; what was added to records already there is removed one by one. People stay: a name
    # is not an edit.
    conversations = added.get("conversations", ())
    in_conversations = set(conversations)
    credences, crux_links = set(added.get("credences", ())), set(added.get("crux_links", ()))
    loose = [c.id for c in data.credences if c.id in credences
             and c.conversation_id not in in_conversations and c.proposition_id not in props]
    links = [k.id for k in data.crux_links if k.id in crux_links
             and k.proposition_id not in props and k.on_id not in props]

    def remove(j: Journal) -> None:
        for step, ids in ((j.delete_conversation, conversations), (j.delete_credence, loose),
                          (j.delete_crux, links), (j.delete_proposition, added.get("propositions", ()))):
            for record in ids:
                with contextlib.suppress(NotFound):  # removed since, by another window or device
                    step(record)

    def run(j: Journal) -> Done[ImportResult]:
        j.atomically(remove)
        return Done("import", result, EVERYTHING, undo=import_data(data, labels))

    return run
