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
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from beliefupdate.domain.errors import UserError
from beliefupdate.domain.types import (
    Conversation,
    ConversationOverview,
    Kind,
    Proposition,
    PropositionSummary,
    Resolution,
)

FORMAT = 1
# The newest conversations the timeline shows first: a screenful and more. The whole
# timeline of a years-long journal is read after the first paint, as without a snapshot.
TIMELINE_ROWS = 200
DISABLE_ENV = "BELIEFUPDATE_NO_SNAPSHOT"


@dataclass(frozen=True)
class Snapshot:
    spec: str  # the journal file it was taken of (Location.reopen_spec)
    summaries: list[PropositionSummary]
    timeline: list[ConversationOverview]  # the newest TIMELINE_ROWS, newest first


def folder() -> Path:
    from beliefupdate.store.location import cache_folder

    return cache_folder() / "snapshots"


def path_for(spec: str) -> Path:
    return folder() / f"{hashlib.sha256(spec.encode('utf-8')).hexdigest()[:24]}.json"


# -- records to JSON and back -------------------------------------------------
# Each record is written as the list of its fields' values in declaration order; the
# converters below turn the JSON values of the fields that are not plain JSON back.


def _iso(when):
    return None if when is None else when.isoformat()


def _encoder(cls, convert: dict):
    """Writes a record as the list of its fields' values; ``convert`` turns the fields that are not plain JSON."""
    names = [f.name for f in fields(cls)]
    plain = [(i, n) for i, n in enumerate(names) if n not in convert]
    special = [(i, n, convert[n]) for i, n in enumerate(names) if n in convert]

    def encode(record) -> list:
        values = [None] * len(names)
        for i, name in plain:
            values[i] = getattr(record, name)
        for i, name, fn in special:
            values[i] = fn(getattr(record, name))
        return values

    return encode


_ENCODERS = {}
_ENCODERS[Proposition] = _encoder(Proposition, {"tags": list, "created_at": _iso, "resolution": lambda r: r.value,
                                                "resolved_at": _iso})
_ENCODERS[PropositionSummary] = _encoder(PropositionSummary, {"proposition": _ENCODERS[Proposition],
                                                              "current_at": _iso, "recent": list, "moved_at": _iso})
_ENCODERS[Conversation] = _encoder(Conversation, {"kind": lambda k: k.value, "occurred_at": _iso})
_ENCODERS[ConversationOverview] = _encoder(ConversationOverview, {"conversation": _ENCODERS[Conversation]})


def _when(text):
    return None if text is None else datetime.fromisoformat(text)


def _decoder(cls, convert: dict):
    names = [f.name for f in fields(cls)]

    def decode(values):
        if len(values) != len(names):
            raise ValueError(f"{cls.__name__}: {len(values)} values for {len(names)} fields")
        return cls(**{name: convert[name](value) if name in convert else value
                      for name, value in zip(names, values, strict=True)})

    return decode


_proposition = _decoder(Proposition, {"tags": tuple, "created_at": _when, "resolution": Resolution,
                                      "resolved_at": _when})
_summary = _decoder(PropositionSummary, {"proposition": _proposition, "current_at": _when, "recent": tuple,
                                         "moved_at": _when})
_conversation = _decoder(Conversation, {"kind": Kind, "occurred_at": _when})
_overview = _decoder(ConversationOverview, {"conversation": _conversation})


def encode_records(records: Sequence) -> list:
    if not records:
        return []
    encode = _ENCODERS[type(records[0])]
    return [encode(r) for r in records]


def decode_summaries(rows: list) -> list[PropositionSummary]:
    return [_summary(r) for r in rows]


def decode_timeline(rows: list) -> list[ConversationOverview]:
    return [_overview(r) for r in rows]


# -- files ----------------------------------------------------------------------


def write(spec: str, summaries: Sequence[PropositionSummary], timeline: Sequence[ConversationOverview]) -> None:
    """Keep what the window shows of the journal file ``spec`` for its next start."""
    from beliefupdate.store.atomic import atomic_text

    target = path_for(spec)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = {"format": FORMAT, "spec": spec, "propositions": encode_records(summaries),
            "timeline": encode_records(timeline[:TIMELINE_ROWS])}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # one shot: the C encoder
    with atomic_text(target) as f:
        f.write(text)


def read(spec: str) -> Snapshot | None:
    """The snapshot of the journal file ``spec``, or None when there is none to trust for a first
    picture: none written yet, the journal file gone, or one this version cannot read."""
    if os.environ.get(DISABLE_ENV) == "1" or not Path(spec).is_file():
        return None
    try:
        with open(path_for(spec), encoding="utf-8") as f:
            data = json.load(f)
        if data.get("format") != FORMAT or data.get("spec") != spec:
            return None
        return Snapshot(spec, decode_summaries(data["propositions"]), decode_timeline(data["timeline"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def forget(spec: str) -> None:
    path_for(spec).unlink(missing_ok=True)


class StillOpening(UserError):
    """Asked of the journal between the first paint and the moment it is open."""


class SnapshotJournal:
    """Stands in for the journal from the first paint until the journal itself is open.

    It answers what the first paint reads (the list and the newest conversations) from
    the snapshot; anything else raises StillOpening, a user error, so that a read on its
    way when the journal arrives is dropped quietly and an edit says why it waited.
    """

    from_snapshot = True
    engine = None

    def __init__(self, location, snapshot: Snapshot):
        self.location = location
        self._snapshot = snapshot

    def summaries(self, *, include_archived: bool = False) -> list[PropositionSummary]:
        rows = self._snapshot.summaries
        return list(rows) if include_archived else [s for s in rows if not s.proposition.archived]

    def conversation_overviews(self) -> list[ConversationOverview]:
        return list(self._snapshot.timeline)

    def close(self) -> None:
        pass

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)

        def still_opening(*_args, **_kwargs):
            raise StillOpening("the journal is still opening; try again in a moment")

        return still_opening
