"""Reading a file to import, whatever it is: the format is told from its content.

A beliefupdate JSON export and Fatebook's CSV export are understood; anything
else is refused with a message saying what the file seems to be.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import JournalData
from beliefupdate.interchange import exchange, fatebook
from beliefupdate.interchange.csv_export import ENCODING, LONG_COLUMNS
from beliefupdate.store.reading import read_file



@dataclass(frozen=True)
class ImportFile:
    format: str  # "beliefupdate" or "fatebook"
    data: JournalData
    note: str = ""  # what was deliberately left out, for the user
    labels: tuple[str, ...] = ()  # each proposition as the file shows it (a CSV row), for messages


def read_import(path: Path) -> ImportFile:
    raw = read_file(path)
    try:
        text = raw.decode(ENCODING)
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a text file (not UTF-8)") from None
    start = text.lstrip()[:1]
    if not start:
        raise InvalidInput(f"{path} is empty")
    if start in "{[":
        return ImportFile("beliefupdate", exchange.parse_json(raw, path))
    header = _csv_header(text)
    if fatebook.is_fatebook_header(header):
        try:
            result = fatebook.parse(text)
        except InvalidInput as e:
            raise InvalidInput(f"{path}: {e}") from None
        note = ""
        if result.others_left_out:
            note = f"left out {result.others_left_out} forecasts by people other than {result.owner}"
        return ImportFile("fatebook", result.data, note, tuple(f"{path}: row {n}" for n in result.rows))
    if tuple(header) == LONG_COLUMNS:
        raise InvalidInput(f"{path} is a beliefupdate CSV export, which is for spreadsheets; import a JSON export instead")
    raise InvalidInput(f"{path} is not a file beliefupdate can import (a beliefupdate JSON export or a Fatebook CSV export)")


def _csv_header(text: str) -> list[str]:
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []
    return [cell.strip() for cell in first]
