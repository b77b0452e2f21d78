"""Backups from the command line: backup, backups, restore.

``backups`` and ``restore`` work without opening a journal file, so that a journal
too damaged to open can still be listed against and restored; a journal on a
server is opened (its identity, inside it, names its backups folder).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from beliefupdate.cli_commands import args as A
from beliefupdate.cli_commands import output as out
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.times import to_iso

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal
    from beliefupdate.store.location import Location


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "backup",
        help="copy the journal now, into its backups folder or to OUT",
        description="A consistent copy of the journal (safe while the app is open). Without OUT it goes into "
        "the journal's own folder in 'backups' beside it, where hand-made copies are never removed.",
    )
    p.add_argument("out", nargs="?", metavar="OUT", help="a new file, or a folder to put the copy in")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("backups", help="list the journal's backups, newest first, numbered for 'restore'")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_backups, without_journal=True)

    p = sub.add_parser(
        "restore",
        help="replace the journal with a backup (the journal as it was is backed up first)",
        description="BACKUP is a number from 'backups' (1 = newest), a file name in the backups folder, or a path.",
    )
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--other-journal",
        action="store_true",
        help="restore even a backup of another journal, or one too old to tell whose it is (the journal keeps "
        "its own identity and backups folder)",
    )
    p.set_defaults(handler=cmd_restore, without_journal=True)


def cmd_backup(args: argparse.Namespace, journal: Journal) -> int:
    from beliefupdate.store.files.journal_file import refuse_own_files

    if args.out is None:
        made = journal.back_up()
    else:
        target = Path(args.out).expanduser()
        if target.is_dir():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = target / f"{_stem(journal.location)}-backup-{stamp}.{_suffix(journal)}"
        refuse_own_files(target, journal.location.path)
        if target.exists():
            raise InvalidInput(f"{target} already exists; give a new file name")
        if not target.parent.is_dir():
            raise InvalidInput(f"{target}: folder {target.parent} does not exist")
        try:
            made = journal.back_up(target)
        except OSError as e:
            raise InvalidInput(f"cannot write {target}: {e.strerror}") from None
    print(f"backed up to {made}")
    return 0


def cmd_backups(args: argparse.Namespace, location: Location) -> int:
    from beliefupdate.store.files.backup import backups_dir, list_backups

    if _on_server(location):
        from beliefupdate.store.journal import Journal
        from beliefupdate.store.server import backup as server_backup

        with Journal.open(location.url) as opened, opened.engine.connect() as conn:
            folder = server_backup.backups_dir(server_backup.server_identity(conn))
            backups = opened.backups()
    else:
        journal = _journal_file(location)
        backups, folder = list_backups(journal), backups_dir(journal)
    if args.json:
        out.emit_json(
            "backups",
            {
                "journal": location.display,
                "folder": str(folder),
                "backups": [
                    {
                        "number": n,
                        "file": b.path.name,
                        "path": str(b.path),
                        "kind": b.kind.value,
                        "created_at": to_iso(b.created_at),
                        "size": b.size,
                        "from_revision": b.from_revision,
                        "from_before_identity": b.before_identity,
                    }
                    for n, b in enumerate(backups, start=1)
                ],
            },
        )
        return 0
    if not backups:
        print(f"no backups yet in {folder}")
        return 0
    rows = [
        [str(n), out.when(b.created_at), b.description, _size(b.size), b.path.name]
        for n, b in enumerate(backups, start=1)
    ]
    out.table(rows, ["#", "made", "kind", "size", "file"], right={0, 3})
    print(f"in {folder}")
    return 0


def cmd_restore(args: argparse.Namespace, location: Location) -> int:
    from beliefupdate.store.files.journal_file import is_journal_file
    from beliefupdate.store.files.restore import find_backup, identity_to_keep, restore_backup

    if _on_server(location):
        return _restore_on_server(args, location)
    journal = _journal_file(location)
    backup = find_backup(journal, args.backup)
    if not journal.exists() or is_journal_file(journal):  # anything else is refused, as it is, by restore_backup
        identity_to_keep(journal, backup, args.other_journal)  # a backup of another journal is refused before asking
    A.confirm(f"Replace the journal {journal} with the backup {backup.name}?", args.yes)
    result = restore_backup(journal, backup, other_journal=args.other_journal)
    kept = f"; the journal as it was is kept as {result.saved_as}" if result.saved_as else ""
    print(f"restored {journal} from {backup.name}{kept}")
    return 0


def _restore_on_server(args: argparse.Namespace, location: Location) -> int:
    from beliefupdate.store.journal import Journal
    from beliefupdate.store.server.restore import check_server_backup, find_server_backup

    with Journal.open(location.url) as journal:
        backup = find_server_backup(journal.engine, location, args.backup)
        check_server_backup(journal.engine, location, backup, args.other_journal)
        A.confirm(f"Replace the journal {location.display} with the backup {backup.name}?", args.yes)
        result = journal.restore(backup, other_journal=args.other_journal)
    print(f"restored {location.display} from {backup.name}; the journal as it was is kept as {result.saved_as}")
    return 0


def _on_server(location: Location) -> bool:
    return location.path is None and location.url.startswith("postgresql")


def _journal_file(location: Location) -> Path:
    if location.path is None:
        raise InvalidInput(f"backups are only for journal files and PostgreSQL servers, not for {location.display}")
    return location.path


def _suffix(journal: Journal) -> str:
    """A server's copy is a pg_dump script or, without a pg_dump new enough, an export."""
    if journal.location.path is not None:
        return "sqlite3"
    from beliefupdate.store.server.backup import pg_dump_usable

    with journal.engine.connect() as conn:
        return "sql" if pg_dump_usable(conn) else "json"


def _stem(location: Location) -> str:
    if location.path is not None:
        return location.name
    from beliefupdate.store.server.backup import stem

    return stem(location)


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB"
