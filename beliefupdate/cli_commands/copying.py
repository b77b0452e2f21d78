"""copy-to: the whole journal into another journal file or server, ids and numbers kept."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from beliefupdate.cli_commands import output as out

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "copy-to",
        help="copy the whole journal to DEST (a journal file, or postgresql://...), keeping ids and numbers",
        description="Moves a journal between a file and a server. A journal file is created at DEST if there is "
        "none; a server database must exist (it may be empty). Copying again changes nothing. DEST holding "
        "other records under the same numbers, or other versions of these records, is refused.",
    )
    p.add_argument("dest", metavar="DEST")
    p.set_defaults(handler=cmd_copy_to)


def cmd_copy_to(args: argparse.Namespace, journal: Journal) -> int:
    from beliefupdate.store.copy_to import copy_journal

    done = copy_journal(journal, args.dest)
    for line in done.notes:
        out.note(line)
    where = done.to.display
    if not any(done.added.values()):
        print(f"nothing to copy: {where} already has all {done.total} records")
        return 0
    added = ", ".join(f"{n} {kind}" for kind, n in done.added.items())
    print(f"copied {added} to {where}")
    return 0
