"""export and import: the whole journal as JSON (format in the README) or CSV for spreadsheets;
import reads any format in the interchange registry, telling them apart by content."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from beliefupdate.cli_commands import output as out
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.interchange import exchange, registry
from beliefupdate.operations.exchange import import_data

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal

EXPORT_SUFFIXES = (".json", ".csv")


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "export",
        help="write the whole journal to a .json file (to import elsewhere) or a .csv file (for spreadsheets)",
        description="The format follows the file's extension. CSV comes in two shapes: 'long', one row per "
        "credence, and 'wide', one row per day and a column per proposition.",
    )
    p.add_argument("file", metavar="FILE.json|FILE.csv")
    p.add_argument("--shape", choices=("long", "wide"), help="CSV only: long (default) or wide")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import",
        help=f"merge {registry.accepted()} into the journal (records already present are skipped)",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_import)


def cmd_export(args: argparse.Namespace, journal: Journal) -> int:
    from beliefupdate.store.files.journal_file import refuse_own_files

    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise InvalidInput(f"{path}: export files end in .json or .csv")
    if args.shape and suffix != ".csv":
        raise InvalidInput("--shape is for CSV exports; give a file ending in .csv")
    if not path.parent.is_dir():
        raise InvalidInput(f"{path}: folder {path.parent} does not exist")
    refuse_own_files(path, journal.location.path)
    if path.exists() and not path.is_file():
        # Writing replaces the file by renaming onto it: a device or FIFO would be swapped away.
        raise InvalidInput(f"{path} is not a regular file (a folder, device or pipe); export writes only files")
    data = journal.export_data()
    try:
        if suffix == ".json":
            exchange.write_json(data, path)
        else:
            from beliefupdate.interchange.csv_export import write_csv

            rows = write_csv(data, path, args.shape or "long")
    except OSError as e:
        raise InvalidInput(f"cannot write {path}: {e.strerror}") from None
    if suffix == ".csv" and args.shape == "wide":
        print(f"exported {len(data.propositions)} propositions over {rows} days to {path}")
    else:
        print(
            f"exported {len(data.propositions)} propositions, {len(data.conversations)} conversations, "
            f"{len(data.credences)} credences to {path}"
        )
    return 0


# The merge counts records by table; a person reads "1 crux link", not "1 crux_links".
_ONE = {"people": "person", "crux_links": "crux link", "crux_credences": "crux credence"}


def _counted(n: int, kind: str) -> str:
    if n == 1:
        return f"1 {_ONE.get(kind, kind.removesuffix('s'))}"
    return f"{n} {kind.replace('_', ' ')}"


def cmd_import(args: argparse.Namespace, journal: Journal) -> int:
    found = registry.read_import(Path(args.file))
    result = import_data(found.data, found.labels)(journal).value
    added = ", ".join(_counted(n, k) for k, n in result.added.items())
    skipped = sum(result.skipped.values())
    source = f" from {found.importer.origin}" if found.importer.origin else ""
    print(
        f"imported {added}{source}"
        + (f"; {skipped} already present" if skipped else "")
        + (f"; {found.note}" if found.note else "")
    )
    for line in result.notes:
        out.note(line)
    return 0
