"""Conversation commands: log, finish, conversations, edit-conversation, delete-conversation."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING

from beliefupdate.cli_commands import args as A
from beliefupdate.cli_commands import output as out
from beliefupdate.domain.credence import parse_credence
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.rules import check_expected_after
from beliefupdate.domain.types import CredenceEntry, Kind, NewBelief
from beliefupdate.operations import conversations

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal

CONV_HELP = "a conversation: its number, its exact title, or at least 4 characters of its start"
KINDS = ", ".join(k.value for k in Kind)


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "log",
        help="log a conversation with before/after credences; prints its number",
        description="Log a conversation (or reading, AI chat...). Use '-' for a side to fill in later with 'finish'.",
    )
    p.add_argument("title")
    p.add_argument("--with", dest="person", metavar="NAME", help="who or what it was with")
    p.add_argument("--kind", default="conversation", help=f"one of {KINDS}")
    A.add_at(p, "when it happened")
    p.add_argument("--notes", default="", metavar="N")
    p.add_argument("--pre", default="", metavar="MARKDOWN", help="what you think and why, written with the befores")
    p.add_argument("--post", default="", metavar="MARKDOWN", help="what changed and why, written with the afters")
    p.add_argument(
        "--credence", action="append", nargs=3, metavar=("PROPOSITION", "BEFORE", "AFTER"), default=[],
        help="a proposition with its before and after credence (repeatable; '-' leaves a side for later)",
    )
    _add_new_credence(p)
    p.add_argument(
        "--expect", action="append", nargs=2, metavar=("PROPOSITION", "VALUE"), default=[],
        help="the after you expect, on average (not the most likely one), for one of the --credence "
        "propositions with a before (repeatable)",
    )
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("finish", help="record the afters of a conversation started earlier")
    p.add_argument("conversation", help=CONV_HELP)
    p.add_argument(
        "--credence", action="append", nargs=2, metavar=("PROPOSITION", "AFTER"), default=[],
        help="a proposition with its after credence (repeatable)",
    )
    _add_new_credence(p)
    A.add_at(p, "when the afters were written")
    p.add_argument("--post", metavar="MARKDOWN", help="what changed and why (replaces the Post)")
    p.set_defaults(handler=cmd_finish)

    p = sub.add_parser("conversations", help="conversations, newest first, with how they moved you")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conversations)

    p = sub.add_parser("edit-conversation", help="change a conversation's title, person, kind, time or notes")
    p.add_argument("conversation", help=CONV_HELP)
    p.add_argument("--title", metavar="T")
    p.add_argument("--with", dest="person", metavar="NAME", help="who it was with ('' to clear)")
    p.add_argument("--kind", help=f"one of {KINDS}")
    A.add_at(p, "when it happened")
    p.add_argument("--notes", metavar="N")
    p.add_argument("--pre", metavar="MARKDOWN", help="the Pre: what you thought before ('' to clear)")
    p.add_argument("--post", metavar="MARKDOWN", help="the Post: what changed and why ('' to clear)")
    p.set_defaults(handler=cmd_edit_conversation)

    p = sub.add_parser("delete-conversation", help="delete a conversation and its credences")
    p.add_argument("conversation", help=CONV_HELP)
    p.add_argument("--yes", action="store_true", help="do not ask")
    p.set_defaults(handler=cmd_delete_conversation)


def _add_new_credence(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--new-credence", action="append", nargs=2, metavar=("TEXT", "AFTER"), default=[],
        help="a new proposition, first thought of in this conversation, with its after (repeatable)",
    )


def _new_beliefs(args: argparse.Namespace) -> list[NewBelief]:
    """The --new-credence pairs; a command needs at least one credence of either kind."""
    if not args.credence and not args.new_credence:
        raise InvalidInput("give at least one --credence or --new-credence")
    beliefs = []
    for text, after in args.new_credence:
        if after.strip() == "-":
            raise InvalidInput(f"--new-credence {text!r}: a new proposition needs its after ('-' is not one)")
        beliefs.append(NewBelief(text, parse_credence(after)))
    return beliefs


def _entries(journal: Journal, triples: Sequence[Sequence[str]]) -> list[CredenceEntry]:
    """Resolve and parse everything before anything is written."""
    entries = []
    for ref, before, after in triples:
        prop = journal.find_proposition(ref)
        entries.append(CredenceEntry(prop.id, A.credence_or_blank(before), A.credence_or_blank(after)))
    seen = set()
    for e, (ref, _b, _a) in zip(entries, triples, strict=True):
        if e.proposition_id in seen:
            raise InvalidInput(f"proposition {ref!r} is given twice")
        seen.add(e.proposition_id)
        if e.before is None and e.after is None:
            raise InvalidInput(f"proposition {ref!r} has neither a before nor an after")
    return entries


def _with_expectations(journal: Journal, entries: list[CredenceEntry], pairs: Sequence[Sequence[str]]) -> list[CredenceEntry]:
    """``entries`` with the expected afters of --expect put on them; refuses any that has nowhere to go."""
    at = {e.proposition_id: i for i, e in enumerate(entries)}
    for ref, value in pairs:
        prop = journal.find_proposition(ref)
        where = f"--expect {ref!r}"
        if prop.id not in at:
            raise InvalidInput(f"{where}: proposition #{prop.handle} is not among this conversation's --credence ones")
        entry = entries[at[prop.id]]
        if entry.expected_after is not None:
            raise InvalidInput(f"{where}: proposition #{prop.handle} already has an expected after")
        if value.strip() == "-":
            raise InvalidInput(f"{where}: give the after you expect ('-' is not one)")
        try:
            expected = parse_credence(value)
        except InvalidInput as e:
            raise InvalidInput(f"{where}: {e}") from None
        try:
            check_expected_after(expected, has_before=entry.before is not None)
        except InvalidInput as e:
            raise InvalidInput(f"{where}: proposition #{prop.handle} has no before ('-'); {e}") from None
        entries[at[prop.id]] = replace(entry, expected_after=expected)
    return entries


def cmd_log(args: argparse.Namespace, journal: Journal) -> int:
    kind = A.kind(args.kind)
    at = A.when(args.at) if args.at else None
    beliefs = _new_beliefs(args)
    entries = _with_expectations(journal, _entries(journal, args.credence), args.expect)
    conv = conversations.log_conversation(conversations.ConversationDraft(
        args.title, entries, person=args.person or "", kind=kind, occurred_at=at, notes=args.notes, pre=args.pre,
        post=args.post, new_beliefs=beliefs,
    ))(journal).value
    print(conv.handle)
    return 0


def cmd_finish(args: argparse.Namespace, journal: Journal) -> int:
    at = A.when(args.at) if args.at else None
    conv = journal.find_conversation(args.conversation)
    if any(after.strip() == "-" for _ref, after in args.credence):
        raise InvalidInput("finish needs an after credence for each proposition ('-' is not one)")
    beliefs = _new_beliefs(args)
    entries = _entries(journal, [(ref, "-", after) for ref, after in args.credence])
    conversations.finish_conversation(journal.conversation(conv.id), entries, post=args.post, new_beliefs=beliefs,
                                      at=at)(journal)
    summary = journal.conversation(conv.id)
    waiting = [s for s in summary.shifts if s.after is None]
    tail = f"; {len(waiting)} still awaiting an after" if waiting else ""
    print(f"#{conv.handle} finished{tail}")
    return 0


def cmd_conversations(args: argparse.Namespace, journal: Journal) -> int:
    summaries = journal.conversations()
    if args.json:
        out.emit_json(
            "conversations",
            {
                "conversations": [
                    {
                        **out.conversation_json(s.conversation),
                        "awaiting_after": s.awaiting_after,
                        "shifts": [
                            {
                                "proposition_id": sh.proposition_id,
                                "proposition_handle": sh.proposition_handle,
                                "before": sh.before,
                                "after": sh.after,
                                "change": sh.change,
                                "expected_after": sh.expected_after,
                                "new": sh.new,
                                "note": sh.note,
                            }
                            for sh in s.shifts
                        ],
                    }
                    for s in summaries
                ]
            },
        )
        return 0
    if not summaries:
        print("No conversations yet. Log one: beliefupdate log \"...\" --credence PROPOSITION BEFORE AFTER")
        return 0
    for s in summaries:
        c = s.conversation
        who = f" with {c.person_name}" if c.person_name else ""
        flag = "  [awaiting after]" if s.awaiting_after else ""
        print(f"#{c.handle}  {out.when(c.occurred_at)}  {c.kind.value}{who}: {c.title}{flag}")
        for sh in s.shifts:
            arrow = f"{'new' if sh.new else out.pct(sh.before)} -> {out.pct(sh.after)}"
            aside = [out.change(sh.change)] if sh.change is not None else []
            if sh.expected_after is not None:
                aside.append(f"expected {out.pct(sh.expected_after)}")
            delta = f"  ({'; '.join(aside)})" if aside else ""
            print(f"      #{sh.proposition_handle} {arrow}{delta}  {sh.proposition_text}")
    return 0


def cmd_edit_conversation(args: argparse.Namespace, journal: Journal) -> int:
    kind = A.kind(args.kind) if args.kind else None
    at = A.when(args.at) if args.at else None
    conv = journal.find_conversation(args.conversation)
    if all(v is None for v in (args.title, args.person, kind, at, args.notes, args.pre, args.post)):
        raise InvalidInput("nothing to change: give --title, --with, --kind, --at, --notes, --pre or --post")
    c = journal.edit_conversation(
        conv.id, title=args.title, person=args.person, kind=kind, occurred_at=at, notes=args.notes, pre=args.pre,
        post=args.post,
    )
    print(f"#{c.handle} {c.title}")
    return 0


def cmd_delete_conversation(args: argparse.Namespace, journal: Journal) -> int:
    conv = journal.find_conversation(args.conversation)
    n = sum((s.before is not None) + (s.after is not None) for s in journal.conversation(conv.id).shifts)
    A.confirm(f"Delete conversation #{conv.handle} {conv.title!r} and its {n} credence(s)?", args.yes)
    conversations.delete_conversation(conv)(journal)
    print(f"deleted conversation #{conv.handle}")
    return 0
