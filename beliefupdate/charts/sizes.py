"""Picture sizes, without Qt and without importing anything: the command line reads them while
building its help, and the pictures (picture, calibration) and their export check against them."""

MIN_SIZE = 320
MAX_SIZE = 8000
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1600, 900  # history charts
CALIBRATION_WIDTH, CALIBRATION_HEIGHT = 1200, 1000
