"""Picture sizes, without Qt: the command line reads them while building its help."""

MIN_SIZE = 320
MAX_SIZE = 8000
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1600, 900  # history charts
CALIBRATION_WIDTH, CALIBRATION_HEIGHT = 1200, 1000


def add_picture_arguments(parser, width: int, height: int) -> None:
    """OUT and its size, the same for every command that writes a picture."""
    parser.add_argument("out", metavar="OUT.png|OUT.svg|OUT.pdf", help="file to write; its extension picks the format")
    parser.add_argument("--width", metavar="PX", type=int, default=width,
                        help=f"width in pixels, {MIN_SIZE}..{MAX_SIZE} (default {width})")
    parser.add_argument("--height", metavar="PX", type=int, default=height,
                        help=f"height in pixels, {MIN_SIZE}..{MAX_SIZE} (default {height})")


def check_picture_request(args, journal_path) -> None:
    """What every picture command refuses before it draws: a format it cannot write, the journal's
    own files, a size out of bounds, an empty title. Raises UserError; nothing is written."""
    from beliefupdate.charts.export import check_size, format_of
    from beliefupdate.domain.errors import InvalidInput
    from beliefupdate.store.journal_file import refuse_own_files

    format_of(args.out)
    refuse_own_files(args.out, journal_path)
    check_size(args.width, args.height)
    if args.title is not None and not args.title.strip():
        raise InvalidInput("--title is empty; leave it out for the default title")
