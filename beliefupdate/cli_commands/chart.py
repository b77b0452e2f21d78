"""`beliefupdate chart OUT.png|OUT.svg|OUT.pdf`: export a history chart from the command line.

Works without a display: Qt is started offscreen and no window is ever shown.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from beliefupdate.domain.errors import InvalidInput, NotFound
from beliefupdate.domain.times import now_utc, parse_when

if TYPE_CHECKING:
    from datetime import datetime

    from beliefupdate.charts.series import ChartData
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal

DESCRIPTION = """\
Draw how your credence in propositions changed, conversation by conversation,
and save it as a PNG, SVG or PDF (chosen by the file's extension). Without
--proposition or --tag, every proposition that has credences and is not
archived is drawn.
Each conversation's before -> after jump is an arrow; conversations are marked
on the time axis. The picture is in a light print theme, whatever the desktop's.
"""

EPILOG = """\
examples:
  beliefupdate chart lab.png --proposition 1
  beliefupdate chart career.svg --tag career --since 2026-01-01 --title "Should I join a lab?"
  beliefupdate chart all.pdf --log-odds --width 2400 --height 1200
"""


def register(sub: Subparsers) -> None:
    add_parser(sub).set_defaults(handler=run)


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    from beliefupdate.charts.sizes import DEFAULT_HEIGHT, DEFAULT_WIDTH
    from beliefupdate.cli_commands.pictures import add_picture_arguments

    p = subparsers.add_parser(
        "chart",
        help="export a history chart as PNG, SVG or PDF",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_picture_arguments(p, DEFAULT_WIDTH, DEFAULT_HEIGHT)
    p.add_argument(
        "-p",
        "--proposition",
        dest="propositions",
        metavar="P",
        action="append",
        default=[],
        help="a proposition to draw: its number (3 or #3), its text, or 4+ characters of it; repeatable",
    )
    p.add_argument("-t", "--tag", metavar="T", help="draw the propositions with this tag")
    p.add_argument("--since", metavar="WHEN", help="start of the time range (ISO 8601, local time unless an offset is given)")
    p.add_argument("--until", metavar="WHEN", help="end of the time range (default: the last credence)")
    p.add_argument("--title", metavar="T", help='chart title (default: the propositions, or "Belief history")')
    p.add_argument("--log-odds", action="store_true", help="credence on a log-odds axis: equal steps are equal evidence")
    return p


def run(args: argparse.Namespace, journal: Journal) -> int:
    """Export the chart that ``args`` ask for; raises UserError (no file written) for a bad request."""
    from beliefupdate.charts.export import ensure_gui, export_chart
    from beliefupdate.charts.page import PrintOptions, window_room
    from beliefupdate.charts.series import load
    from beliefupdate.cli_commands.pictures import check_picture_request

    check_picture_request(args, journal.location.path)
    since = parse_when(args.since) if args.since else None
    until = parse_when(args.until) if args.until else None
    if since and until and since >= until:
        raise InvalidInput(f"--since ({args.since}) must be before --until ({args.until})")
    if since and not until and since >= now_utc():
        raise InvalidInput(f"--since {args.since} is in the future: there is nothing to draw yet")

    ids = _selection(args, journal)
    options = PrintOptions(args.width, args.height, args.title.strip() if args.title else None, args.log_odds)
    # The room kept for the arrows depends on the plot's width, which depends on the fonts.
    ensure_gui()
    data = load(
        journal, ids, since.timestamp() if since else None, until.timestamp() if until else None,
        **window_room(options, len(ids)),
    )
    if not data.has_data:
        raise NotFound(_no_data_message(data, since, until))
    fmt = export_chart(data, args.out, options)
    n = len(data.series)
    print(
        f"wrote {os.fspath(args.out)} ({fmt.upper()}, {args.width}×{args.height} px, "
        f"{n} proposition{'s' if n != 1 else ''}, {len(data.markers)} conversation{'s' if len(data.markers) != 1 else ''})"
    )
    return 0


def _selection(args: argparse.Namespace, journal: Journal) -> list[str]:
    """Proposition ids in the order given: --proposition ones first, then --tag ones."""
    ids: list[str] = [journal.find_proposition(ref).id for ref in args.propositions]
    if args.tag is not None:
        tagged = [s.proposition.id for s in journal.summaries(tag=args.tag, trend=False)]
        if not tagged:
            known = ", ".join(t for t, _n in journal.tags()) or "none yet"
            raise NotFound(f"no proposition is tagged {args.tag!r} (tags: {known})")
        ids += tagged
    elif not args.propositions:
        ids = [s.proposition.id for s in journal.summaries(trend=False) if s.credence_count]
        if not ids:
            raise NotFound("no credences to draw yet: log a conversation or a check-in first")
    return list(dict.fromkeys(ids))


def _no_data_message(data: ChartData, since: datetime | None, until: datetime | None) -> str:
    from beliefupdate.domain.times import format_local

    names = ", ".join(f"#{p.handle}" for p in data.propositions)
    what = f"proposition{'s' if len(data.propositions) != 1 else ''} {names}"
    if since or until:
        span = f"between {format_local(since) if since else 'the start'} and {format_local(until) if until else 'now'}"
        return f"no credences recorded for {what} {span}; widen --since/--until"
    return f"no credences recorded yet for {what}"
