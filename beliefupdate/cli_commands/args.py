"""Argument types shared by the subcommands: times and credences parsed as argparse reads them."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from beliefupdate.domain.credence import parse_credence
from beliefupdate.domain.errors import InvalidInput, UserError
from beliefupdate.domain.times import parse_when
from beliefupdate.domain.types import Kind, Resolution

if TYPE_CHECKING:
    from typing import TypeAlias

    # What add_subparsers returns: each command module's register() adds its parsers to it.
    # argparse names the class privately; the alias keeps that name in one place.
    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def when(text: str) -> datetime:
    return parse_when(text)


def credence_or_blank(text: str) -> float | None:
    """A credence, or '-' for a side to be filled in later."""
    if text.strip() == "-":
        return None
    return parse_credence(text)


def kind(text: str) -> Kind:
    try:
        return Kind(text.strip().lower())
    except ValueError:
        raise InvalidInput(f"unknown kind {text!r}; use one of {', '.join(k.value for k in Kind)}") from None


def resolution(text: str) -> Resolution:
    try:
        return Resolution(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"unknown resolution {text!r}; use one of {', '.join(r.value for r in Resolution)}"
        ) from None


def confirm(question: str, yes: bool) -> None:
    """Ask on a terminal; elsewhere demand --yes. Raises UserError when not confirmed."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise UserError(f"{question.rstrip('?')}: not confirmed; pass --yes to do it without asking")
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise UserError("cancelled; nothing was deleted")


def add_at(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--at", metavar="WHEN", help=f"{what} (ISO 8601; local time unless an offset is given; default now)")
