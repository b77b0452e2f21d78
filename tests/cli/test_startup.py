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


LIST_PROBE = """
import sys
from beliefupdate.cli import build_parser
build_parser(["--db", "j.sqlite3", "list", "--json"]).parse_args(["--db", "j.sqlite3", "list", "--json"])
loaded = sorted(m for m in sys.modules if m.startswith(("beliefupdate.cli_commands.", "markdown_it", "beliefupdate.domain.measures")))
print(','.join(loaded))
"""


def test_a_named_command_loads_only_its_own_module():
    out = subprocess.run([sys.executable, "-c", LIST_PROBE], capture_output=True, text=True, timeout=60, check=True)
    loaded = set(out.stdout.strip().split(","))
    assert "beliefupdate.cli_commands.propositions" in loaded
    assert not loaded & {"beliefupdate.cli_commands.insights", "beliefupdate.cli_commands.writeup", "markdown_it",
                         "beliefupdate.domain.measures"}


def test_every_command_is_filed_under_the_module_that_registers_it():
    import argparse

    from beliefupdate.cli_commands import COMMANDS, register_all

    sub = argparse.ArgumentParser().add_subparsers()
    register_all(sub)
    assert list(sub.choices) == list(COMMANDS)
    for name, module in COMMANDS.items():
        alone = argparse.ArgumentParser().add_subparsers()
        register_all(alone, name)
        assert name in alone.choices, f"{name} is not registered by cli_commands.{module}"
