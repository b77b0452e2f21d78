"""The JSON export format (version 1): writing it, and reading it back strictly.

Reading checks every record and names the first problem (record and field);
nothing is imported from a file that has one.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.text import check_encodable, check_prose, clean_name, clean_tags
from beliefupdate.domain.times import checked_time
from beliefupdate.domain.types import (
    MAX_HANDLE,
    MAX_TEXT,
    Conversation,
    Credence,
    CruxCredence,
    CruxLink,
    JournalData,
    Kind,
    Person,
    Phase,
    Proposition,
    Resolution,
)
from beliefupdate.interchange.json_records import record
from beliefupdate.interchange.registry import Importer, Parsed, Sample, register
from beliefupdate.store.atomic import atomic_text
from beliefupdate.store.reading import read_file

FORMAT = "beliefupdate"
VERSION = 1


def to_dict(data: JournalData) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "propositions": [record(p) for p in data.propositions],
        "people": [record(p) for p in data.people],
        "conversations": [record(c) for c in data.conversations],
        "credences": [record(c) for c in data.credences],
        "crux_links": [record(k) for k in data.crux_links],
        "crux_credences": [record(c) for c in data.crux_credences],
    }


def write_json(data: JournalData, path: Path) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    with atomic_text(path) as f:
        json.dump(to_dict(data), f, ensure_ascii=False, indent=2)
        f.write("\n")


def read_json(path: Path) -> JournalData:
    return parse_json(read_file(path), path)


def parse_json(raw: bytes, path: Path) -> JournalData:
    try:
        # A byte order mark, which some Windows editors write, is not part of the JSON.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path}: not a text file (not UTF-8)") from None
    try:
        # NaN and Infinity are read as numbers so that the record check can
        # name the record and field that holds one.
        obj = json.loads(text, parse_int=_int)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"{path}: malformed JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except InvalidInput as e:
        raise InvalidInput(f"{path}: {e}") from None
    except ValueError as e:
        raise InvalidInput(f"{path}: {e}") from None
    except RecursionError:
        raise InvalidInput(f"{path}: JSON nested too deeply to be an export") from None
    return from_dict(obj)


def _int(digits: str) -> int:
    # Python refuses to read an integer of more than 4300 digits, in words about
    # its own settings; no number in an export has more than a few.
    if len(digits) > 30:
        raise InvalidInput(f"a number of {len(digits.lstrip('-'))} digits is too long to be in an export")
    return int(digits)


def from_dict(obj: Any) -> JournalData:
    if not isinstance(obj, dict):
        raise InvalidInput("not a beliefupdate export: the top level is not a JSON object")
    if obj.get("format") != FORMAT:
        raise InvalidInput(f"not a beliefupdate export: format is {obj.get('format')!r}")
    if type(obj.get("version")) is not int or obj["version"] != VERSION:  # not True, 1.0 or "1"
        raise InvalidInput(
            f"export version {obj.get('version')!r} is not supported (this beliefupdate reads version {VERSION})"
        )
    r = _Reader()
    props = tuple(r.proposition(i, x) for i, x in enumerate(r.array(obj, "propositions")))
    people = tuple(r.person(i, x) for i, x in enumerate(r.array(obj, "people")))
    convs = tuple(r.conversation(i, x) for i, x in enumerate(r.array(obj, "conversations")))
    creds = tuple(r.credence(i, x) for i, x in enumerate(r.array(obj, "credences")))
    _check_ids("propositions", props)
    _check_ids("people", people)
    _check_ids("conversations", convs)
    links = tuple(r.crux_link(i, x) for i, x in enumerate(r.array(obj, "crux_links")))
    conditionals = tuple(r.crux_credence(i, x) for i, x in enumerate(r.array(obj, "crux_credences")))
    _check_ids("credences", creds)
    _check_ids("crux_links", links)
    _check_ids("crux_credences", conditionals)
    return JournalData(propositions=props, people=people, conversations=convs, credences=creds,
                       crux_links=links, crux_credences=conditionals)


_E = TypeVar("_E", bound=enum.Enum)
_V = TypeVar("_V")
_R = TypeVar("_R")
# A field's accepted Python types, as isinstance takes them.
_Types = type | tuple[type, ...]


def _check_ids(section: str, records: Iterable[Proposition | Person | Conversation | Credence | CruxLink
                                              | CruxCredence]) -> None:
    seen: set[str] = set()
    for i, rec in enumerate(records):
        if rec.id in seen:
            raise InvalidInput(f"{section}[{i}]: id {rec.id} appears twice")
        seen.add(rec.id)


class _Reader:
    def array(self, obj: dict[str, Any], key: str) -> list[Any]:
        value = obj.get(key, [])
        if not isinstance(value, list):
            raise InvalidInput(f"{key}: expected a list")
        return value

    def _field(
        self, where: str, rec: Any, key: str, types: _Types, *, required: bool = True, default: Any = None
    ) -> Any:
        """The field's JSON value, checked to be one of ``types``: the callers' annotations say which."""
        if not isinstance(rec, dict):
            raise InvalidInput(f"{where}: expected an object")
        if key not in rec or rec[key] is None:
            if required:
                raise InvalidInput(f"{where}: missing required field {key!r}")
            return default
        value = rec[key]
        if isinstance(value, str):
            self._cleaned(where, key, lambda v: check_encodable(v, "the text"), value)
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in _as_tuple(types)):
            raise InvalidInput(f"{where}: field {key!r} has the wrong type ({type(value).__name__})")
        return value

    # A required field is there or the file is refused, so only an optional one can be None.
    @overload
    def _id(self, where: str, rec: Any, key: str = ..., required: Literal[True] = ...) -> str: ...
    @overload
    def _id(self, where: str, rec: Any, key: str, required: Literal[False]) -> str | None: ...

    def _id(self, where: str, rec: Any, key: str = "id", required: bool = True) -> str | None:
        value: str | None = self._field(where, rec, key, str, required=required)
        if value is not None and not (1 <= len(value) <= 36):
            raise InvalidInput(f"{where}: field {key!r} is not a valid id")
        return value

    @overload
    def _time(self, where: str, rec: Any, key: str, required: Literal[True] = ...) -> datetime: ...
    @overload
    def _time(self, where: str, rec: Any, key: str, required: Literal[False]) -> datetime | None: ...

    def _time(self, where: str, rec: Any, key: str, required: bool = True) -> datetime | None:
        value: str | None = self._field(where, rec, key, str, required=required)
        if value is None:
            return None
        try:
            t = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{where}: field {key!r} is not an ISO 8601 time: {value!r}") from None
        if t.tzinfo is None:
            raise InvalidInput(f"{where}: field {key!r} has no UTC offset: {value!r}")
        try:
            return checked_time(t, value)
        except InvalidInput as e:
            raise InvalidInput(f"{where}: field {key!r}: {e}") from None

    def _enum(self, where: str, rec: Any, key: str, enum: type[_E], default: _E | None = None) -> _E:
        value: str | None = self._field(where, rec, key, str, required=default is None)
        if value is None:
            assert default is not None  # a field without a default is required, so it is not None here
            return default
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise InvalidInput(f"{where}: field {key!r} is {value!r}; expected one of {allowed}") from None

    def _handle(self, where: str, rec: Any) -> int:
        """The number users know a record by; 0 (none) lets the journal pick the next free one."""
        value: int | None = self._field(where, rec, "handle", int, required=False)
        if value is None:
            return 0
        if not 1 <= value <= MAX_HANDLE:
            shown = value if abs(value) < 10**20 else f"a {len(str(abs(value)))}-digit number"
            raise InvalidInput(f"{where}: field 'handle' is {shown}; it must be between 1 and {MAX_HANDLE}")
        return value

    @overload
    def _probability(self, where: str, rec: Any, key: str, required: Literal[True] = ...) -> float: ...
    @overload
    def _probability(self, where: str, rec: Any, key: str, required: Literal[False]) -> float | None: ...

    def _probability(self, where: str, rec: Any, key: str, required: bool = True) -> float | None:
        p: int | float | None = self._field(where, rec, key, (int, float), required=required)
        if p is None:
            return None
        if not (math.isfinite(p) and 0 <= p <= 1):
            raise InvalidInput(f"{where}: field {key!r} is {p!r}; it must be between 0 and 1")
        return float(p)

    def _text(self, where: str, rec: Any, key: str) -> str:
        value: str = self._field(where, rec, key, str)
        if not value.strip() or len(value.strip()) > MAX_TEXT:
            raise InvalidInput(f"{where}: field {key!r} must be 1-{MAX_TEXT} characters")
        return value.strip()

    def _prose(self, where: str, rec: Any, key: str) -> str:
        """Notes, a reason, a Pre or a Post: held to the limit typing is, and refused before anything is stored."""
        value: str = self._field(where, rec, key, str, required=False, default="")
        return self._cleaned(where, key, lambda v: check_prose(v, "it"), value)

    @staticmethod
    def _cleaned(where: str, key: str, clean: Callable[[_V], _R], value: _V) -> _R:
        try:
            return clean(value)
        except InvalidInput as e:
            raise InvalidInput(f"{where}: field {key!r}: {e}") from None

    def proposition(self, i: int, rec: Any) -> Proposition:
        w = f"propositions[{i}]"
        tags = self._field(w, rec, "tags", list, required=False, default=[])
        if not all(isinstance(t, str) for t in tags):
            raise InvalidInput(f"{w}: field 'tags' must be a list of strings")
        # Cleaned as typed tags are, so an imported tag matches the one a user types.
        tags = self._cleaned(w, "tags", clean_tags, tags)
        return Proposition(
            id=self._id(w, rec),
            handle=self._handle(w, rec),
            text=self._text(w, rec, "text"),
            notes=self._prose(w, rec, "notes"),
            tags=tuple(tags),
            created_at=self._time(w, rec, "created_at"),
            archived=self._field(w, rec, "archived", bool, required=False, default=False),
            resolution=self._enum(w, rec, "resolution", Resolution, default=Resolution.OPEN),
            resolved_at=self._time(w, rec, "resolved_at", required=False),
        )

    def person(self, i: int, rec: Any) -> Person:
        w = f"people[{i}]"
        # Cleaned as a typed name is: people are found again by the cleaned name.
        name = self._cleaned(w, "name", clean_name, self._field(w, rec, "name", str))
        if not name:
            raise InvalidInput(f"{w}: field 'name' is empty")
        return Person(id=self._id(w, rec), name=name)

    def conversation(self, i: int, rec: Any) -> Conversation:
        w = f"conversations[{i}]"
        return Conversation(
            id=self._id(w, rec),
            handle=self._handle(w, rec),
            title=self._text(w, rec, "title"),
            person_id=self._id(w, rec, "person_id", required=False),
            kind=self._enum(w, rec, "kind", Kind, default=Kind.CONVERSATION),
            occurred_at=self._time(w, rec, "occurred_at"),
            notes=self._prose(w, rec, "notes"),
            pre=self._prose(w, rec, "pre"),
            post=self._prose(w, rec, "post"),
        )

    def credence(self, i: int, rec: Any) -> Credence:
        w = f"credences[{i}]"
        probability = self._probability(w, rec, "probability")
        credence = Credence(
            id=self._id(w, rec),
            proposition_id=self._id(w, rec, "proposition_id"),
            conversation_id=self._id(w, rec, "conversation_id", required=False),
            phase=self._enum(w, rec, "phase", Phase),
            probability=probability,
            recorded_at=self._time(w, rec, "recorded_at"),
            note=self._prose(w, rec, "note"),
            expected_after=self._probability(w, rec, "expected_after", required=False),
        )
        if credence.expected_after is not None and credence.phase is not Phase.BEFORE:
            raise InvalidInput(
                f"{w}: field 'expected_after' is only for a before credence, not a {credence.phase.value}"
            )
        return credence


    def crux_link(self, i: int, rec: Any) -> CruxLink:
        w = f"crux_links[{i}]"
        link = CruxLink(
            id=self._id(w, rec),
            proposition_id=self._id(w, rec, "proposition_id"),
            on_id=self._id(w, rec, "on_id"),
            created_at=self._time(w, rec, "created_at"),
        )
        if link.proposition_id == link.on_id:
            raise InvalidInput(f"{w}: a proposition cannot depend on itself")
        return link

    def crux_credence(self, i: int, rec: Any) -> CruxCredence:
        w = f"crux_credences[{i}]"
        return CruxCredence(
            id=self._id(w, rec),
            link_id=self._id(w, rec, "link_id"),
            given_true=self._field(w, rec, "given_true", bool),
            probability=self._probability(w, rec, "probability"),
            recorded_at=self._time(w, rec, "recorded_at"),
        )


def _as_tuple(types: _Types) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _sniff(sample: Sample) -> bool:
    return sample.text is not None and sample.text.lstrip()[:1] in ("{", "[")


register(
    Importer(
        name=FORMAT,
        title="beliefupdate JSON export",
        described="a beliefupdate JSON export",
        patterns=("*.json",),
        sniff=_sniff,
        parse=lambda sample: Parsed(parse_json(sample.raw, sample.path)),
    )
)
