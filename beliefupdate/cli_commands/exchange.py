"""export and import of the whole journal as JSON (format documented in the README)."""

from __future__ import annotations

from pathlib import Path

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.store import exchange


def register(sub) -> None:
    p = sub.add_parser("export", help="write the whole journal to a JSON file")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="merge a JSON export into the journal (records already present are skipped)")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=cmd_import)


def cmd_export(args, journal) -> int:
    path = Path(args.file)
    if path.suffix.lower() != ".json":
        raise InvalidInput(f"{path}: export files end in .json")
    if not path.parent.is_dir():
        raise InvalidInput(f"{path}: folder {path.parent} does not exist")
    data = journal.export_data()
    try:
        exchange.write_json(data, path)
    except OSError as e:
        raise InvalidInput(f"cannot write {path}: {e.strerror}") from None
    print(
        f"exported {len(data.propositions)} propositions, {len(data.conversations)} conversations, "
        f"{len(data.credences)} credences to {path}"
    )
    return 0


def cmd_import(args, journal) -> int:
    data = exchange.read_json(Path(args.file))
    result = journal.import_data(data)
    added = ", ".join(f"{n} {k}" for k, n in result.added.items())
    skipped = sum(result.skipped.values())
    print(f"imported {added}" + (f"; {skipped} already present" if skipped else ""))
    return 0
