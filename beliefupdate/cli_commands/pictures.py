"""What every command that writes a picture (chart, calibration) takes and refuses.

Argument parsing belongs to the command line, not to the charts: the charts only say which
sizes and formats they can draw. Qt is imported only when a command runs, so building the
help stays as fast as before.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from beliefupdate.charts.sizes import MAX_SIZE, MIN_SIZE
from beliefupdate.domain.errors import InvalidInput


def add_picture_arguments(parser: argparse.ArgumentParser, width: int, height: int) -> None:
    """OUT and its size, the same for every command that writes a picture."""
    parser.add_argument("out", metavar="OUT.png|OUT.svg|OUT.pdf", help="file to write; its extension picks the format")
    parser.add_argument("--width", metavar="PX", type=int, default=width,
                        help=f"width in pixels, {MIN_SIZE}..{MAX_SIZE} (default {width})")
    parser.add_argument("--height", metavar="PX", type=int, default=height,
                        help=f"height in pixels, {MIN_SIZE}..{MAX_SIZE} (default {height})")


def check_picture_request(args: argparse.Namespace, journal_path: Path | None) -> None:
    """What every picture command refuses before it draws: a format it cannot write, the journal's
    own files, a size out of bounds, an empty title. Raises UserError; nothing is written."""
    from beliefupdate.charts.export import check_size, format_of
    from beliefupdate.store.files.journal_file import refuse_own_files

    format_of(args.out)
    refuse_own_files(Path(args.out), journal_path)
    check_size(args.width, args.height)
    if args.title is not None and not args.title.strip():
        raise InvalidInput("--title is empty; leave it out for the default title")
