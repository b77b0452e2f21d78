"""`beliefupdate calibration OUT.png|OUT.svg|OUT.pdf`: the calibration chart from the command line.

Works without a display: Qt is started offscreen and no window is ever shown.
Qt is imported only when the command runs, so the CLI starts as fast as before.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from beliefupdate.charts.sizes import CALIBRATION_HEIGHT, CALIBRATION_WIDTH
from beliefupdate.cli_commands.pictures import add_picture_arguments, check_picture_request
from beliefupdate.domain.errors import NotFound

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal

DESCRIPTION = """\
Draw how calibrated you are: of the propositions you gave about 70% before
they resolved, how many came true? Each resolved proposition (true or false)
counts with its last credence before the resolution. Ten bins over 0-100%;
each non-empty bin is a point at its mean credence, with its 95% Wilson
interval and the number of propositions in it. The dashed diagonal is perfect
calibration. Saved as PNG, SVG or PDF (chosen by the file's extension), in a
light print theme.
"""

EPILOG = """\
examples:
  beliefupdate calibration calibration.png
  beliefupdate calibration calibration.pdf --width 1600 --height 1400 --title "How calibrated am I?"
"""


def register(sub: Subparsers) -> None:
    add_parser(sub).set_defaults(handler=run)


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "calibration",
        help="export a calibration chart of your resolved propositions as PNG, SVG or PDF",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_picture_arguments(p, CALIBRATION_WIDTH, CALIBRATION_HEIGHT)
    p.add_argument("--title", metavar="T", help='chart title (default "Calibration")')
    return p


def run(args: argparse.Namespace, journal: Journal) -> int:
    """Export the chart; raises UserError (and writes no file) for a bad request."""
    from beliefupdate.charts.calibration import NO_FORECASTS, CalibrationOptions, export_calibration, forecasts_in

    # From their modules: the package's lazy names are only `object` to the type checker.
    from beliefupdate.domain.measures.calibration import calibration_table
    from beliefupdate.domain.measures.scoring import resolved_forecasts

    check_picture_request(args, journal.location.path)
    data = journal.export_data()
    forecasts = resolved_forecasts(data.propositions, data.credences)
    bins = calibration_table((f.probability, f.outcome) for f in forecasts)
    if not forecasts_in(bins):
        raise NotFound(NO_FORECASTS)
    options = CalibrationOptions(args.width, args.height, args.title.strip() if args.title else None)
    fmt = export_calibration(bins, args.out, options)
    filled = sum(1 for b in bins if b.count)
    n = len(forecasts)
    print(
        f"wrote {os.fspath(args.out)} ({fmt.upper()}, {args.width}×{args.height} px, "
        f"{n} resolved proposition{'s' if n != 1 else ''} in {filled} bin{'s' if filled != 1 else ''})"
    )
    return 0
