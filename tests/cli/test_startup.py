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


APP_PROBE = """
import sys
from beliefupdate.cli import build_parser
args = build_parser(["--db", "j.sqlite3"]).parse_args(["--db", "j.sqlite3"])
assert args.command is None
print(','.join(sorted(m for m in sys.modules if m.startswith(("beliefupdate.cli_commands.", "markdown_it")))))
"""


def test_starting_the_app_loads_no_commands_module_before_its_window():
    out = subprocess.run([sys.executable, "-c", APP_PROBE], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == ""


PAINT_PROBE = """
import builtins, sys
print_ = builtins.print

def spy(*args, **kwargs):
    if args and str(args[0]).startswith("first-paint-ms"):
        order = list(sys.modules)
        heavy = sorted({m.split(".")[0] for m in order} & {"numpy", "pyqtgraph", "alembic", "markdown_it"})
        print_(f"loaded={heavy} sqlalchemy-first={order.index('sqlalchemy.orm') < order.index('PySide6')}")
    print_(*args, **kwargs)

builtins.print = spy
from beliefupdate.cli import main
main(["--db", sys.argv[1]])
"""


def test_the_app_paints_before_loading_charts_and_loads_the_database_library_before_qt(tmp_path):
    import os

    from beliefupdate.store.journal import Journal

    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.add_proposition("Interpretability will matter for alignment within five years")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BELIEFUPDATE_QUIT_AFTER_PAINT": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", PAINT_PROBE, str(path)], capture_output=True, text=True,
                         timeout=120, check=True, env=env)
    assert "loaded=[] sqlalchemy-first=True" in out.stdout, out.stdout + out.stderr


SQLITE_LIST_PROBE = """
import contextlib, io, sys
from beliefupdate.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["--db", sys.argv[1], "list", "--json"]) == 0
print(','.join(sorted(m for m in sys.modules if m.startswith(("sqlalchemy.dialects.postgresql", "alembic", "psycopg")))))
"""


def run_probe(probe: str, tmp_path) -> subprocess.CompletedProcess:
    """``probe`` run as its own process on a journal file holding one proposition."""
    from beliefupdate.store.journal import Journal

    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.add_proposition("Interpretability will matter for alignment within five years")
    return subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True,
                          timeout=60, check=True)


def test_listing_a_sqlite_journal_loads_nothing_for_servers(tmp_path):
    out = run_probe(SQLITE_LIST_PROBE, tmp_path)
    assert out.stdout.strip() == "", out.stdout


GC_PROBE = """
import gc, sys
import beliefupdate.cli_commands.propositions as commands

listing = commands.cmd_list

def spy(args, journal):
    print(f"collecting={gc.isenabled()} loaded-left-out={gc.get_freeze_count() > 10000}", file=sys.stderr)
    return listing(args, journal)

commands.cmd_list = spy
sys.argv = ["beliefupdate", "--db", sys.argv[1], "list", "--json"]
from beliefupdate.cli import command_main
raise SystemExit(command_main())
"""


def test_a_command_collects_garbage_while_it_works_leaving_out_what_it_loaded(tmp_path):
    out = run_probe(GC_PROBE, tmp_path)
    assert "collecting=True loaded-left-out=True" in out.stderr, out.stderr
    assert '"Interpretability will matter' in out.stdout


def test_the_command_line_called_in_process_leaves_garbage_collection_as_it_was(tmp_path, capsys):
    import gc

    from beliefupdate.cli import main

    assert main(["--db", str(tmp_path / "journal.sqlite3"), "add", "Interpretability will matter"]) == 0
    assert main(["--db", str(tmp_path / "journal.sqlite3"), "list", "--json"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
