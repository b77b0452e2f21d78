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
from beliefupdate.store import exchange, fatebook
from beliefupdate.store.csv_export import ENCODING, LONG_COLUMNS

MAX_FILE_BYTES = exchange.MAX_FILE_BYTES


@dataclass(frozen=True)
class ImportFile:
    format: str  # "beliefupdate" or "fatebook"
    data: JournalData
    note: str = ""  # what was deliberately left out, for the user


def read_import(path: Path) -> ImportFile:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read it ({e.strerror})") from None
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder, not a file to import")
    if size > MAX_FILE_BYTES:
        raise InvalidInput(f"{path}: {size / 1e6:.0f} MB is over the 50 MB import limit")
    try:
        text = path.read_bytes().decode(ENCODING)
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a text file (not UTF-8)") from None
    except OSError as e:
        raise InvalidInput(f"{path}: cannot read it ({e.strerror})") from None
    start = text.lstrip()[:1]
    if not start:
        raise InvalidInput(f"{path} is empty")
    if start in "{[":
        return ImportFile("beliefupdate", exchange.read_json(path))
    header = _csv_header(text)
    if fatebook.is_fatebook_header(header):
        try:
            result = fatebook.parse(text)
        except InvalidInput as e:
            raise InvalidInput(f"{path}: {e}") from None
        note = ""
        if result.others_left_out:
            note = f"left out {result.others_left_out} forecasts by people other than {result.owner}"
        return ImportFile("fatebook", result.data, note)
    if tuple(header) == LONG_COLUMNS:
        raise InvalidInput(f"{path} is a beliefupdate CSV export, which is for spreadsheets; import a JSON export instead")
    raise InvalidInput(f"{path} is not a file beliefupdate can import (a beliefupdate JSON export or a Fatebook CSV export)")


def _csv_header(text: str) -> list[str]:
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []
    return [cell.strip() for cell in first]
