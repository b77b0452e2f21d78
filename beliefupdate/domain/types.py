"""The journal's records as plain, immutable values.

The store hands these out; nothing outside the store sees an ORM object.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from beliefupdate.domain.records import project

# What one field may hold, wherever it comes from (the dialogs, the command line, import,
# copy-to): far above what anyone writes, and low enough that a write-up, a preview or an
# import of the largest stays quick (domain/text.py checks them, store/models.py builds
# CHECK constraints from the short ones).
MAX_TEXT = 500  # a proposition's text, a conversation's title
MAX_TAG = 60
MAX_TAGS = 200  # tags on one proposition
MAX_NAME = 200  # a person's name
MAX_PROSE = 1_000_000  # characters of notes, a reason, a Pre or a Post: a long book
# Numbers users know records by. SQLite's INTEGER ends at 2**63 - 1, and a number
# anyone types is far below this bound, which leaves room to count on from any of them.
MAX_HANDLE = 2**31 - 1


class Resolution(str, enum.Enum):
    OPEN = "open"
    TRUE = "true"
    FALSE = "false"
    AMBIGUOUS = "ambiguous"


class Kind(str, enum.Enum):
    CONVERSATION = "conversation"
    READING = "reading"
    AI = "ai"
    REFLECTION = "reflection"
    OTHER = "other"


# How a kind of source reads in a sentence ("a conversation", "an AI chat").
KIND_NAMES = {
    Kind.CONVERSATION: "conversation",
    Kind.READING: "reading",
    Kind.AI: "AI chat",
    Kind.REFLECTION: "reflection",
    Kind.OTHER: "other",
}


class Phase(str, enum.Enum):
    BEFORE = "before"
    AFTER = "after"
    CHECK_IN = "check-in"


# Order of phases recorded at the same instant: a before precedes a check-in, which precedes an after.
PHASE_RANK = {Phase.BEFORE: 0, Phase.CHECK_IN: 1, Phase.AFTER: 2}


# Field metadata: kept by one journal about its own copy of a record (how often it was edited
# there), not part of what the record says; files and other journals do not carry it.
LOCAL = {"local": True}


@dataclass(frozen=True)
class Proposition:
    id: str
    handle: int
    text: str
    notes: str
    tags: tuple[str, ...]
    created_at: datetime
    archived: bool = False
    resolution: Resolution = Resolution.OPEN
    resolved_at: datetime | None = None
    # How many times it has been edited: an edit names the version it was made from, and
    # the journal refuses it if the record changed elsewhere since. Not part of what it says.
    version: int = field(default=1, compare=False, metadata=LOCAL)


@dataclass(frozen=True)
class Person:
    id: str
    name: str


@dataclass(frozen=True)
class Conversation:
    id: str
    handle: int
    title: str
    person_id: str | None
    kind: Kind
    occurred_at: datetime
    notes: str = ""
    # Markdown the user writes with the befores (what they think and why) and with the afters
    # (what changed and why): the prose a write-up publishes (revision 0004).
    pre: str = ""
    post: str = ""
    person_name: str | None = None
    version: int = field(default=1, compare=False, metadata=LOCAL)  # as Proposition.version


@dataclass(frozen=True)
class Credence:
    id: str
    proposition_id: str
    conversation_id: str | None
    phase: Phase
    probability: float
    recorded_at: datetime
    note: str = ""
    # Only on a before: the after the user expected when giving it.
    expected_after: float | None = None


TREND_LENGTH = 12  # the credences behind a proposition's trend (its sparkline)


@dataclass(frozen=True)
class PropositionSummary:
    """A proposition with where it stands now: what the list views show."""

    proposition: Proposition
    current: float | None
    previous: float | None
    current_at: datetime | None
    credence_count: int = 0
    recent: tuple[float, ...] = ()  # the last TREND_LENGTH credences, oldest first: the trend a list can draw
    # The last time the credence really moved (a record differing from the one before it): from
    # what, and when. Records since then repeat ``current``, such as the next conversation's before.
    moved_from: float | None = None
    moved_at: datetime | None = None

    @property
    def change(self) -> float | None:
        """Against the previous record, which may only repeat where the credence stood."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def last_change(self) -> float | None:
        """The last real move: what a list shows as the change."""
        if self.current is None or self.moved_from is None:
            return None
        return self.current - self.moved_from

    @property
    def changed_at(self) -> datetime | None:
        """When the last change happened; while there is none, when the only value was given."""
        return self.moved_at or self.current_at


@dataclass(frozen=True)
class HistoryEntry:
    """One credence in a proposition's history, with the conversation that framed it."""

    credence: Credence
    conversation: Conversation | None


@dataclass(frozen=True)
class Shift:
    """One proposition's before -> after within a conversation; after is None until finished."""

    proposition_id: str
    proposition_handle: int
    proposition_text: str
    before: float | None
    after: float | None
    note: str = ""
    expected_after: float | None = None  # what the user expected the after to be, given with the before
    # A belief formed in this conversation: its after is the first credence the proposition ever got,
    # with no before (the user had not considered it). Not an update from anywhere: it has no change.
    new: bool = False

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def entry(self) -> CredenceEntry:
        """What the user gave for this proposition, as an edit would give it again."""
        return project(CredenceEntry, self)


@dataclass(frozen=True)
class ConversationSummary:
    conversation: Conversation
    shifts: tuple[Shift, ...]

    @property
    def propositions(self) -> int:
        return len(self.shifts)

    @property
    def awaiting(self) -> int:
        return sum(1 for s in self.shifts if s.before is not None and s.after is None)

    @property
    def awaiting_after(self) -> bool:
        return self.awaiting > 0

    @property
    def moved(self) -> int:
        return sum(1 for s in self.shifts if s.change)

    @property
    def total_movement(self) -> float:
        return sum(abs(s.change) for s in self.shifts if s.change)


@dataclass(frozen=True)
class ConversationOverview:
    """A conversation with how much it moved you, without its shifts: what a timeline shows."""

    conversation: Conversation
    propositions: int  # propositions with a before or an after in it
    moved: int  # of those, with both sides and a change
    total_movement: float  # sum of |after - before|, in probability
    awaiting: int  # propositions with a before still waiting for their after

    @property
    def awaiting_after(self) -> bool:
        return self.awaiting > 0


@dataclass(frozen=True)
class CredenceEntry:
    """What the user gives for one proposition when logging: either side may be missing.

    ``expected_after`` is the after the user expects, given with the before (it needs one).
    """

    proposition_id: str
    before: float | None
    after: float | None
    note: str = ""
    expected_after: float | None = None


@dataclass(frozen=True)
class NewBelief:
    """A proposition first thought of in a conversation: created with it, with only an after."""

    text: str
    after: float
    note: str = ""
    tags: tuple[str, ...] = ()
    # The id it gets, when the caller chooses it: an edit that creates it knows what it created
    # (and undo then redo brings back the same proposition) without reading the journal again.
    id: str | None = None


@dataclass(frozen=True)
class CruxLink:
    """"B depends on A" (revision 0006): ``proposition_id`` is B, ``on_id`` is A. Your credence in B
    is then held to the law of total probability through the conditional credences below."""

    id: str
    proposition_id: str
    on_id: str
    created_at: datetime


@dataclass(frozen=True)
class CruxCredence:
    """A conditional credence on a crux link, with its time like any credence:
    P(B | A) when ``given_true``, else P(B | not A)."""

    id: str
    link_id: str
    given_true: bool
    probability: float
    recorded_at: datetime


@dataclass(frozen=True)
class JournalData:
    """A whole journal (or a part of one) as plain records: export, import and undo carry this."""

    propositions: tuple[Proposition, ...] = ()
    people: tuple[Person, ...] = ()
    conversations: tuple[Conversation, ...] = ()
    credences: tuple[Credence, ...] = ()
    crux_links: tuple[CruxLink, ...] = ()
    crux_credences: tuple[CruxCredence, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    # Per kind, the ids of the records added: what undoing the import removes.
    added_ids: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # one line each: what was kept although unusual (a loop of crux links)
