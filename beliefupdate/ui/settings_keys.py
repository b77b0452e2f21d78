"""Every piece of window state kept between runs, declared once: its name in the file, its kind, its default.

UiSettings reads and writes only these (``get(key)``, ``put(key, value)``), each through
the defensive reader of its kind, so a key cannot be misspelled in one place, read with
another type than it was written with, or given a different default where it is read.
Some states come one per thing (a splitter, a table's columns): a ``Family`` names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray

T = TypeVar("T")


class Kind(Enum):
    TEXT = "text"  # a bounded string; empty or unreadable reads as the default
    FLAG = "flag"
    STRINGS = "strings"  # a bounded list of non-empty strings
    STATE = "state"  # bytes Qt saved (saveState/saveGeometry), kept with a checksum; None when absent


@dataclass(frozen=True)
class Key(Generic[T]):
    name: str
    kind: Kind
    default: T = field(hash=False)  # a list's default is a list: the name is what a key is known by


@dataclass(frozen=True)
class Family(Generic[T]):
    """Keys made from a prefix and a member's name: ``splitters/main``, ``headers/history``."""

    prefix: str
    kind: Kind
    default: T

    def __getitem__(self, member: str) -> Key[T]:
        # The members are the things' own names (a splitter's objectName, a table's key), kept where the things are.
        if not member or "/" in member:
            raise KeyError(member)
        return Key(f"{self.prefix}/{member}", self.kind, self.default)


def text(name: str, default: str = "") -> Key[str]:
    return Key(name, Kind.TEXT, default)


def flag(name: str, default: bool = False) -> Key[bool]:
    return Key(name, Kind.FLAG, default)


def strings(name: str) -> Key[list[str]]:
    return Key(name, Kind.STRINGS, [])


def state(name: str) -> Key[QByteArray | None]:
    return Key(name, Kind.STATE, None)


THEME = text("view/theme", "system")

FILTER_SHOW_ARCHIVED = flag("filter/show_archived")
FILTER_TAG = text("filter/tag")

CHART_LOG_ODDS = flag("chart/log_odds")
CHART_RANGE = text("chart/range")  # a preset's name: a custom range belongs to that day's work
CHART_IMPLIED = flag("chart/implied")
# The chart's view_options() by name, and the key each is kept under: the switches and the texts
# apart, so that each is read and written as what it is.
CHART_SWITCHES: dict[str, Key[bool]] = {"log_odds": CHART_LOG_ODDS, "implied": CHART_IMPLIED}
CHART_TEXTS: dict[str, Key[str]] = {"range": CHART_RANGE}

# What was selected, and in which journal: restored only when that journal opens again.
SELECTION_JOURNAL = text("selection/journal")
SELECTION_PROPOSITIONS = strings("selection/propositions")
SELECTION_CONVERSATION = text("selection/conversation")

WINDOW_GEOMETRY = state("window/geometry")
WINDOW_STATE = state("window/state")
SPLITTERS: Family[QByteArray | None] = Family("splitters", Kind.STATE, None)
HEADERS: Family[QByteArray | None] = Family("headers", Kind.STATE, None)  # a table's columns

RECENT_JOURNALS = strings("recent/journals")
LAST_FOLDER = text("paths/last_folder")  # where the last file dialog was: the next one starts there

INSIGHTS_TAB = text("insights/tab")
INSIGHTS_HEADERS: Family[QByteArray | None] = Family("insights/headers", Kind.STATE, None)


def declared() -> tuple[list[Key[Any]], list[Family[Any]]]:
    """The keys and the families declared here."""
    values = list(globals().values())
    return [v for v in values if isinstance(v, Key)], [v for v in values if isinstance(v, Family)]
