"""`beliefupdate writeup [CONVERSATION] OUT.md|OUT.html`: a conversation (or a run of them) as a post.

Works without a display: the chart is painted offscreen and no window is ever shown.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from beliefupdate.cli_commands.conversations import CONV_HELP
from beliefupdate.domain.errors import InvalidInput, NotFound
from beliefupdate.domain.times import parse_when

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.domain.types import ConversationSummary
    from beliefupdate.store.journal import Journal

DESCRIPTION = """\
Turn a conversation into a post ready to publish: its title, who it was with and
when, your Pre, a table of each proposition's before -> after with the shift in
points and bits and your reason, your Post, and the history chart of what it
moved. OUT.md is CommonMark with pipe tables, with the chart written beside it
(OUT-chart.png, or .svg with --chart svg) and linked; OUT.html is one
self-contained page with the chart inside it. With --since and/or --until and no
CONVERSATION, every conversation in that range goes into one post, oldest first.
"""

EPILOG = """\
examples:
  beliefupdate writeup 3 lab-chat.md
  beliefupdate writeup "Coffee with Sam" lab-chat.html
  beliefupdate writeup march.md --since 2026-03-01 --until 2026-04-01 --chart svg
"""


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "writeup", help="write a conversation up as a Markdown or HTML post", description=DESCRIPTION,
        usage="%(prog)s [CONVERSATION] OUT.md|OUT.html [--chart png|svg] [--since WHEN] [--until WHEN]",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("targets", nargs="+", metavar="[CONVERSATION] OUT", help=f"{CONV_HELP}; then the post's file")
    p.add_argument("--chart", choices=("png", "svg"), help="the chart's format (default: PNG beside a .md, SVG inside a .html)")
    p.add_argument("--since", metavar="WHEN", help="with no CONVERSATION: the first conversation's earliest time")
    p.add_argument("--until", metavar="WHEN", help="with no CONVERSATION: the last conversation's latest time")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, journal: Journal) -> int:
    from beliefupdate.charts.writeup import post_format, write_up

    summaries, out = _chosen(args, journal)
    post_format(out)  # a wrong name is refused before the journal is read further
    written = write_up(journal, summaries, out, args.chart)
    beside = f" and {os.fspath(written.chart)}" if written.chart else ""
    n = len(summaries)
    print(f"wrote {os.fspath(written.post)}{beside} ({n} conversation{'s' if n != 1 else ''})")
    return 0


def _chosen(args: argparse.Namespace, journal: Journal) -> tuple[list[ConversationSummary], str]:
    if len(args.targets) > 2:
        raise InvalidInput(f"writeup takes a conversation and a file name, not {len(args.targets)} names")
    ranged = args.since is not None or args.until is not None
    if len(args.targets) == 2:
        if ranged:
            raise InvalidInput("give a CONVERSATION or --since/--until, not both")
        ref, out = args.targets
        return [journal.conversation(journal.find_conversation(ref).id)], out
    (out,) = args.targets
    if not ranged:
        raise InvalidInput("name the CONVERSATION to write up, or give --since/--until for a range of them")
    since = parse_when(args.since) if args.since else None
    until = parse_when(args.until) if args.until else None
    if since and until and since >= until:
        raise InvalidInput(f"--since ({args.since}) must be before --until ({args.until})")
    summaries = [s for s in journal.conversations(since=since) if until is None or s.conversation.occurred_at <= until]
    if not summaries:
        raise NotFound("no conversation between those times; widen --since/--until")
    return summaries, out
