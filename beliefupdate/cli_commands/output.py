"""Printing for the command line: aligned text for people, versioned JSON for programs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence, Set
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TextIO, cast

from beliefupdate.cli_commands.terminal import terminal_text
from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.times import format_local, to_iso
from beliefupdate.domain.types import Conversation, Proposition, PropositionSummary
from beliefupdate.interchange.json_records import record

JSON_VERSION = 1


class _TerminalWriter:
    """A text stream that shows control characters instead of sending them."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(terminal_text(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def terminal_stdout() -> Iterator[None]:
    """Everything printed meanwhile is made safe for a terminal, except --json output."""
    original = sys.stdout
    # A stand-in, not a TextIO subclass: whatever it does not rewrite (encoding, isatty,
    # flush...) is the real stream's, through __getattr__.
    sys.stdout = cast(TextIO, _TerminalWriter(original))
    try:
        yield
    finally:
        sys.stdout = original


def emit_json(kind: str, payload: dict[str, Any]) -> None:
    # Exact: JSON escapes control characters itself, and programs read it, not terminals.
    stream = sys.stdout.stream if isinstance(sys.stdout, _TerminalWriter) else sys.stdout
    doc = {"format": f"beliefupdate-{kind}", "version": JSON_VERSION, **payload}
    stream.write(_one_record_per_line(doc))
    stream.write("\n")


def _one_record_per_line(doc: dict[str, Any]) -> str:
    """``doc`` as JSON with each record of a top-level list on a line of its own.

    Readable with grep and a pager, and several times faster than indent=2: json.dumps
    without indentation runs the C encoder, json.dump and any indent the Python one.
    """
    fields = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            body = "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in value) + "\n]"
        else:
            body = json.dumps(value, ensure_ascii=False)
        fields.append(f"{json.dumps(key, ensure_ascii=False)}: {body}")
    return "{" + ", ".join(fields) + "}"


def proposition_json(p: Proposition) -> dict[str, Any]:
    return {"handle": p.handle, **record(p)}


def summary_json(s: PropositionSummary) -> dict[str, Any]:
    return {
        **proposition_json(s.proposition),
        "current": s.current,
        "previous": s.previous,
        "change": s.change,
        "current_at": to_iso(s.current_at) if s.current_at else None,
        "credence_count": s.credence_count,
        "last_change": s.last_change,
        "last_change_from": s.moved_from,
        "last_change_at": to_iso(s.moved_at) if s.moved_at else None,
    }


def conversation_json(c: Conversation) -> dict[str, Any]:
    return {"handle": c.handle, "person": c.person_name, **record(c)}


credence_json = record


def pct(p: float | None) -> str:
    return "—" if p is None else format_credence(p)


def change(d: float | None) -> str:
    return "" if d is None else format_change(d)


def when(t: datetime | None) -> str:
    return "" if t is None else format_local(t)


def table(rows: list[list[str]], headers: list[str], right: Set[int] = frozenset()) -> None:
    """Print aligned columns; the last column is left free to run long."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    def fmt(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            if i == len(cells) - 1:
                out.append(cell)
            elif i in right:
                out.append(cell.rjust(widths[i]))
            else:
                out.append(cell.ljust(widths[i]))
        return "  ".join(out).rstrip()
    print(fmt(headers))
    for r in rows:
        print(fmt(r))


def note(line: str) -> None:
    """Something done although unusual, which the person should know of: one line on stderr,
    so that the output of the command stays what it always is."""
    print(f"beliefupdate: note: {terminal_text(' '.join(line.split()))}", file=sys.stderr)
