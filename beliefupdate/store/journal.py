"""The Journal service: the only way into a journal.

Each public method is one unit of work with its own session and transaction,
and returns plain domain values (never ORM objects).
"""

from __future__ import annotations

import functools
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine, Row
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from beliefupdate.domain.errors import ChangedElsewhere, InvalidInput, NotFound, UserError
from beliefupdate.domain.rules import check_expected_after, check_probability
from beliefupdate.domain.text import clean_name, clean_notes, clean_tags, clean_text, text_key
from beliefupdate.domain.times import checked_time, now_utc
from beliefupdate.domain.types import (
    TREND_LENGTH,
    Conversation,
    ConversationOverview,
    ConversationSummary,
    Credence,
    CredenceEntry,
    CruxLink,
    HistoryEntry,
    ImportResult,
    JournalData,
    Kind,
    NewBelief,
    Person,
    Phase,
    Proposition,
    PropositionSummary,
    Resolution,
)
from beliefupdate.store.backups import Backup, BackupKind, Backups, NoBackups, Opened, RestoreResult
from beliefupdate.store.db_errors import should_retry, user_error
from beliefupdate.store.engine import writer
from beliefupdate.store.handles import insert_or_keep, next_handle
from beliefupdate.store.location import Location, resolve
from beliefupdate.store.cruxes import links_of, set_crux
from beliefupdate.store.models import ConversationRow, CredenceRow, CruxLinkRow, PersonRow, PropositionRow, TagRow
from beliefupdate.store.queries import (
    IN_CHUNK,
    TIME_ORDER,
    chunked,
    conversation_overviews,
    conversation_summaries,
    conversations_by_id,
    credence_rows,
    credence_counts,
    last_moves,
    recent_credences,
    stored_times,
    tags_of,
)
from beliefupdate.store.records import conversation_of, credence_of, person_of, proposition_of
from beliefupdate.store.references import find
from beliefupdate.store.watch import announce_change


P = ParamSpec("P")
T = TypeVar("T")


def new_id() -> str:
    return str(uuid.uuid4())


# Writers on a server can get in each other's way (a serialization failure, a deadlock,
# a number or a name taken by another device a moment earlier); the unit of work is
# then run again from the start, a few times, with a short random pause so that the
# same writers do not collide again in step. SQLite's writers queue for the lock instead.
ATTEMPTS = 6


class _TryAgain(Exception):
    """The database asks for the unit of work to be run again (raised inside _write)."""

    def __init__(self, cause: BaseException):
        super().__init__(str(cause))
        self.cause = cause


class _Joined(threading.local):
    """The session of the Journal.atomically block running on this thread, if any."""

    session: Session | None = None


_joined = _Joined()


def retried(method: Callable[P, T]) -> Callable[P, T]:
    """Run a writing method again when the database asks for it, up to ATTEMPTS times.

    Each call is a whole unit of work with its own session: running it again re-reads
    everything, so a retry decides afresh (a new number, the same person, a clear
    "already says that").
    """

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        if _joined.session is not None:
            # Part of Journal.atomically's unit of work: only the whole of it can be run again.
            return method(*args, **kwargs)
        for attempt in range(ATTEMPTS):
            try:
                return method(*args, **kwargs)
            except _TryAgain as e:
                if attempt == ATTEMPTS - 1:
                    raise UserError(
                        f"other devices kept writing the same records; nothing was saved after {ATTEMPTS} tries, try again"
                    ) from e.cause
                time.sleep(random.uniform(0, 0.01 * 2**attempt))
        raise AssertionError("unreachable")

    return run


def _count_edit(conv: ConversationRow) -> None:
    """Count an edit of the credences logged in a conversation as an edit of it: its row is
    written (and its version moves on) even when none of its own columns changed."""
    flag_modified(conv, "title")


def _check_version(row: PropositionRow | ConversationRow, expected: int | None, what: str) -> None:
    if expected is not None and row.version != expected:
        raise ChangedElsewhere(f"{what} #{row.handle} changed elsewhere since you opened it; reloaded")


def _note_for(entry: CredenceEntry, phase: Phase) -> str | None:
    """The reason given with an entry belongs to its after, the side that moved; a before gets it only
    when there is no after (a conversation started before talking). None: a before keeps its own note."""
    if phase is Phase.BEFORE and entry.after is not None:
        return None
    return entry.note


def _checked_beliefs(beliefs: Sequence[NewBelief]) -> list[NewBelief]:
    """Beliefs born in a conversation, cleaned and checked before anything is written."""
    out, seen = [], set()
    for b in beliefs:
        text = clean_text(b.text)
        if text_key(text) in seen:
            raise InvalidInput(f"the new proposition {text!r} is given twice")
        seen.add(text_key(text))
        out.append(NewBelief(text, check_probability(b.after), b.note, clean_tags(b.tags), b.id))
    return out


def _entries(s: Session, creds: Sequence[Row]) -> list[HistoryEntry]:
    """Credence rows (from credence_rows()) as history entries, each with its conversation."""
    convs = conversations_by_id(s, list({c.conversation_id for c in creds if c.conversation_id}))
    return [HistoryEntry(credence_of(c), convs.get(c.conversation_id)) for c in creds]


def _backups_of(journal: Opened) -> Backups:
    """Where a journal's backups are made, listed and restored from, chosen once, when it opens."""
    if journal.location.path is None and journal.engine.dialect.name == "postgresql":
        from beliefupdate.store.server.backups import ServerBackups

        return ServerBackups(journal)
    if journal.location.path is not None:
        from beliefupdate.store.files.backups import FileBackups

        return FileBackups(journal)
    return NoBackups(journal.location)


class Journal:
    """A journal opened at a location; create with :meth:`open`."""

    def __init__(self, engine: Engine, location: Location):
        self.engine = engine
        self.location = location
        self._writer = writer(engine)
        self._backups = _backups_of(self)

    @classmethod
    def open(cls, spec=None) -> Journal:
        """Open (creating or upgrading as needed) the journal at ``spec``.

        ``spec`` is a path, a SQLAlchemy URL, a Location, or None for $BELIEFUPDATE_DB or the default.
        Raises JournalUnavailable, leaving the file untouched, if it cannot be opened.
        """
        from beliefupdate.store.opening import open_engine

        if isinstance(spec, Location):
            location, is_default = spec, False
        else:
            location, is_default = resolve(spec)
        if is_default and location.path is not None:
            location.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return cls(open_engine(location), location)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- sessions -----------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Session]:
        if _joined.session is not None:
            yield _joined.session  # inside atomically: read what it has written so far
            return
        with self._db_errors(), Session(self.engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One writing unit of work. Public methods that use it are :func:`retried`."""
        if _joined.session is not None:
            yield _joined.session
            return
        with self._db_errors(), Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session
            announce_change(session)

    def atomically(self, work: Callable[[Journal], T]) -> T:
        """Run ``work(self)`` as one unit of work: every method it calls joins one transaction, so
        several writes (a conversation and the propositions born in it, say) land together or not
        at all. Like a single write it is run again from the start when the database asks for it."""
        if _joined.session is not None:
            return work(self)  # already inside one
        return self._unit_of_work(work)

    @retried
    def _unit_of_work(self, work: Callable[[Journal], T]) -> T:
        with self._write() as s:
            _joined.session = s
            try:
                return work(self)
            finally:
                _joined.session = None

    @contextmanager
    def _db_errors(self) -> Iterator[None]:
        """Errors of the database, not of the request, said for the user (store/db_errors.py)."""
        try:
            yield
        except (DBAPIError, StaleDataError) as e:
            if should_retry(e):
                raise _TryAgain(e) from e
            said = user_error(e, self.location.display)
            if said is None:
                raise
            raise said from None

    # -- backups ------------------------------------------------------------

    def backups(self) -> list[Backup]:
        """This journal's backups, newest first."""
        return self._backups.list()

    def back_up(self, target: Path | None = None) -> Path:
        """A backup made now: into the backups folder, or to ``target`` (which must not exist)."""
        return self._backups.make(BackupKind.MANUAL, target)

    def restore(self, backup: Path, *, other_journal: bool = False) -> RestoreResult:
        """Replace the journal's content with ``backup`` (backing the journal up first);
        a backup of another journal only with ``other_journal``.

        The Journal stays usable and shows the restored content; anything derived
        from it (lists, charts, undo history) should be fetched again.
        """
        from beliefupdate.store.opening import open_engine

        result = self._backups.restore(Path(backup), other_journal=other_journal)
        self.engine.dispose()
        self.engine = open_engine(self.location)
        self._writer = writer(self.engine)
        return result

    # -- propositions -------------------------------------------------------

    @retried
    def add_proposition(
        self, text: str, tags: Iterable[str] = (), notes: str = "", *, created_at: datetime | None = None
    ) -> Proposition:
        text = clean_text(text)
        tags = clean_tags(tags)
        with self._write() as s:
            row = self._insert_proposition(s, text, tags, notes, checked_time(created_at) if created_at else now_utc())
            return proposition_of(row, tags)

    def _insert_proposition(
        self, s: Session, text: str, tags: Sequence[str], notes: str, created_at: datetime, id: str | None = None
    ) -> PropositionRow:
        self._check_unique_text(s, text)
        row = PropositionRow(
            id=id or new_id(),
            handle=next_handle(s, PropositionRow),
            text=text,
            text_key=text_key(text),
            notes=clean_notes(notes),
            created_at=created_at,
            archived=False,
            resolution=Resolution.OPEN.value,
        )
        s.add(row)
        s.add_all(TagRow(proposition_id=row.id, tag=t, position=i) for i, t in enumerate(tags))
        s.flush()
        return row

    @retried
    def edit_proposition(
        self,
        proposition_id: str,
        *,
        text: str | None = None,
        tags: Iterable[str] | None = None,
        notes: str | None = None,
        expected_version: int | None = None,
    ) -> Proposition:
        """Change a proposition; ``expected_version``: the version it was edited from (see ChangedElsewhere)."""
        with self._write() as s:
            row = self._proposition_row(s, proposition_id, expected_version)
            if text is not None:
                text = clean_text(text)
                if text_key(text) != row.text_key and not row.archived:
                    self._check_unique_text(s, text, exclude=row.id)
                row.text, row.text_key = text, text_key(text)
            if notes is not None:
                row.notes = clean_notes(notes)
            if tags is not None:
                cleaned = clean_tags(tags)
                s.execute(delete(TagRow).where(TagRow.proposition_id == row.id))
                s.add_all(TagRow(proposition_id=row.id, tag=t, position=i) for i, t in enumerate(cleaned))
            s.flush()
            return proposition_of(row, tags_of(s, [row.id])[row.id])

    @retried
    def set_archived(
        self, proposition_id: str, archived: bool = True, *, expected_version: int | None = None
    ) -> Proposition:
        with self._write() as s:
            row = self._proposition_row(s, proposition_id, expected_version)
            if row.archived and not archived:
                self._check_unique_text(s, row.text, exclude=row.id)
            row.archived = archived
            s.flush()
            return proposition_of(row, tags_of(s, [row.id])[row.id])

    @retried
    def resolve_proposition(
        self, proposition_id: str, resolution: Resolution, at: datetime | None = None,
        *, expected_version: int | None = None,
    ) -> Proposition:
        resolution = Resolution(resolution)
        with self._write() as s:
            row = self._proposition_row(s, proposition_id, expected_version)
            row.resolution = resolution.value
            row.resolved_at = None if resolution is Resolution.OPEN else (checked_time(at) if at else now_utc())
            s.flush()
            return proposition_of(row, tags_of(s, [row.id])[row.id])

    @retried
    def delete_proposition(self, proposition_id: str, *, expected_version: int | None = None) -> JournalData:
        """Delete a proposition with its credences; returns what was deleted, for undo."""
        with self._write() as s:
            row = self._proposition_row(s, proposition_id, expected_version)
            links, conditionals = links_of(s, [row.id])
            removed = JournalData(
                propositions=(proposition_of(row, tags_of(s, [row.id])[row.id]),),
                credences=tuple(
                    credence_of(c)
                    for c in s.scalars(select(CredenceRow).where(CredenceRow.proposition_id == row.id))
                ),
                crux_links=links,  # they go with it (ON DELETE CASCADE) and come back with it
                crux_credences=conditionals,
            )
            s.delete(row)
            return removed

    def proposition(self, proposition_id: str) -> Proposition:
        with self._read() as s:
            row = self._proposition_row(s, proposition_id)
            return proposition_of(row, tags_of(s, [row.id])[row.id])

    def find_proposition(self, ref: str) -> Proposition:
        """A proposition by handle (3 or #3), id, exact text, or unambiguous prefix of 4+ characters."""
        ref = ref.strip()
        with self._read() as s:
            row = find(s, PropositionRow, ref, "proposition")
            return proposition_of(row, tags_of(s, [row.id])[row.id])

    def propositions(self, *, include_archived: bool = True) -> list[Proposition]:
        with self._read() as s:
            stmt = select(PropositionRow).order_by(PropositionRow.handle)
            if not include_archived:
                stmt = stmt.where(PropositionRow.archived.is_(False))
            rows = s.scalars(stmt).all()
            tags = tags_of(s, [r.id for r in rows])
            return [proposition_of(r, tags[r.id]) for r in rows]

    def proposition_ids(self) -> list[str]:
        """Every proposition's id, in number order (archived ones included)."""
        with self._read() as s:
            return list(s.scalars(select(PropositionRow.id).order_by(PropositionRow.handle)))

    def summaries(
        self, *, tag: str | None = None, include_archived: bool = False, trend: bool = True,
        ids: Sequence[str] | None = None,
    ) -> list[PropositionSummary]:
        """Every proposition with where it stands: current and previous credence, count, recent trend.

        ``trend=False`` leaves each summary's ``recent`` empty, for a list that does not draw it:
        reading a dozen credences per proposition is most of the work on a large journal.
        ``ids`` reads only those propositions (an id no longer there is left out): what a window
        shows again after an edit of a few, at a cost that does not grow with the journal.
        """
        ids = sorted(ids) if ids is not None else None
        if ids is not None and len(ids) > IN_CHUNK:
            return sorted((s for chunk in chunked(ids)
                           for s in self.summaries(tag=tag, include_archived=include_archived, trend=trend,
                                                   ids=chunk)),
                          key=lambda s: s.proposition.handle)
        with self._read() as s:
            stmt = select(*PropositionRow.__table__.columns).order_by(PropositionRow.handle)
            if ids is not None:
                stmt = stmt.where(PropositionRow.id.in_(list(ids)))
            if not include_archived:
                stmt = stmt.where(PropositionRow.archived.is_(False))
            if tag:
                wanted = clean_tags([tag])
                stmt = stmt.where(
                    PropositionRow.id.in_(select(TagRow.proposition_id).where(TagRow.tag.in_(wanted)))
                )
            rows = s.connection().execute(stmt).all()  # plain rows: no ORM objects for a list
            tags = tags_of(s, [r.id for r in rows]) if rows else {}
            recent = recent_credences(s, TREND_LENGTH if trend else 2, ids)
            counts = credence_counts(s, ids)
            shown = {r.id: recent[r.id] for r in rows if r.id in recent}
            moves = last_moves(s, shown, counts)
            stored_time = stored_times(s)
            out = []
            for r in rows:
                records = shown.get(r.id, ())
                moved_from, moved_at = moves.get(r.id, (None, None))
                out.append(
                    PropositionSummary(
                        proposition=proposition_of(r, tags[r.id]),
                        current=records[0][0] if records else None,
                        previous=records[1][0] if len(records) > 1 else None,
                        current_at=stored_time(records[0][1]) if records else None,
                        credence_count=counts.get(r.id, 0),
                        recent=tuple(p for p, _at in reversed(records)) if trend else (),
                        moved_from=moved_from,
                        moved_at=moved_at,
                    )
                )
            return out

    def tags(self) -> list[tuple[str, int]]:
        with self._read() as s:
            rows = s.execute(
                select(TagRow.tag, func.count()).group_by(TagRow.tag).order_by(TagRow.tag)
            ).all()
            return [(t, n) for t, n in rows]

    # -- credences ----------------------------------------------------------

    @retried
    def check_in(
        self, proposition_id: str, probability: float, note: str = "", at: datetime | None = None
    ) -> Credence:
        probability = check_probability(probability)
        with self._write() as s:
            self._proposition_row(s, proposition_id)
            row = CredenceRow(
                id=new_id(),
                proposition_id=proposition_id,
                conversation_id=None,
                phase=Phase.CHECK_IN.value,
                probability=probability,
                recorded_at=checked_time(at) if at else now_utc(),
                note=clean_notes(note, what="note"),
            )
            s.add(row)
            s.flush()
            return credence_of(row)

    @retried
    def delete_credence(self, credence_id: str) -> JournalData:
        with self._write() as s:
            row = s.get(CredenceRow, credence_id)
            if row is None:
                raise NotFound(f"no credence with id {credence_id}")
            removed = JournalData(credences=(credence_of(row),))
            s.delete(row)
            return removed

    def history(self, proposition_id: str) -> list[HistoryEntry]:
        """A proposition's credences, oldest first, each with its conversation."""
        with self._read() as s:
            self._proposition_row(s, proposition_id)
            # Plain rows: charts ask for thousands of credences at a time.
            creds = s.execute(
                credence_rows().where(CredenceRow.proposition_id == proposition_id).order_by(*TIME_ORDER)
            ).all()
            return _entries(s, creds)

    def histories(self, proposition_ids: Sequence[str]) -> list[tuple[Proposition, list[HistoryEntry]]]:
        """Each proposition with its :meth:`history`, in the order given: a chart of many
        propositions reads them all in one unit of work, with a few queries rather than a few each."""
        wanted = list(proposition_ids)
        ids = list(dict.fromkeys(wanted))
        with self._read() as s:
            rows: dict[str, PropositionRow] = {}
            creds: list[Row] = []
            for chunk in chunked(ids):
                rows.update((r.id, r) for r in s.scalars(select(PropositionRow).where(PropositionRow.id.in_(chunk))))
                creds += s.execute(
                    credence_rows().where(CredenceRow.proposition_id.in_(chunk)).order_by(*TIME_ORDER)
                ).all()
            for pid in ids:
                if pid not in rows:
                    raise NotFound(f"no proposition with id {pid}")
            tags = tags_of(s, ids)
            by_id: dict[str, list[HistoryEntry]] = {pid: [] for pid in ids}
            for c, entry in zip(creds, _entries(s, creds), strict=True):
                by_id[c.proposition_id].append(entry)
            return [(proposition_of(rows[pid], tags[pid]), by_id[pid]) for pid in wanted]

    def credences(self, proposition_ids: Sequence[str] | None = None) -> list[Credence]:
        """Credences in time order, optionally only for some propositions."""
        with self._read() as s:
            stmt = credence_rows().order_by(*TIME_ORDER)
            if proposition_ids is not None:
                stmt = stmt.where(CredenceRow.proposition_id.in_(list(proposition_ids)))
            return [credence_of(c) for c in s.execute(stmt)]

    # -- cruxes -------------------------------------------------------------

    @retried
    def set_crux(
        self, proposition_id: str, on_id: str, if_true: float, if_false: float, at: datetime | None = None
    ) -> CruxLink:
        """"``proposition_id`` depends on ``on_id``": link them (refusing a cycle) and record
        P(B | A) = ``if_true`` and P(B | not A) = ``if_false`` at ``at``; again later, to update them."""
        when = checked_time(at) if at else now_utc()
        with self._write() as s:
            self._proposition_row(s, proposition_id)
            self._proposition_row(s, on_id)
            return set_crux(s, proposition_id, on_id, if_true, if_false, when)

    @retried
    def delete_crux(self, link_id: str) -> JournalData:
        """Delete a link with its conditional credences; returns them, for undo."""
        with self._write() as s:
            row = s.get(CruxLinkRow, link_id)
            if row is None:
                raise NotFound(f"no crux link with id {link_id}")
            links, conditionals = links_of(s, [row.proposition_id])
            removed = JournalData(crux_links=tuple(k for k in links if k.id == link_id),
                                  crux_credences=tuple(c for c in conditionals if c.link_id == link_id))
            s.delete(row)
            return removed

    def cruxes(self, proposition_ids: Sequence[str] | None = None) -> JournalData:
        """The crux links touching ``proposition_ids`` (all when None) with their conditional credences."""
        with self._read() as s:
            links, conditionals = links_of(s, proposition_ids)
            return JournalData(crux_links=links, crux_credences=conditionals)

    # -- conversations ------------------------------------------------------

    @retried
    def log_conversation(
        self,
        title: str,
        entries: Sequence[CredenceEntry],
        *,
        person: str | None = None,
        kind: Kind = Kind.CONVERSATION,
        occurred_at: datetime | None = None,
        notes: str = "",
        pre: str = "",
        post: str = "",
        new_beliefs: Sequence[NewBelief] = (),
    ) -> Conversation:
        """Write a conversation and all its credences in one transaction.

        Either side of an entry may be None: a conversation can be started with
        its befores and finished later with :meth:`finish_conversation`. An
        entry's expected after is stored with its before, which it needs.
        ``new_beliefs`` are propositions first thought of in it, created in the
        same transaction with only their afters.
        """
        title = clean_text(title, what="conversation title")
        kind = Kind(kind)
        occurred_at = checked_time(occurred_at) if occurred_at else now_utc()
        self._check_entries(entries, expectations_need_before=True)
        new_beliefs = _checked_beliefs(new_beliefs)
        with self._write() as s:
            person_row = self._person(s, person)
            conv = ConversationRow(
                id=new_id(),
                handle=next_handle(s, ConversationRow),
                title=title,
                person_id=person_row.id if person_row else None,
                kind=kind.value,
                occurred_at=occurred_at,
                notes=clean_notes(notes),
                pre=clean_notes(pre, what="Pre"),
                post=clean_notes(post, what="Post"),
            )
            s.add(conv)
            s.flush()
            self._check_propositions(s, [entry.proposition_id for entry in entries])
            # A new conversation has no credences to look up or replace: its rows go in as one insert.
            for entry in entries:
                before = self._new_side(conv, entry, Phase.BEFORE, occurred_at)
                if before is not None:
                    before.expected_after = check_expected_after(entry.expected_after, has_before=True)
                s.add_all(r for r in (before, self._new_side(conv, entry, Phase.AFTER, occurred_at)) if r is not None)
            self._add_beliefs(s, conv, new_beliefs, occurred_at)
            s.flush()
            return conversation_of(conv, person_row.name if person_row else None)

    @retried
    def finish_conversation(
        self, conversation_id: str, entries: Sequence[CredenceEntry], at: datetime | None = None,
        *, post: str | None = None, expected_version: int | None = None, new_beliefs: Sequence[NewBelief] = (),
    ) -> Conversation:
        """Record afters (and any befores given) for a conversation that was started earlier,
        with its Post if given (None leaves the stored one), and any beliefs born in it.

        An entry's expected after goes with the before it gives or the one already
        stored; an entry without one leaves a stored expectation as it is.
        """
        self._check_entries(entries)
        new_beliefs = _checked_beliefs(new_beliefs)
        with self._write() as s:
            conv = self._conversation_row(s, conversation_id, expected_version)
            when = max(checked_time(at) if at else now_utc(), conv.occurred_at)
            for entry in entries:
                self._proposition_row(s, entry.proposition_id)
                self._set_side(s, conv, entry, Phase.BEFORE, conv.occurred_at)
                self._set_side(s, conv, entry, Phase.AFTER, when)
                if entry.expected_after is not None:
                    self._expect(s, conv, entry.proposition_id, entry.expected_after)
            self._add_beliefs(s, conv, new_beliefs, when)
            _count_edit(conv)
            if post is not None:
                conv.post = clean_notes(post, what="Post")
            s.flush()
            return conversation_of(conv, self._person_name(s, conv.person_id))

    @retried
    def edit_conversation(
        self,
        conversation_id: str,
        *,
        title: str | None = None,
        person: str | None = None,
        kind: Kind | None = None,
        occurred_at: datetime | None = None,
        notes: str | None = None,
        entries: Sequence[CredenceEntry] | None = None,
        expected_version: int | None = None,
        pre: str | None = None,
        post: str | None = None,
    ) -> Conversation:
        """Change a conversation; ``person=""`` clears it.

        ``entries`` replaces its credences whole, expected afters included: an
        entry without one clears the one stored.
        """
        if entries is not None:
            self._check_entries(entries, expectations_need_before=True)
        with self._write() as s:
            conv = self._conversation_row(s, conversation_id, expected_version)
            if title is not None:
                conv.title = clean_text(title, what="conversation title")
            if person is not None:
                row = self._person(s, person)
                conv.person_id = row.id if row else None
            if kind is not None:
                conv.kind = Kind(kind).value
            if occurred_at is not None:
                self._move_conversation(s, conv, checked_time(occurred_at))
            if notes is not None:
                conv.notes = clean_notes(notes)
            if pre is not None:
                conv.pre = clean_notes(pre, what="Pre")
            if post is not None:
                conv.post = clean_notes(post, what="Post")
            if entries is not None:
                self._replace_entries(s, conv, entries)
            _count_edit(conv)
            s.flush()
            return conversation_of(conv, self._person_name(s, conv.person_id))

    @staticmethod
    def _move_conversation(s: Session, conv: ConversationRow, new_time: datetime) -> None:
        # Credences written at the conversation's time move with it; an after
        # written later stays put unless it would now precede the conversation.
        for c in s.scalars(select(CredenceRow).where(CredenceRow.conversation_id == conv.id)):
            if c.phase == Phase.BEFORE.value or c.recorded_at <= conv.occurred_at or c.recorded_at < new_time:
                c.recorded_at = new_time
        conv.occurred_at = new_time

    def _replace_entries(self, s: Session, conv: ConversationRow, entries: Sequence[CredenceEntry]) -> None:
        existing = {
            (c.proposition_id, c.phase): c
            for c in s.scalars(select(CredenceRow).where(CredenceRow.conversation_id == conv.id))
        }
        wanted = {e.proposition_id for e in entries}
        for (pid, _phase), c in existing.items():
            if pid not in wanted:
                s.delete(c)
        s.flush()
        for entry in entries:
            self._proposition_row(s, entry.proposition_id)
            for phase, value in ((Phase.BEFORE, entry.before), (Phase.AFTER, entry.after)):
                old = existing.get((entry.proposition_id, phase.value))
                if value is None:
                    if old is not None:
                        s.delete(old)
                elif old is not None:
                    old.probability = check_probability(value)
                    if (note := _note_for(entry, phase)) is not None:
                        old.note = clean_notes(note, what="note")
                else:
                    self._set_side(s, conv, entry, phase, conv.occurred_at)
            if entry.before is not None:
                self._expect(s, conv, entry.proposition_id, entry.expected_after)

    @retried
    def delete_conversation(self, conversation_id: str, *, expected_version: int | None = None) -> JournalData:
        """Delete a conversation with its credences; returns what was deleted, for undo."""
        with self._write() as s:
            conv = self._conversation_row(s, conversation_id, expected_version)
            person = s.get(PersonRow, conv.person_id) if conv.person_id else None
            removed = JournalData(
                people=(person_of(person),) if person else (),
                conversations=(conversation_of(conv, person.name if person else None),),
                credences=tuple(
                    credence_of(c)
                    for c in s.scalars(select(CredenceRow).where(CredenceRow.conversation_id == conv.id))
                ),
            )
            s.delete(conv)
            return removed

    def conversation(self, conversation_id: str) -> ConversationSummary:
        with self._read() as s:
            conv = self._conversation_row(s, conversation_id)
            return conversation_summaries(s, [conv])[0]

    def find_conversation(self, ref: str) -> Conversation:
        """A conversation by handle, id, exact title, or unambiguous title prefix of 4+ characters."""
        with self._read() as s:
            row = find(s, ConversationRow, ref.strip(), "conversation")
            return conversation_of(row, self._person_name(s, row.person_id))

    def conversations(self, *, since: datetime | None = None) -> list[ConversationSummary]:
        """Conversations newest first, each with its before -> after shifts."""
        with self._read() as s:
            stmt = select(ConversationRow).order_by(ConversationRow.occurred_at.desc(), ConversationRow.handle.desc())
            if since is not None:
                stmt = stmt.where(ConversationRow.occurred_at >= checked_time(since))
            return conversation_summaries(s, s.scalars(stmt).all())

    def conversation_overviews(self, ids: Sequence[str] | None = None) -> list[ConversationOverview]:
        """Conversations (or only those of ``ids``) newest first with how much each moved you; for
        shifts ask conversation(id)."""
        ids = sorted(ids) if ids is not None else None
        if ids is not None and len(ids) > IN_CHUNK:
            batches = [self.conversation_overviews(chunk) for chunk in chunked(ids)]
            return sorted((o for b in batches for o in b),
                          key=lambda o: (o.conversation.occurred_at, o.conversation.handle), reverse=True)
        with self._read() as s:
            return conversation_overviews(s, ids)

    def people(self) -> list[Person]:
        with self._read() as s:
            return [person_of(p) for p in s.scalars(select(PersonRow).order_by(PersonRow.name_key))]

    # -- whole journal ------------------------------------------------------

    def export_data(self) -> JournalData:
        from beliefupdate.store.export import journal_data

        with self._read() as s:
            return journal_data(s)

    @retried
    def import_data(self, data: JournalData, labels: Sequence[str] = ()) -> ImportResult:
        """Merge records by id in one transaction: records already present are skipped.

        Raises InvalidInput (nothing written) if a record conflicts or refers to an
        unknown id; ``labels`` names each proposition as its file does.
        """
        from beliefupdate.store.merge import merge

        with self._write() as s:
            return merge(s, data, labels)

    @retried
    def preview_import(self, data: JournalData, labels: Sequence[str] = ()) -> ImportResult:
        """What import_data would add and skip, or the InvalidInput it would raise; nothing is written.

        The very merge that import_data runs is run and rolled back, so the counts
        and the refusals cannot drift apart from what importing then does.
        """
        from beliefupdate.store.merge import merge

        # Not _write: nothing is written, so nobody is told of a change.
        with self._db_errors(), Session(self._writer) as s, s.begin():
            result = merge(s, data, labels)
            s.rollback()
        return result

    def is_empty(self) -> bool:
        with self._read() as s:
            return s.scalar(select(func.count()).select_from(PropositionRow)) == 0

    # -- helpers (inside a session) ----------------------------------------

    @staticmethod
    def _check_entries(entries: Sequence[CredenceEntry], *, expectations_need_before: bool = False) -> None:
        seen = set()
        for e in entries:
            if e.proposition_id in seen:
                raise InvalidInput("the same proposition appears twice in one conversation")
            seen.add(e.proposition_id)
            if e.before is None and e.after is None:
                raise InvalidInput("each proposition in a conversation needs a before or an after credence")
            for v in (e.before, e.after):
                if v is not None:
                    check_probability(v)
            # Finishing may put an expectation on the before stored earlier: _expect checks that one.
            check_expected_after(e.expected_after, has_before=e.before is not None or not expectations_need_before)

    @staticmethod
    def _expect(s: Session, conv: ConversationRow, proposition_id: str, expected: float | None) -> None:
        """Put ``expected`` on the conversation's before for the proposition (None clears it)."""
        before = s.scalar(
            select(CredenceRow).where(
                CredenceRow.conversation_id == conv.id,
                CredenceRow.proposition_id == proposition_id,
                CredenceRow.phase == Phase.BEFORE.value,
            )
        )
        expected = check_expected_after(expected, has_before=before is not None)
        if before is not None:
            before.expected_after = expected

    def _add_beliefs(self, s: Session, conv: ConversationRow, beliefs: Sequence[NewBelief], when: datetime) -> None:
        for b in beliefs:
            row = self._insert_proposition(s, b.text, b.tags, "", conv.occurred_at, b.id)
            self._set_side(s, conv, CredenceEntry(row.id, None, b.after, b.note), Phase.AFTER, when)

    def _set_side(self, s: Session, conv: ConversationRow, entry: CredenceEntry, phase: Phase, when: datetime) -> None:
        proposition_id = entry.proposition_id
        value = entry.before if phase is Phase.BEFORE else entry.after
        if value is None:
            return
        note = _note_for(entry, phase) or ""
        existing = s.scalar(
            select(CredenceRow).where(
                CredenceRow.conversation_id == conv.id,
                CredenceRow.proposition_id == proposition_id,
                CredenceRow.phase == phase.value,
            )
        )
        if existing is not None:
            existing.probability = check_probability(value)
            existing.recorded_at = when
            if note.strip():
                existing.note = clean_notes(note, what="note")
            return
        s.add(self._new_side(conv, entry, phase, when))

    @staticmethod
    def _new_side(conv: ConversationRow, entry: CredenceEntry, phase: Phase, when: datetime) -> CredenceRow | None:
        """The row of ``entry``'s credence on the ``phase`` side, or None if it has none there."""
        value = entry.before if phase is Phase.BEFORE else entry.after
        if value is None:
            return None
        return CredenceRow(
            id=new_id(),
            proposition_id=entry.proposition_id,
            conversation_id=conv.id,
            phase=phase.value,
            probability=check_probability(value),
            recorded_at=when,
            note=clean_notes(_note_for(entry, phase) or "", what="note"),
        )

    def _check_unique_text(self, s: Session, text: str, exclude: str | None = None) -> None:
        stmt = select(PropositionRow).where(
            PropositionRow.text_key == text_key(text), PropositionRow.archived.is_(False)
        )
        if exclude:
            stmt = stmt.where(PropositionRow.id != exclude)
        clash = s.scalars(stmt).first()
        if clash is not None:
            raise InvalidInput(f"proposition #{clash.handle} already says that: {clash.text!r}")

    @staticmethod
    def _person(s: Session, name: str | None) -> PersonRow | None:
        if name is None:
            return None
        name = clean_name(name)
        if not name:
            return None
        key = name.casefold()
        row = s.scalar(select(PersonRow).where(PersonRow.name_key == key))
        if row is None:
            # Another device may add the same person at the same moment: the insert then
            # does nothing (waiting for that device's commit) and its row is read back.
            s.execute(insert_or_keep(s, PersonRow, ["name_key"]).values(id=new_id(), name=name, name_key=key))
            row = s.scalar(select(PersonRow).where(PersonRow.name_key == key))
            assert row is not None  # inserted now or by the device that got there first
        return row

    @staticmethod
    def _person_name(s: Session, person_id: str | None) -> str | None:
        if person_id is None:
            return None
        return s.scalar(select(PersonRow.name).where(PersonRow.id == person_id))

    @staticmethod
    def _check_propositions(s: Session, proposition_ids: Sequence[str]) -> None:
        """Raise NotFound for the first of ``proposition_ids`` the journal does not hold (one query for all)."""
        if not proposition_ids:
            return
        found = set(s.scalars(select(PropositionRow.id).where(PropositionRow.id.in_(proposition_ids))))
        for pid in proposition_ids:
            if pid not in found:
                raise NotFound(f"no proposition with id {pid}")

    @staticmethod
    def _proposition_row(s: Session, proposition_id: str, expected_version: int | None = None) -> PropositionRow:
        row = s.get(PropositionRow, proposition_id)
        if row is None:
            raise NotFound(f"no proposition with id {proposition_id}")
        _check_version(row, expected_version, "proposition")
        return row

    @staticmethod
    def _conversation_row(s: Session, conversation_id: str, expected_version: int | None = None) -> ConversationRow:
        row = s.get(ConversationRow, conversation_id)
        if row is None:
            raise NotFound(f"no conversation with id {conversation_id}")
        _check_version(row, expected_version, "conversation")
        return row
