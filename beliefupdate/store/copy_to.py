"""Copying a whole journal to another place (a file, a server), keeping every record's
id and number: how a journal moves from a laptop's file to a shared server and back.

It is an import of an export, checked first: copying again changes nothing, and a
place that holds other records under the same numbers, or other versions of the
same records, is refused rather than merged into (``import`` is for merging).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import JournalData
from beliefupdate.store.location import Location, resolve


@dataclass(frozen=True)
class Copied:
    to: Location
    added: dict[str, int]
    total: int  # records in the journal copied
    notes: tuple[str, ...] = ()  # as the import says them (a loop of crux links, kept)


def copy_journal(source, dest_spec: str) -> Copied:
    """Copy the open journal ``source`` to ``dest_spec`` (a path or URL), creating a journal file there if need be."""
    from beliefupdate.store.journal import Journal
    from beliefupdate.store.opening import remove_journal_files

    dest, _ = resolve(dest_spec)
    if _same_place(source.location, dest):
        raise InvalidInput(f"{dest.display} is the journal itself; give another file or server")
    data = source.export_data()
    created = dest.path is not None and not os.path.lexists(dest.path)
    journal = Journal.open(dest_spec)
    try:
        _refuse_conflicts(data, journal.export_data(), dest)
        result = journal.import_data(data)
    except BaseException:
        journal.close()
        if created and dest.path is not None:
            remove_journal_files(dest.path)
        raise
    journal.close()
    total = sum(len(records) for records in _sections(data).values())
    return Copied(dest, result.added, total, result.notes)


def _same_place(a: Location, b: Location) -> bool:
    if a.path is not None and b.path is not None:
        return a.path == b.path or (b.path.exists() and a.path.exists() and os.path.samefile(a.path, b.path))
    return a.path is None and b.path is None and a.reopen_spec == b.reopen_spec


def _sections(data: JournalData) -> dict[str, tuple]:
    return {
        "propositions": data.propositions,
        "people": data.people,
        "conversations": data.conversations,
        "credences": data.credences,
    }


def _refuse_conflicts(data: JournalData, there: JournalData, dest: Location) -> None:
    theirs = _sections(there)
    for kind, records in _sections(data).items():
        by_id = {r.id: r for r in theirs[kind]}
        numbers = {getattr(r, "handle", None): r for r in theirs[kind]}
        for record in records:
            other = by_id.get(record.id)
            if other is not None and other != record:
                raise InvalidInput(
                    f"{dest.display} holds another version of {_name(kind, record)}; "
                    "nothing was copied (use export and import to merge journals)"
                )
            handle = getattr(record, "handle", None)
            if other is None and handle is not None and handle in numbers:
                raise InvalidInput(
                    f"{dest.display} already has a different {kind[:-1]} #{handle}; "
                    "nothing was copied (copy-to fills a new journal or a copy of this one)"
                )


def _name(kind: str, record) -> str:
    handle = getattr(record, "handle", None)
    return f"{kind[:-1]} #{handle}" if handle is not None else f"{'person' if kind == 'people' else kind[:-1]} {record.id}"
