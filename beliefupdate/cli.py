"""The `beliefupdate` command: everything the app does, without a window.

With no subcommand it starts the desktop app. User mistakes exit 2 with one
line on stderr and write nothing; bugs exit 1.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from beliefupdate import __version__
from beliefupdate.domain.errors import InvalidInput, UserError

if TYPE_CHECKING:
    from typing import TypeAlias

    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.store.journal import Journal
    from beliefupdate.store.location import Location

    # How argparse reads a word as an option: one reading before Python 3.12.7, a list after.
    if sys.version_info >= (3, 12):
        _Readings: TypeAlias = list[tuple[argparse.Action | None, str, str | None, str | None]] | None
    else:
        _Readings: TypeAlias = tuple[argparse.Action | None, str, str | None] | None

STARTED = time.perf_counter()  # the app's first-paint time is measured from here

PROG = "beliefupdate"

# The commands that may start a journal where there is none. Every other one refuses
# a missing journal, so that a mistyped --db is reported instead of leaving a new,
# empty journal behind. Import may start one: moving a journal to a new machine
# is an export there and an import here.
CREATES = {"add", "import"}


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 (argparse prints usage too)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _unknown(found: _Readings) -> bool:
    """Whether argparse's reading of a word as an option found no option it names (Python 3.12.7
    and later give a list of readings)."""
    readings = found if isinstance(found, list) else [found]
    return bool(readings) and all(r is not None and r[0] is None for r in readings)


class _CommandParser(_Parser):
    """A command's parser: its values may start with '-'."""

    def _parse_optional(self, arg_string: str) -> _Readings:
        # A word with one leading '-' that names none of this command's options is a value:
        # "-5%", "-inf" or "-.3" reaches the credence parser, which says what is wrong with
        # it, instead of argparse taking it for an option and asking for the credence.
        found = super()._parse_optional(arg_string)
        if arg_string.startswith("-") and not arg_string.startswith("--") and _unknown(found):
            return None
        return found


class UsageError(UserError):
    pass


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for ``argv``: with only the named command's module loaded when one is named."""
    from beliefupdate.cli_commands import register_all

    parser = _Parser(
        prog=PROG,
        description="Log credences before and after each conversation and see how each one moved you. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--db", metavar="PATH|URL", help="journal file or SQLAlchemy URL (default: $BELIEFUPDATE_DB or the user data folder)")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub: Subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    register_all(sub, _command_in(argv))
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names ("" for none: the app, which needs no command's module),
    or None when help, a version or an error needs every command known."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--db":
            i += 2
        elif arg.startswith("--db="):
            i += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return ""


# Set by the process's own entry points (command_main), never by main() called in-process.
_collect_when_loaded = False


def command_main() -> int:
    """main() as the whole process: the `beliefupdate` command, `python -m beliefupdate` and the app.

    Loading SQLAlchemy, the models and the journal makes a few hundred thousand objects that
    live as long as the process. Looking for garbage among them while they load, and again at
    exit, took about a third of a short command such as `list --json`; collection is off until
    they are loaded and then leaves them out (see _loaded). At exit nothing is collected: the
    journal is closed and output flushed by then, and the process gives the memory back anyway.
    """
    global _collect_when_loaded
    gc.disable()
    _collect_when_loaded = True
    try:
        return main()
    finally:
        gc.freeze()


def _loaded() -> None:
    """The modules and the journal are loaded: collect garbage again, among what is made from now on."""
    global _collect_when_loaded
    if _collect_when_loaded:
        _collect_when_loaded = False
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        if args.command is None:
            _loaded()  # a window runs for hours: it collects from the start
            return _gui(args.db, argv)
        from beliefupdate.cli_commands.output import terminal_stdout

        with terminal_stdout():
            return _run(args)
    except UserError as e:
        _error(str(e))
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0


def _run(args: argparse.Namespace) -> int:
    from beliefupdate.store.journal import Journal
    from beliefupdate.store.location import resolve

    location, _default = resolve(args.db)
    if getattr(args, "without_journal", False):
        # Listing and restoring backups must work when the journal cannot be opened.
        _loaded()
        return args.handler(args, location) or 0
    new = location.path is not None and not os.path.lexists(location.path)
    if new and args.command not in CREATES:
        raise InvalidInput(f"no journal at {location.path} (add a proposition to start one)")
    with _open(Journal, args.db, location) as journal:
        _loaded()
        try:
            return args.handler(args, journal) or 0
        except BaseException:
            if new:
                _discard_if_empty(journal)
            raise


def _open(journal_type: type[Journal], spec: str | None, location: Location) -> Journal:
    """Open the journal ``spec`` names (at ``location``); a server that wants a password nobody gave is
    asked for one at the terminal (typed unseen, used for this command only, never stored)."""
    from beliefupdate.domain.errors import ServerUnavailable

    try:
        return journal_type.open(spec)  # the spec, not the location: the default folder is made if missing
    except ServerUnavailable as e:
        if e.reason != ServerUnavailable.AUTH or location.has_password or not sys.stdin.isatty():
            raise
        import getpass

        password = getpass.getpass(f"password for {location.display}: ")
        return journal_type.open(location.with_password(password))


def _discard_if_empty(journal: Journal) -> None:
    """The command that would have started the journal failed: leave no journal behind."""
    from beliefupdate.store.files.opening import remove_journal_files

    try:
        empty = journal.is_empty()
    except Exception:  # the failure itself may be the journal's; then leave it be
        return
    if empty and journal.location.path is not None:  # only a file is ever new
        journal.close()
        remove_journal_files(journal.location.path)


def _gui(db: str | None, argv: list[str]) -> int:
    from beliefupdate.ui.app import run

    return run(db, argv)


def gui_main() -> int:
    return command_main()


def _error(message: str) -> None:
    from beliefupdate.cli_commands.terminal import terminal_text

    line = terminal_text(" ".join(message.split()))
    print(f"{PROG}: error: {line}", file=sys.stderr)
