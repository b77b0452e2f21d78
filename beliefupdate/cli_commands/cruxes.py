"""Crux commands: `crux add B --on A --if-true X --if-false Y`, `crux list [--json]`, `crux delete`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from beliefupdate.cli_commands import args as A
from beliefupdate.cli_commands import output as out
from beliefupdate.domain.credence import parse_credence
from beliefupdate.domain.crux_graph import loop_through_each
from beliefupdate.domain.errors import InvalidInput, NotFound
from beliefupdate.domain.measures.coherence import DEFAULT_THRESHOLD, CruxCheck, checks_from
from beliefupdate.operations import cruxes as operations

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.domain.types import JournalData
    from beliefupdate.store.journal import Journal

PROP_HELP = "a proposition: its number, its exact text, or at least 4 characters of its start"


def register(sub: Subparsers) -> None:
    crux = sub.add_parser("crux", help="cruxes: beliefs that depend on other beliefs, checked for coherence",
                          description="A crux says B depends on A, with your P(B | A) and P(B | not A). The "
                          "implied P(B) = P(B|A)·P(A) + P(B|¬A)·(1−P(A)) is checked against your stated P(B).")
    commands = crux.add_subparsers(dest="crux_command", metavar="add|list|delete", required=True)

    p = commands.add_parser("add", help="B depends on A: record P(B | A) and P(B | not A) (again later to update)")
    p.add_argument("proposition", metavar="B", help=PROP_HELP)
    p.add_argument("--on", required=True, metavar="A", help="the proposition B depends on")
    p.add_argument("--if-true", required=True, metavar="X", help="P(B | A): your credence in B if A is true")
    p.add_argument("--if-false", required=True, metavar="Y", help="P(B | not A): your credence in B if A is false")
    A.add_at(p, "when you hold these")
    p.set_defaults(handler=cmd_add)

    p = commands.add_parser("list", help="every crux with stated and implied P(B), largest gap first")
    p.add_argument("--json", action="store_true", help="machine-readable output (see README)")
    p.set_defaults(handler=cmd_list)

    p = commands.add_parser("delete", help="remove the link between B and A, with its conditional credences")
    p.add_argument("proposition", metavar="B", help=PROP_HELP)
    p.add_argument("--on", required=True, metavar="A", help="the proposition B depends on")
    p.set_defaults(handler=cmd_delete)


def _conditional(flag: str, text: str) -> float:
    try:
        return parse_credence(text)
    except InvalidInput as e:
        raise InvalidInput(f"{flag}: {e}") from None


def cmd_add(args: argparse.Namespace, journal: Journal) -> int:
    if_true, if_false = _conditional("--if-true", args.if_true), _conditional("--if-false", args.if_false)
    at = A.when(args.at) if args.at else None
    b, a = journal.find_proposition(args.proposition), journal.find_proposition(args.on)
    link = operations.set_crux(b, a, if_true, if_false, at)(journal).value
    check = next(c for c in checks(journal) if c.link_id == link.id)
    print(f"#{b.handle} depends on #{a.handle}: {line(check)}")
    return 0


def cmd_delete(args: argparse.Namespace, journal: Journal) -> int:
    b, a = journal.find_proposition(args.proposition), journal.find_proposition(args.on)
    link = next((k for k in journal.cruxes([b.id]).crux_links if (k.proposition_id, k.on_id) == (b.id, a.id)), None)
    if link is None:
        raise NotFound(f"#{b.handle} has no crux on #{a.handle}")
    operations.delete_crux(link, b, a)(journal)
    print(f"#{b.handle} no longer depends on #{a.handle}")
    return 0


def checks(journal: Journal) -> list[CruxCheck]:
    return checks_from(journal.summaries(include_archived=True, trend=False), journal.cruxes())


def line(c: CruxCheck) -> str:
    """What one crux says: the arithmetic, and whether stated and implied differ by more than 10 pp."""
    flag = f"  [differs by more than {DEFAULT_THRESHOLD * 100:.0f} pp]" if c.differs() else ""
    return f"implied P(B) = {c.arithmetic()}{flag}"


def check_json(c: CruxCheck) -> dict[str, Any]:
    return {
        "link_id": c.link_id,
        "proposition": {"id": c.proposition.id, "handle": c.proposition.handle, "text": c.proposition.text},
        "on": {"id": c.on.id, "handle": c.on.handle, "text": c.on.text},
        "stated": c.stated, "on_value": c.on_value, "if_true": c.if_true, "if_false": c.if_false,
        "implied": c.implied, "gap": c.gap, "differs": c.differs(),
    }


def cmd_list(args: argparse.Namespace, journal: Journal) -> int:
    summaries = journal.summaries(include_archived=True, trend=False)
    cruxes = journal.cruxes()
    found = checks_from(summaries, cruxes)
    loops = _loops(cruxes, {s.proposition.id: s.proposition.handle for s in summaries})
    if args.json:
        out.emit_json("cruxes", {"threshold": DEFAULT_THRESHOLD,
                                 "cruxes": [check_json(c) | {"cycle": loops.get(c.link_id)} for c in found]})
        return 0
    if not found:
        print("No cruxes yet. Add one: beliefupdate crux add B --on A --if-true X --if-false Y")
        return 0
    for c in found:
        print(f"#{c.proposition.handle} {c.proposition.text}")
        print(f"    depends on #{c.on.handle} {c.on.text}")
        print(f"    {line(c)}")
        if c.link_id in loops:
            # Stored before cycles were refused across devices, or brought in by a file: shown, never hidden.
            chain = " → ".join(f"#{h}" for h in loops[c.link_id])
            print(f"    [in a cycle: {chain}; a belief cannot depend on itself, delete one of these links]")
    return 0


def _loops(cruxes: JournalData, handles: dict[str, int]) -> dict[str, list[int]]:
    """Each link in a loop (by id), with the numbers of the beliefs around one such loop."""
    by_ends = {(k.proposition_id, k.on_id): k.id for k in cruxes.crux_links}
    return {by_ends[ends]: [handles[p] for p in loop] for ends, loop in loop_through_each(by_ends).items()}
