"""Proposition commands: add, list, edit, archive, resolve, delete, checkin, history."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from beliefupdate.cli_commands import args as A
from beliefupdate.cli_commands import output as out
from beliefupdate.domain.credence import parse_credence
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import Phase, Resolution
from beliefupdate.operations import propositions

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal

PROP_HELP = "a proposition: its number, its exact text, or at least 4 characters of its start"


def register(sub: Subparsers) -> None:
    p = sub.add_parser("add", help="add a proposition; prints its number")
    p.add_argument("text")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    p.add_argument("--notes", default="", metavar="N")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("list", help="propositions with current credence and last change")
    p.add_argument("--json", action="store_true", help="machine-readable output (see README)")
    p.add_argument("--tag", metavar="T", help="only propositions with this tag")
    p.add_argument("--all", action="store_true", help="include archived propositions")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("edit", help="change a proposition's text, notes or tags")
    p.add_argument("proposition", help=PROP_HELP)
    p.add_argument("--text", metavar="T")
    p.add_argument("--notes", metavar="N")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag (repeatable)")
    p.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag (repeatable)")
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("archive", help="hide a proposition from lists (kept with its history)")
    p.add_argument("proposition", help=PROP_HELP)
    p.set_defaults(handler=cmd_archive, archived=True)
    p = sub.add_parser("unarchive", help="bring an archived proposition back")
    p.add_argument("proposition", help=PROP_HELP)
    p.set_defaults(handler=cmd_archive, archived=False)

    p = sub.add_parser("resolve", help="mark a proposition true, false, ambiguous (or open again)")
    p.add_argument("proposition", help=PROP_HELP)
    p.add_argument("resolution", metavar="true|false|ambiguous|open")
    A.add_at(p, "when it resolved")
    p.set_defaults(handler=cmd_resolve)

    p = sub.add_parser("delete", help="delete a proposition and all its credences")
    p.add_argument("proposition", help=PROP_HELP)
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser("checkin", help="record a credence outside any conversation")
    p.add_argument("proposition", help=PROP_HELP)
    p.add_argument("value", help="70%%, 0.7, 3:1 or 1 in 4")
    p.add_argument("--note", default="", metavar="N", help="why")
    A.add_at(p, "when")
    p.set_defaults(handler=cmd_checkin)

    p = sub.add_parser("history", help="every credence recorded for a proposition")
    p.add_argument("proposition", help=PROP_HELP)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)


def cmd_add(args: argparse.Namespace, journal: Journal) -> int:
    p = propositions.add_proposition(args.text, args.tag, args.notes)(journal).value
    print(p.handle)
    return 0


def cmd_list(args: argparse.Namespace, journal: Journal) -> int:
    summaries = journal.summaries(tag=args.tag, include_archived=args.all, trend=False)
    if args.json:
        out.emit_json("list", {"propositions": [out.summary_json(s) for s in summaries]})
        return 0
    if not summaries:
        print("No propositions yet. Add one: beliefupdate add \"...\"")
        return 0
    rows = []
    for s in summaries:
        p = s.proposition
        label = p.text
        if p.tags:
            label += "  [" + ", ".join(p.tags) + "]"
        if p.archived:
            label += "  (archived)"
        if p.resolution is not Resolution.OPEN:
            label += f"  (resolved {p.resolution.value})"
        rows.append([f"#{p.handle}", out.pct(s.current), out.change(s.last_change), out.when(s.changed_at), label])
    out.table(rows, ["#", "now", "change", "when", "proposition"], right={0, 1, 2})
    return 0


def cmd_edit(args: argparse.Namespace, journal: Journal) -> int:
    prop = journal.find_proposition(args.proposition)
    if args.text is None and args.notes is None and not args.tag and not args.untag:
        raise InvalidInput("nothing to change: give --text, --notes, --tag or --untag")
    tags = None
    if args.tag or args.untag:
        drop = {t.strip().lower() for t in args.untag}
        missing = drop - set(prop.tags)
        if missing:
            raise InvalidInput(f"#{prop.handle} has no tag {sorted(missing)[0]!r}")
        tags = [t for t in prop.tags if t not in drop] + list(args.tag)
    p = propositions.edit_proposition(prop, text=args.text, notes=args.notes, tags=tags)(journal).value
    print(f"#{p.handle} {p.text}")
    return 0


def cmd_archive(args: argparse.Namespace, journal: Journal) -> int:
    prop = journal.find_proposition(args.proposition)
    propositions.set_archived([prop], args.archived)(journal)
    links = len(journal.cruxes([prop.id]).crux_links) if args.archived else 0
    kept = f"; its {links} crux link(s) stay and are still checked" if links else ""
    print(f"#{prop.handle} {'archived' if args.archived else 'unarchived'}{kept}")
    return 0


def cmd_resolve(args: argparse.Namespace, journal: Journal) -> int:
    resolution = A.resolution(args.resolution)
    at = A.when(args.at) if args.at else None
    prop = journal.find_proposition(args.proposition)
    propositions.resolve([prop], resolution, at)(journal)
    print(f"#{prop.handle} resolved {resolution.value}")
    return 0


def cmd_delete(args: argparse.Namespace, journal: Journal) -> int:
    prop = journal.find_proposition(args.proposition)
    n = len(journal.history(prop.id))
    links = len(journal.cruxes([prop.id]).crux_links)
    also = f" and its {links} crux link(s)" if links else ""
    A.confirm(f"Delete proposition #{prop.handle} {prop.text!r}, its {n} credence(s){also}?", args.yes)
    propositions.delete_propositions([prop])(journal)
    print(f"deleted #{prop.handle}{' with its crux links' if links else ''}")
    return 0


def cmd_checkin(args: argparse.Namespace, journal: Journal) -> int:
    value = parse_credence(args.value)
    at = A.when(args.at) if args.at else None
    prop = journal.find_proposition(args.proposition)
    propositions.check_in(prop, value, args.note, at)(journal)
    print(f"#{prop.handle} {out.pct(value)}")
    return 0


def cmd_history(args: argparse.Namespace, journal: Journal) -> int:
    prop = journal.find_proposition(args.proposition)
    entries = journal.history(prop.id)
    if args.json:
        out.emit_json(
            "history",
            {
                "proposition": out.proposition_json(prop),
                "credences": [
                    {
                        **out.credence_json(e.credence),
                        "conversation": out.conversation_json(e.conversation) if e.conversation else None,
                    }
                    for e in entries
                ],
            },
        )
        return 0
    print(f"#{prop.handle} {prop.text}")
    if not entries:
        print("No credences yet.")
        return 0
    rows = []
    last = None
    for e in entries:
        c = e.credence
        step = out.change(c.probability - last) if last is not None else ""
        last = c.probability
        if e.conversation:
            source = f"#{e.conversation.handle} {e.conversation.title}"
            if e.conversation.person_name:
                source += f" (with {e.conversation.person_name})"
        else:
            source = "check-in"
        if c.note:
            source += f" — {c.note}"
        phase = "" if c.phase is Phase.CHECK_IN else c.phase.value
        expected = "" if c.expected_after is None else out.pct(c.expected_after)
        rows.append([out.when(c.recorded_at), phase, out.pct(c.probability), step, expected, source])
    headers = ["when", "phase", "credence", "change", "expected", "source"]
    if not any(r[4] for r in rows):
        # A column only for journals that hold expectations.
        rows = [r[:4] + r[5:] for r in rows]
        headers.remove("expected")
    out.table(rows, headers, right={2, 3, 4})
    return 0
