"""Subcommands of the `beliefupdate` command, one module per subject."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from beliefupdate.cli_commands.args import Subparsers

# Each command's module, in the order `--help` lists them. A command line that names
# one of these loads only its module: `list --json` need not import the Insights
# measures, the chart painter or the write-up renderer just to describe them.
COMMANDS = {
    **dict.fromkeys(("add", "list", "edit", "archive", "unarchive", "resolve", "delete", "checkin", "history"),
                    "propositions"),
    **dict.fromkeys(("log", "finish", "conversations", "edit-conversation", "delete-conversation"), "conversations"),
    **dict.fromkeys(("export", "import"), "exchange"),
    **dict.fromkeys(("backup", "backups", "restore"), "data"),
    "copy-to": "copying",
    "stats": "insights",
    "chart": "chart",
    "calibration": "calibration",
    "writeup": "writeup",
    "crux": "cruxes",
}


def register_all(sub: Subparsers, command: str | None = None) -> None:
    """Register every command, only the module of ``command`` when it is one of ours, or none
    for "" (no command: the desktop app starts, and the first paint waits for every import)."""
    if command == "":
        return
    modules = [COMMANDS[command]] if command in COMMANDS else dict.fromkeys(COMMANDS.values())
    for name in modules:
        importlib.import_module(f"beliefupdate.cli_commands.{name}").register(sub)
