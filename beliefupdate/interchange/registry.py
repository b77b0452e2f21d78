"""The importers, and reading a file to import whatever it is: the format is told from its content.

Each format's module registers its importer when it is imported, and every
module of this package is imported before the registry is first asked, so a
new format is one module with one ``register`` call. The command line's
``import``, its messages and help, and the window's File > Import… (its file
filter included) all ask the registry, so none of them lists formats by hand.
"""

from __future__ import annotations

import csv
import importlib
import io
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import JournalData
from beliefupdate.store.reading import read_file


class Sample:
    """The file being imported, with what sniffers commonly look at worked out once."""

    def __init__(self, path: Path, raw: bytes):
        self.path = path
        self.raw = raw

    @cached_property
    def text(self) -> str | None:
        """The content as text (a byte-order mark dropped), or None when it is not UTF-8."""
        try:
            return self.raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None

    @cached_property
    def csv_header(self) -> tuple[str, ...]:
        """The first CSV record, cells stripped; empty when the text does not read as CSV."""
        if self.text is None:
            return ()
        try:
            first = next(csv.reader(io.StringIO(self.text, newline="")), [])
        except csv.Error:
            return ()
        return tuple(cell.strip() for cell in first)


@dataclass(frozen=True)
class Parsed:
    """What an importer reads from a file: the same validated bundle whatever the format."""

    data: JournalData
    note: str = ""  # what was deliberately left out, for the user
    labels: tuple[str, ...] = ()  # each proposition as the file shows it (a CSV row), for messages


@dataclass(frozen=True)
class Importer:
    name: str  # short and stable: "beliefupdate", "fatebook"
    title: str  # for a file filter: "Fatebook CSV export"
    described: str  # in a sentence: "a Fatebook CSV export"
    patterns: tuple[str, ...]  # file name patterns a file dialog offers: ("*.csv",)
    sniff: Callable[[Sample], bool]  # is this file in my format? Must not raise.
    parse: Callable[[Sample], Parsed]  # raises InvalidInput naming the file and the first problem
    origin: str = ""  # said after "imported ...": "a Fatebook export"; empty for our own format


@dataclass(frozen=True)
class Refusal:
    """A format recognised only to say why it cannot be imported."""

    sniff: Callable[[Sample], bool]
    reason: str  # formatted with {path}


@dataclass(frozen=True)
class ImportFile:
    importer: Importer
    data: JournalData
    note: str = ""
    labels: tuple[str, ...] = ()

    @property
    def format(self) -> str:
        return self.importer.name


_importers: dict[str, Importer] = {}
_refusals: list[Refusal] = []
_loaded = False


def register(importer: Importer) -> Importer:
    """Add (or, under the same name, replace) an importer; formats call this when imported."""
    _importers[importer.name] = importer
    return importer


def unregister(name: str) -> None:
    _importers.pop(name, None)


def refuse(sniff: Callable[[Sample], bool], reason: str) -> None:
    _refusals.append(Refusal(sniff, reason))


def importers() -> list[Importer]:
    _load()
    return list(_importers.values())


def accepted() -> str:
    """The formats in words, for messages and help: "a beliefupdate JSON export or a Fatebook CSV export"."""
    names = [i.described for i in importers()]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def file_filter() -> str:
    """A file dialog's filter: every importable file first, then each format, then all files."""
    every = sorted({p for i in importers() for p in i.patterns})
    parts = [f"Importable files ({' '.join(every)})"]
    parts += [f"{i.title} ({' '.join(i.patterns)})" for i in importers()]
    return ";;".join([*parts, "All files (*)"])


def read_import(path: Path) -> ImportFile:
    sample = Sample(path, read_file(path))
    for importer in importers():
        if importer.sniff(sample):
            parsed = importer.parse(sample)
            return ImportFile(importer, parsed.data, parsed.note, parsed.labels)
    for refusal in _refusals:
        if refusal.sniff(sample):
            raise InvalidInput(refusal.reason.format(path=path))
    if sample.text is None:
        raise InvalidInput(f"{path}: not a text file (not UTF-8)")
    if not sample.text.strip():
        raise InvalidInput(f"{path} is empty")
    raise InvalidInput(f"{path} is not a file beliefupdate can import ({accepted()})")


def _load() -> None:
    """Import every module of the package once, so that each format has registered itself."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    package = __name__.rpartition(".")[0]
    for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
        importlib.import_module(f"{package}.{module.name}")
