"""What the window last showed of a journal file, kept so that the next start can paint it at once.

Opening a journal means loading the database library, checking the file and reading
every proposition: most of a second on a large journal. The window instead paints
the list and the newest conversations from this snapshot, with no database code
loaded, then opens the journal and reads it all again (see MainWindow): whatever
changed since is shown from the journal itself, so a stale snapshot is never left
on screen once the journal is open. The snapshot is therefore only ever a faster
first picture, never a source of truth; a missing, damaged or foreign one is ignored.

Only journal files get one: a server's journal is shared with other devices and may
ask for a password first. Snapshots live in the user's cache folder, private (0600),
one per journal file, named by a hash of its path. This module loads neither Qt nor
the store.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

from beliefupdate.domain.errors import UserError
from beliefupdate.domain.types import (
    MAX_HANDLE,
    MAX_NAME,
    MAX_TAG,
    MAX_TEXT,
    TREND_LENGTH,
    Conversation,
    ConversationOverview,
    HistoryEntry,
    JournalData,
    Kind,
    Proposition,
    PropositionSummary,
    Resolution,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from beliefupdate.store.location import Location

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
R = TypeVar("R", bound="DataclassInstance")
Check = Callable[[object], T]  # turns one JSON value into a field's value, or raises Damaged

FORMAT = 1
# The newest conversations the timeline shows first: a screenful and more. The whole
# timeline of a years-long journal is read after the first paint, as without a snapshot.
TIMELINE_ROWS = 200
DISABLE_ENV = "BELIEFUPDATE_NO_SNAPSHOT"
# The most a snapshot file may hold. At 10,000 propositions one is a few megabytes; a journal
# whose snapshot would be larger starts as without one, and anything larger found is not read.
LIMIT = 16 * 1024 * 1024
MAX_TAGS = 1000  # on one proposition


@dataclass(frozen=True)
class Snapshot:
    spec: str  # the journal file it was taken of (Location.reopen_spec)
    summaries: list[PropositionSummary]
    timeline: list[ConversationOverview]  # the newest TIMELINE_ROWS, newest first


def folder() -> Path:
    from beliefupdate.store.location import cache_folder

    return cache_folder() / "snapshots"


def path_for(spec: str) -> Path:
    # A file name that is not UTF-8 comes with its bytes escaped (PEP 383): hashed as those bytes.
    name = hashlib.sha256(spec.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return folder() / f"{name}.json"


# -- records to JSON and back -------------------------------------------------
# Each record is written as the list of its fields' values in declaration order; the
# converters below turn the JSON values of the fields that are not plain JSON back.


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat()


# What a converter is handed is the value of one field, whose type differs from field to field.
Encode = Callable[[Any], object]


def _encoder(cls: type[DataclassInstance], convert: Mapping[str, Encode]) -> Callable[[object], list[object]]:
    """Writes a record as the list of its fields' values; ``convert`` turns the fields that are not plain JSON."""
    names = [f.name for f in fields(cls)]
    plain = [(i, n) for i, n in enumerate(names) if n not in convert]
    special = [(i, n, convert[n]) for i, n in enumerate(names) if n in convert]

    def encode(record: object) -> list[object]:
        values: list[object] = [None] * len(names)
        for i, name in plain:
            values[i] = getattr(record, name)
        for i, name, fn in special:
            values[i] = fn(getattr(record, name))
        return values

    return encode


_ENCODERS: dict[type[object], Callable[[object], list[object]]] = {}
_ENCODERS[Proposition] = _encoder(Proposition, {"tags": list, "created_at": _iso, "resolution": lambda r: r.value,
                                                "resolved_at": _iso})
_ENCODERS[PropositionSummary] = _encoder(PropositionSummary, {"proposition": _ENCODERS[Proposition],
                                                              "current_at": _iso, "recent": list, "moved_at": _iso})
_ENCODERS[Conversation] = _encoder(Conversation, {"kind": lambda k: k.value, "occurred_at": _iso})
_ENCODERS[ConversationOverview] = _encoder(ConversationOverview, {"conversation": _ENCODERS[Conversation]})


# A snapshot is read back as untrusted: anything may have written the cache folder. Every
# field is checked for its type and range (a text that is a number, a credence that is a
# string once crashed the first paint), and any doubt about one value drops the whole
# snapshot. Texts are bounded as the journal bounds them; the file's size bounds the rest.


class Damaged(ValueError):
    """A snapshot that is not exactly what this version writes."""


def _text(most: int, least: int = 0) -> Check[str]:
    def check(v: object) -> str:
        if type(v) is not str or not least <= len(v) <= most:
            raise Damaged("a text of the wrong type or length")
        v.encode("utf-8")  # a lone surrogate (JSON lets "\ud800" through) raises UnicodeEncodeError
        return v
    return check


def _whole(least: int, most: int) -> Check[int]:
    def check(v: object) -> int:
        if type(v) is not int or not least <= v <= most:
            raise Damaged("a count of the wrong type or range")
        return v
    return check


def _number(least: float, most: float) -> Check[float]:
    def check(v: object) -> float:
        # type(), not isinstance: a bool is an int to isinstance, and no number here is a flag.
        if type(v) not in (int, float) or not least <= cast(float, v) <= most:  # NaN fails both comparisons
            raise Damaged("a number of the wrong type or range")
        return float(cast(float, v))
    return check


def _flag(v: object) -> bool:
    if type(v) is not bool:
        raise Damaged("a flag that is not true or false")
    return v


def _choice(enum_type: type[E]) -> Check[E]:
    def check(v: object) -> E:
        if type(v) is not str:
            raise Damaged(f"a {enum_type.__name__} that is not a name")
        return enum_type(v)  # ValueError when it names none
    return check


def _when(v: object) -> datetime:
    if type(v) is not str or len(v) > 40:
        raise Damaged("a time that is not an ISO text")
    when = datetime.fromisoformat(v)
    # Years this far from now would overflow on the way to local time, in any zone.
    if when.tzinfo is None or when.utcoffset() is None or not 1000 <= when.year <= 9000:
        raise Damaged("a time without its zone, or out of range")
    return when.astimezone(UTC)


def _maybe(check: Check[T]) -> Check[T | None]:
    return lambda v: None if v is None else check(v)


def _several(check: Check[T], most: int) -> Check[tuple[T, ...]]:
    def several(v: object) -> tuple[T, ...]:
        if type(v) is not list or len(v) > most:
            raise Damaged("a list of the wrong type or length")
        return tuple(check(x) for x in v)
    return several


def _decoder(cls: type[R], checks: Mapping[str, Check[object]]) -> Check[R]:
    """Reads a record back from the list of its fields' values, each through its check; a field
    without one is a KeyError here, at import, rather than a value let through unchecked."""
    named = [(f.name, checks[f.name]) for f in fields(cls)]
    make: Callable[..., R] = cls  # each field's value has been through its check, which knows its type

    def decode(values: object) -> R:
        if type(values) is not list or len(values) != len(named):
            raise Damaged(f"{cls.__name__}: not a list of its {len(named)} fields")
        return make(**{name: check(value) for (name, check), value in zip(named, values, strict=True)})

    return decode


_ID = _text(100, 1)
_HANDLE = _whole(1, MAX_HANDLE)
_COUNT = _whole(0, 2**62)
_VERSION = _whole(1, 2**62)
_PROBABILITY = _number(0.0, 1.0)
_PROSE = _text(LIMIT)  # notes, a Pre, a Post: bounded by the file

_proposition = _decoder(Proposition, {
    "id": _ID, "handle": _HANDLE, "text": _text(MAX_TEXT, 1), "notes": _PROSE,
    "tags": _several(_text(MAX_TAG, 1), MAX_TAGS), "created_at": _when, "archived": _flag,
    "resolution": _choice(Resolution), "resolved_at": _maybe(_when), "version": _VERSION})
_summary = _decoder(PropositionSummary, {
    "proposition": _proposition, "current": _maybe(_PROBABILITY), "previous": _maybe(_PROBABILITY),
    "current_at": _maybe(_when), "credence_count": _COUNT, "recent": _several(_PROBABILITY, TREND_LENGTH),
    "moved_from": _maybe(_PROBABILITY), "moved_at": _maybe(_when)})
_conversation = _decoder(Conversation, {
    "id": _ID, "handle": _HANDLE, "title": _text(MAX_TEXT), "person_id": _maybe(_ID), "kind": _choice(Kind),
    "occurred_at": _when, "notes": _PROSE, "pre": _PROSE, "post": _PROSE, "person_name": _maybe(_text(MAX_NAME)),
    "version": _VERSION})
_overview_fields = _decoder(ConversationOverview, {
    "conversation": _conversation, "propositions": _COUNT, "moved": _COUNT,
    "total_movement": _number(0.0, 2.0**62), "awaiting": _COUNT})


def _overview(values: object) -> ConversationOverview:
    o = _overview_fields(values)
    # Each of its propositions moved by at most 1, and only those counted can have moved or wait.
    if o.moved > o.propositions or o.awaiting > o.propositions or o.total_movement > o.propositions:
        raise Damaged("a conversation's counts that cannot be")
    return o


def _unique(records: list[T], key: Callable[[T], str]) -> list[T]:
    if len({key(r) for r in records}) != len(records):
        raise Damaged("one record twice")
    return records


def encode_records(records: Sequence[object]) -> list[list[object]]:
    if not records:
        return []
    encode = _ENCODERS[type(records[0])]
    return [encode(r) for r in records]


def decode_summaries(rows: object) -> list[PropositionSummary]:
    if type(rows) is not list:
        raise Damaged("propositions that are not a list")
    return _unique([_summary(r) for r in rows], lambda s: s.proposition.id)


def decode_timeline(rows: object) -> list[ConversationOverview]:
    if type(rows) is not list or len(rows) > TIMELINE_ROWS:
        raise Damaged("a timeline that is not a list of the newest conversations")
    return _unique([_overview(r) for r in rows], lambda o: o.conversation.id)


# -- files ----------------------------------------------------------------------


def write(spec: str, summaries: Sequence[PropositionSummary], timeline: Sequence[ConversationOverview]) -> None:
    """Keep what the window shows of the journal file ``spec`` for its next start."""
    from beliefupdate.store.atomic import atomic_text

    target = path_for(spec)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = {"format": FORMAT, "spec": spec, "propositions": encode_records(summaries),
            "timeline": encode_records(timeline[:TIMELINE_ROWS])}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # one shot: the C encoder
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:  # the name of a journal file that is not UTF-8: it cannot be written down
        size = LIMIT + 1
    if size > LIMIT:
        forget(spec)  # the next start would refuse it: it opens the journal as a first start does
        return
    with atomic_text(target) as f:
        f.write(text)


def read(spec: str) -> Snapshot | None:
    """The snapshot of the journal file ``spec``, or None when there is none to trust for a first
    picture: none written yet, the journal file gone, or one this version does not read exactly as
    it writes them. A snapshot that is there but not to be trusted is removed."""
    from beliefupdate.store.cache_file import discard, load_json

    if os.environ.get(DISABLE_ENV) == "1" or not Path(spec).is_file():
        return None
    path = path_for(spec)
    data = load_json(path, LIMIT)
    if data is None:
        return None
    try:
        if type(data) is not dict or set(data) != {"format", "spec", "propositions", "timeline"} \
                or data["format"] != FORMAT or data["spec"] != spec:
            raise Damaged("not a snapshot of this journal in this version's format")
        return Snapshot(spec, decode_summaries(data["propositions"]), decode_timeline(data["timeline"]))
    except (ValueError, TypeError, OverflowError):  # Damaged, an unknown Resolution or Kind, a malformed time
        discard(path)
        return None


def forget(spec: str) -> None:
    from beliefupdate.store.cache_file import discard

    discard(path_for(spec))


class StillOpening(UserError):
    """Asked of the journal between the first paint and the moment it is open."""


class SnapshotJournal:
    """Stands in for the journal from the first paint until the journal itself is open.

    It answers what the first paint reads (the list and the newest conversations) from the
    snapshot, as ui.reader.WindowReader lists it; every other read raises StillOpening, a user
    error, so that a read on its way when the journal arrives is dropped quietly. It has no
    writes: the session refuses those with StillOpening before they reach it.
    """

    def __init__(self, location: Location, snapshot: Snapshot):
        self._location = location
        self._snapshot = snapshot

    @property
    def location(self) -> Location:
        return self._location

    def summaries(self, *, include_archived: bool = False, trend: bool = True,
                  ids: Sequence[str] | None = None) -> list[PropositionSummary]:
        rows: Iterable[PropositionSummary] = self._snapshot.summaries
        if ids is not None:
            wanted = set(ids)
            rows = (s for s in rows if s.proposition.id in wanted)  # an id not in the snapshot is left out
        if not include_archived:
            rows = (s for s in rows if not s.proposition.archived)
        # As the journal's: without the trend, no summary carries its recent credences.
        return list(rows) if trend else [replace(s, recent=()) for s in rows]

    def conversation_overviews(self, ids: Sequence[str] | None = None) -> list[ConversationOverview]:
        if ids is None:
            return list(self._snapshot.timeline)
        wanted = set(ids)
        return [o for o in self._snapshot.timeline if o.conversation.id in wanted]

    # What the snapshot does not hold: a proposition's credences and cruxes are the journal's to read.

    def proposition(self, proposition_id: str) -> Proposition:
        _still_opening()

    def proposition_ids(self) -> list[str]:
        _still_opening()

    def history(self, proposition_id: str) -> list[HistoryEntry]:
        _still_opening()

    def histories(self, proposition_ids: Sequence[str]) -> list[tuple[Proposition, list[HistoryEntry]]]:
        _still_opening()

    def cruxes(self, proposition_ids: Sequence[str] | None = None) -> JournalData:
        _still_opening()

    def close(self) -> None:
        pass


def _still_opening() -> NoReturn:
    raise StillOpening("the journal is still opening; try again in a moment")
