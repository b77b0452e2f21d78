"""The command line starts without loading what it does not need."""

import subprocess
import sys

PROBE = """
import sys
from beliefupdate.cli import build_parser
build_parser()
heavy = sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('PySide6', 'numpy', 'pyqtgraph', 'alembic', 'sqlalchemy')})
print(','.join(heavy))
"""


def test_building_the_command_line_loads_no_qt_numpy_or_database_library():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == ""
