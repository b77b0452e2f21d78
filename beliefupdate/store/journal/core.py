"""The core of the Journal: sessions, units of work and retries, error mapping, shared lookups.

Each public method of the Journal is one unit of work with its own session and transaction,
and returns plain domain values (never ORM objects). The methods live in mixins by record
(propositions.py, credences.py, conversations.py, cruxes.py, exchange.py, backups.py), each
over this core; journal/__init__.py combines them.
"""

from __future__ import annotations

import functools
import os
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import ParamSpec, Self, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from beliefupdate.domain.errors import ChangedElsewhere, InvalidInput, NotFound, UserError
from beliefupdate.domain.text import clean_notes, text_key
from beliefupdate.domain.types import Resolution
from beliefupdate.store.db_errors import should_retry, user_error
from beliefupdate.store.engine import writer
from beliefupdate.store.handles import next_handle
from beliefupdate.store.location import Location, resolve
from beliefupdate.store.models import ConversationRow, PersonRow, PropositionRow, TagRow
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


def _check_version(row: PropositionRow | ConversationRow, expected: int | None, what: str) -> None:
    if expected is not None and row.version != expected:
        raise ChangedElsewhere(f"{what} #{row.handle} changed elsewhere since you opened it; reloaded")


class JournalCore:
    """What every part of the Journal stands on: the engine and location, sessions for reading
    and writing, one unit of work across several calls, the database's errors said for the
    user, and the lookups of rows that several records share."""

    def __init__(self, engine: Engine, location: Location):
        self.engine = engine
        self.location = location
        self._writer = writer(engine)

    @classmethod
    def open(cls, spec: str | os.PathLike[str] | Location | None = None) -> Self:
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
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

    def atomically(self, work: Callable[[Self], T]) -> T:
        """Run ``work(self)`` as one unit of work: every method it calls joins one transaction, so
        several writes (a conversation and the propositions born in it, say) land together or not
        at all. Like a single write it is run again from the start when the database asks for it."""
        if _joined.session is not None:
            return work(self)  # already inside one
        return self._unit_of_work(work)

    @retried
    def _unit_of_work(self, work: Callable[[Self], T]) -> T:
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

    # -- lookups inside a session, shared by several records ---------------

    def _check_unique_text(self, s: Session, text: str, exclude: str | None = None) -> None:
        stmt = select(PropositionRow).where(
            PropositionRow.text_key == text_key(text), PropositionRow.archived.is_(False)
        )
        if exclude:
            stmt = stmt.where(PropositionRow.id != exclude)
        clash = s.scalars(stmt).first()
        if clash is not None:
            raise InvalidInput(f"proposition #{clash.handle} already says that: {clash.text!r}")

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

    @staticmethod
    def _person_name(s: Session, person_id: str | None) -> str | None:
        if person_id is None:
            return None
        return s.scalar(select(PersonRow.name).where(PersonRow.id == person_id))
