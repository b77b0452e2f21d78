"""CSV exports for spreadsheets, in two shapes.

``long``: one row per credence (proposition, tags, conversation, person, kind,
phase, probability, recorded_at, note). ``wide``: one row per day, one column
per proposition, holding the credence that stood at the end of that day.

Text cells a spreadsheet would run as a formula (those beginning with ``=``,
``+``, ``-``, ``@``, tab, CR or LF) get a leading apostrophe, as OWASP advises;
so does text that already begins with one, so that :func:`unneutralise` gives
back exactly what was written. Numbers are written as plain numbers. Times are
UTC as ``YYYY-MM-DD HH:MM:SS`` (spreadsheets read that as a date-time); the
wide shape's days are local days. Files are UTF-8 with a byte-order mark (so
that Excel reads accents and emoji), comma-separated, CRLF line ends.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

from beliefupdate.domain.text import text_key
from beliefupdate.domain.types import PHASE_RANK, Credence, JournalData, Proposition
from beliefupdate.interchange.registry import refuse
from beliefupdate.store.atomic import atomic_text

SHAPES = ("long", "wide")
LONG_COLUMNS = ("proposition", "tags", "conversation", "person", "kind", "phase", "probability", "recorded_at", "note")
ENCODING = "utf-8-sig"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "'")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def format_time(t: datetime) -> str:
    t = t.astimezone(UTC)
    return t.strftime("%Y-%m-%d %H:%M:%S.%f" if t.microsecond else "%Y-%m-%d %H:%M:%S")


def format_probability(p: float) -> str:
    return repr(float(p))


def long_rows(data: JournalData) -> list[list[str]]:
    props = {p.id: p for p in data.propositions}
    convs = {c.id: c for c in data.conversations}
    rows = [list(LONG_COLUMNS)]
    for c in _in_time_order(data):
        p = props[c.proposition_id]
        conv = convs.get(c.conversation_id) if c.conversation_id else None
        rows.append(
            [
                neutralise(p.text),
                neutralise(" ".join(p.tags)),
                neutralise(conv.title) if conv else "",
                neutralise(conv.person_name or "") if conv else "",
                conv.kind.value if conv else "",
                c.phase.value,
                format_probability(c.probability),
                format_time(c.recorded_at),
                neutralise(c.note),
            ]
        )
    return rows


def wide_rows(data: JournalData, tz: tzinfo | None = None) -> list[list[str]]:
    """Days from the first credence to the last, in ``tz`` (default: local time)."""
    props = list(data.propositions)
    rows = [["date", *(neutralise(label) for label in _column_labels(props))]]
    credences = _in_time_order(data)
    if not credences:
        return rows
    column = {p.id: i for i, p in enumerate(props)}
    by_day: dict[date, list[Credence]] = {}
    for c in credences:
        by_day.setdefault(c.recorded_at.astimezone(tz).date(), []).append(c)
    standing: list[str] = [""] * len(props)
    day, last = min(by_day), max(by_day)
    while day <= last:
        for c in by_day.get(day, ()):
            standing[column[c.proposition_id]] = format_probability(c.probability)
        rows.append([day.isoformat(), *standing])
        day += timedelta(days=1)
    return rows


def write_csv(data: JournalData, path: Path, shape: str = "long") -> int:
    """Write one of the shapes atomically; returns the number of data rows."""
    if shape not in SHAPES:
        raise ValueError(f"unknown CSV shape {shape!r}")
    rows = long_rows(data) if shape == "long" else wide_rows(data)
    with atomic_text(path, encoding=ENCODING, newline="") as f:
        csv.writer(f).writerows(rows)
    return len(rows) - 1


def _in_time_order(data: JournalData) -> list[Credence]:
    return sorted(data.credences, key=lambda c: (c.recorded_at, PHASE_RANK[c.phase], c.id))


def _column_labels(props: Sequence[Proposition]) -> list[str]:
    """Proposition texts; texts shared by two propositions (one archived) get their numbers."""
    counts: dict[str, int] = {}
    for p in props:
        counts[text_key(p.text)] = counts.get(text_key(p.text), 0) + 1
    return [p.text if counts[text_key(p.text)] == 1 else f"{p.text} (#{p.handle})" for p in props]


refuse(
    lambda sample: sample.csv_header == LONG_COLUMNS,
    "{path} is a beliefupdate CSV export, which is for spreadsheets; import a JSON export instead",
)
