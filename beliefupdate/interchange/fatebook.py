"""Reading Fatebook's CSV export of all your forecasts.

Each question becomes a proposition, keeping its resolution, tags and notes;
each forecast becomes a check-in credence at the time it was made. Multiple-
choice questions give one proposition per option. Shared questions also carry
other people's forecasts: only the exporting user's are imported (the person
with the most forecasts in the file), since a credence here is always yours.

Ids are derived from the question and forecast, so importing the same export
again (or a later one) adds only what is new. Any invalid row refuses the whole
file, naming the row (as a spreadsheet numbers it, the header being row 1) and
the column.
"""

from __future__ import annotations

import csv
import io
import math
import re
import uuid
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from beliefupdate.domain.errors import InvalidInput, UserError
from beliefupdate.domain.text import clean_tags, text_key
from beliefupdate.domain.times import checked_time
from beliefupdate.domain.types import MAX_TEXT, Credence, JournalData, Phase, Proposition, Resolution
from beliefupdate.interchange.registry import Importer, Parsed, Sample, register

TITLE = "Question title"
OPTION = "Multiple choice option"
FORECASTER = "Forecast created by"
FORECAST = "Forecast (scale = 0-1)"
FORECAST_AT = "Forecast created at"
CREATOR = "Question created by"
CREATED_AT = "Question created at"
RESOLVE_BY = "Question resolve by"
RESOLUTION = ("Resolution", "Question resolution")  # the second in older exports
RESOLVED_AT = ("Resolved at", "Question resolved at")
NOTES = "Question notes"
COMMENTS = "Question comments"
TAGS = "Question tags"
REQUIRED = (TITLE, FORECAST, FORECAST_AT, CREATED_AT)

_NAMESPACE = uuid.UUID("8f0b8a52-6d3c-4d55-9a8e-4f1f6c0f6b1e")
_RESOLUTIONS = {"": Resolution.OPEN, "yes": Resolution.TRUE, "no": Resolution.FALSE, "ambiguous": Resolution.AMBIGUOUS}
# Fatebook writes its server's (UTC) wall time as "2024-03-05 14:07:5": seconds unpadded.
_TIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d*)?)?$")


@dataclass(frozen=True)
class FatebookImport:
    data: JournalData
    owner: str | None  # whose forecasts were imported
    others_left_out: int  # forecasts by other people on shared questions
    rows: tuple[int, ...] = ()  # for each proposition, the CSV row it was first read from


# A data row: its number as a spreadsheet shows it, and its cells by column name.
_Row = tuple[int, dict[str, str]]
# A question (or one option of a multiple-choice question): title, option, created at.
_Key = tuple[str, str, str]


def is_fatebook_header(header: Collection[str]) -> bool:
    return TITLE in header and FORECAST in header


def parse(text: str) -> FatebookImport:
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as e:
        raise InvalidInput(f"malformed CSV: {e}") from None
    if not records:
        raise InvalidInput("the file is empty")
    header = [h.strip() for h in records[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InvalidInput(f"not a Fatebook export: column {missing[0]!r} is missing")
    rows: list[_Row] = []
    for n, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            raise InvalidInput(f"row {n} has {len(record)} fields; the header has {len(header)}")
        rows.append((n, dict(zip(header, record, strict=True))))
    owner = _owner(rows)
    return _Reader(owner).read(rows)


def _owner(rows: Sequence[_Row]) -> str | None:
    forecasters = Counter(r.get(FORECASTER, "").strip() for _, r in rows)
    forecasters.pop("", None)
    if not forecasters:
        return None
    creators = Counter(r.get(CREATOR, "").strip() for _, r in rows)
    return max(forecasters, key=lambda name: (forecasters[name], creators[name]))


class _Reader:
    def __init__(self, owner: str | None):
        self.owner = owner
        self.props: dict[_Key, Proposition] = {}
        self.texts: dict[str, _Key] = {}
        self.credences: dict[str, Credence] = {}
        self.rows: dict[_Key, int] = {}
        self.others = 0

    def read(self, rows: Sequence[_Row]) -> FatebookImport:
        for n, row in rows:
            try:
                self._row(n, row)
            except UserError as e:
                raise InvalidInput(f"row {n}, {e}") from None
        data = JournalData(propositions=tuple(self.props.values()), credences=tuple(self.credences.values()))
        return FatebookImport(data, self.owner, self.others, tuple(self.rows[key] for key in self.props))

    def _row(self, n: int, row: dict[str, str]) -> None:
        key = (row[TITLE].strip(), row.get(OPTION, "").strip(), row[CREATED_AT].strip())
        if key not in self.props:
            self.rows[key] = n
        prop = self.props.get(key) or self._proposition(key, row)
        forecaster = row.get(FORECASTER, "").strip()
        if self.owner is not None and forecaster != self.owner:
            self.others += 1
            return
        probability = _probability(row[FORECAST])
        at = _time(row, FORECAST_AT)
        cid = str(uuid.uuid5(_NAMESPACE, "\x1f".join(("forecast", *key, forecaster, row[FORECAST_AT].strip(), repr(probability)))))
        self.credences.setdefault(cid, Credence(cid, prop.id, None, Phase.CHECK_IN, probability, at))

    def _proposition(self, key: _Key, row: dict[str, str]) -> Proposition:
        title, option, _created = key
        if not title:
            raise InvalidInput(f"field {TITLE!r} is empty")
        text = f"{title}: {option}" if option else title
        created_at = _time(row, CREATED_AT)
        if text_key(text) in self.texts:  # Fatebook allows the same title twice; a journal does not
            text = self._unique(f"{text} ({created_at.date().isoformat()}", ")")
        if len(text) > MAX_TEXT:
            raise InvalidInput(f"field {TITLE!r} is {len(text)} characters; a proposition holds at most {MAX_TEXT}")
        resolution = _resolution(row)
        resolved_text = _first(row, RESOLVED_AT)
        resolved_at = _time(row, _field_name(row, RESOLVED_AT)) if resolved_text and resolution is not Resolution.OPEN else None
        try:
            tags = clean_tags(re.split(r"[;,]", row.get(TAGS, "")))
        except InvalidInput as e:
            raise InvalidInput(f"field {TAGS!r}: {e}") from None
        pid = str(uuid.uuid5(_NAMESPACE, "\x1f".join(("question", *key))))
        prop = Proposition(
            id=pid, handle=0, text=text, notes=_notes(row), tags=tags, created_at=created_at,
            resolution=resolution, resolved_at=resolved_at,
        )
        self.props[key] = prop
        self.texts[text_key(text)] = key
        return prop


    def _unique(self, start: str, end: str) -> str:
        text, n = start + end, 2
        while text_key(text) in self.texts:
            text, n = f"{start}, {n}{end}", n + 1
        return text


def _notes(row: dict[str, str]) -> str:
    parts = [row.get(NOTES, "").strip()]
    if row.get(RESOLVE_BY, "").strip():
        parts.append(f"Resolve by {row[RESOLVE_BY].strip()} (from Fatebook)")
    if row.get(COMMENTS, "").strip():
        parts.append(f"Comments: {row[COMMENTS].strip()}")
    return "\n".join(p for p in parts if p)


def _first(row: dict[str, str], names: tuple[str, ...]) -> str:
    return row.get(_field_name(row, names), "").strip()


def _field_name(row: dict[str, str], names: tuple[str, ...]) -> str:
    return next((n for n in names if n in row), names[0])


def _resolution(row: dict[str, str]) -> Resolution:
    value = _first(row, RESOLUTION)
    try:
        return _RESOLUTIONS[value.lower()]
    except KeyError:
        raise InvalidInput(
            f"field {_field_name(row, RESOLUTION)!r} is {value!r}; expected YES, NO, AMBIGUOUS or empty"
        ) from None


def _probability(value: str) -> float:
    text = value.strip()
    if not text:
        raise InvalidInput(f"missing required field {FORECAST!r}")
    try:
        p = float(text)
    except ValueError:
        raise InvalidInput(f"field {FORECAST!r} is {text!r}, not a number") from None
    if not (math.isfinite(p) and 0 <= p <= 1):
        raise InvalidInput(f"field {FORECAST!r} is {text}; it must be between 0 and 1")
    return p


def _time(row: dict[str, str], name: str) -> datetime:
    text = row.get(name, "").strip()
    if not text:
        raise InvalidInput(f"missing required field {name!r}")
    m = _TIME.match(text)
    try:
        if m:
            y, mo, d, h, mi, s, frac = m.groups()
            t = datetime(
                int(y), int(mo), int(d), int(h), int(mi), int(s or 0), int((frac or "0").ljust(6, "0")),
                tzinfo=UTC,
            )
        else:
            t = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"field {name!r} is {text!r}, not a time") from None
    try:
        return checked_time(t.replace(tzinfo=UTC) if t.tzinfo is None else t, text)
    except InvalidInput as e:
        raise InvalidInput(f"field {name!r}: {e}") from None


def _parse(sample: Sample) -> Parsed:
    try:
        result = parse(sample.text or "")
    except InvalidInput as e:
        raise InvalidInput(f"{sample.path}: {e}") from None
    note = ""
    if result.others_left_out:
        note = f"left out {result.others_left_out} forecasts by people other than {result.owner}"
    return Parsed(result.data, note, tuple(f"{sample.path}: row {n}" for n in result.rows))


register(
    Importer(
        name="fatebook",
        title="Fatebook CSV export",
        described="a Fatebook CSV export",
        patterns=("*.csv",),
        sniff=lambda sample: is_fatebook_header(sample.csv_header),
        parse=_parse,
        origin="a Fatebook export",
    )
)
