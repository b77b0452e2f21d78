"""Copying a whole journal to another place (a file, a server), keeping every record's
id and number: how a journal moves from a laptop's file to a shared server and back.

It is an import of an export, checked first: copying again changes nothing, and a
place that holds other records under the same numbers, or other versions of the
same records, is refused rather than merged into (``import`` is for merging).

A new journal file is filled under a temporary name beside it and appears under its
own name only when complete: a copy cut short leaves no file that a second copy-to,
or anything else, would take for another program's database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import ImportResult, JournalData
from beliefupdate.store.atomic import disk_errors, fsync, own_name, remove_cut_short, sync_folder
from beliefupdate.store.location import Location, resolve

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


@dataclass(frozen=True)
class Copied:
    to: Location
    added: dict[str, int]
    total: int  # records in the journal copied
    notes: tuple[str, ...] = ()  # as the import says them (a loop of crux links, kept)


def copy_journal(source: Journal, dest_spec: str) -> Copied:
    """Copy the open journal ``source`` to ``dest_spec`` (a path or URL), creating a journal file there if need be."""
    from beliefupdate.store.journal import Journal

    dest, _ = resolve(dest_spec)
    if _same_place(source.location, dest):
        raise InvalidInput(f"{dest.display} is the journal itself; give another file or server")
    data = source.export_data()
    total = sum(len(records) for records in _sections(data).values())
    if dest.path is not None and not os.path.lexists(dest.path):
        made = new_journal_file(dest.path, data)
        return Copied(dest, made.added, total, made.notes)
    with Journal.open(dest_spec) as journal:
        _refuse_conflicts(data, journal.export_data(), dest)
        result = journal.import_data(data)
    return Copied(dest, result.added, total, result.notes)


def new_journal_file(path: Path, data: JournalData) -> ImportResult:
    """A new journal file at ``path`` holding ``data``, there only once complete; returns what the import said."""
    from beliefupdate.store.files.opening import create_journal_file, inspect_sqlite_file, remove_journal_files
    from beliefupdate.store.journal import Journal

    inspect_sqlite_file(path)  # a folder that is not there, or not writable, said as for any new journal
    remove_cut_short(path, ".part", remove_journal_files)
    tmp = own_name(path, ".part")
    try:
        # Made in place: the temporary name is already this copy's own.
        with Journal(create_journal_file(tmp), resolve(str(tmp))[0]) as journal:
            added = journal.import_data(data)
            with journal.engine.connect() as conn:
                # Everything into the main file: the log beside it is not renamed with it.
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with disk_errors(path):
            fsync(tmp)
            _rename_new(tmp, path)
    except BaseException:
        remove_journal_files(tmp)
        raise
    sync_folder(path.parent)
    return added


def _rename_new(tmp: Path, path: Path) -> None:
    """``tmp`` renamed to ``path``, which must still be free: a file that appeared there meanwhile is kept."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise InvalidInput(f"{path} appeared while the journal was copied there; nothing was copied") from None
    except OSError:  # a file system without hard links
        os.replace(tmp, path)
        return
    tmp.unlink()


def _same_place(a: Location, b: Location) -> bool:
    if a.path is not None and b.path is not None:
        return a.path == b.path or (b.path.exists() and a.path.exists() and os.path.samefile(a.path, b.path))
    return a.path is None and b.path is None and a.reopen_spec == b.reopen_spec


def _sections(data: JournalData) -> dict[str, tuple[Any, ...]]:
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


def _name(kind: str, record: Any) -> str:
    handle = getattr(record, "handle", None)
    return f"{kind[:-1]} #{handle}" if handle is not None else f"{'person' if kind == 'people' else kind[:-1]} {record.id}"
