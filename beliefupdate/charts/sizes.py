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
