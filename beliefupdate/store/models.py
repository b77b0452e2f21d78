"""SQLAlchemy models. Portable SQL only: SQLite-specific settings live in engine.py."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql  # not `text`: PropositionRow has a column of that name
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from beliefupdate.domain.rules import HIGHEST, LOWEST
from beliefupdate.domain.types import MAX_NAME, MAX_TAG, MAX_TEXT, Kind, Phase, Resolution

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out.

    ``DateTime(timezone=True)`` drops the offset on SQLite, so times are stored
    as naive UTC and the zone is put back on the way out.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the journal; times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _one_of(column: str, values: type[enum.Enum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


def _in_range(column: str) -> str:
    return f"{column} >= {LOWEST} AND {column} <= {HIGHEST}"


OPEN_ONLY = "NOT archived"  # the rows of the partial index of open propositions' texts


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PropositionRow(Base):
    __tablename__ = "propositions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    handle: Mapped[int] = mapped_column(Integer, unique=True)
    text: Mapped[str] = mapped_column(String(MAX_TEXT))
    text_key: Mapped[str] = mapped_column(String(MAX_TEXT), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str] = mapped_column(String(16), default="open")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Revision 0004: counts the edits; an edit made from an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __table_args__ = (
        CheckConstraint(_one_of("resolution", Resolution), name="resolution_known"),
        CheckConstraint(f"length(text) BETWEEN 1 AND {MAX_TEXT}", name="text_length"),
        # Revision 0004: one open proposition per text, however many devices add it at once.
        # Its PostgreSQL form is added by for_postgresql().
        Index("uq_propositions_text_key_open", "text_key", unique=True, sqlite_where=sql(OPEN_ONLY)),
    )
    # The UPDATE of an edit also checks the version it read, so that two edits racing
    # within the same instant cannot both pass the check made before it.
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it from the class)


class TagRow(Base):
    __tablename__ = "proposition_tags"

    proposition_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("propositions.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(MAX_TAG), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME))
    name_key: Mapped[str] = mapped_column(String(MAX_NAME), unique=True)


class ConversationRow(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    handle: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(MAX_TEXT))
    person_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="conversation")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Revision 0004: as PropositionRow.version; changing the credences logged in it counts too.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The Pre and Post write-ups (revision 0005); NULL in a journal written before them.
    pre: Mapped[str | None] = mapped_column(Text, nullable=True)
    post: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        CheckConstraint(_one_of("kind", Kind), name="kind_known"),
    )
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it from the class)


class CredenceRow(Base):
    __tablename__ = "credences"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    proposition_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("propositions.id", ondelete="CASCADE")
    )
    conversation_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=True, index=True
    )
    phase: Mapped[str] = mapped_column(String(16))
    probability: Mapped[float] = mapped_column(Float)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    # What the user expected the after to be when giving this before (revision 0002).
    expected_after: Mapped[float | None] = mapped_column(Float, nullable=True)

    __table_args__ = (
        CheckConstraint(_in_range("probability"), name="probability_range"),
        CheckConstraint(f"expected_after IS NULL OR ({_in_range('expected_after')})", name="expected_after_range"),
        CheckConstraint(f"expected_after IS NULL OR phase = '{Phase.BEFORE.value}'", name="expected_after_on_before"),
        CheckConstraint(_one_of("phase", Phase), name="phase_known"),
        CheckConstraint(
            f"(phase = '{Phase.CHECK_IN.value}') = (conversation_id IS NULL)", name="phase_matches_conversation"
        ),
        UniqueConstraint("conversation_id", "proposition_id", "phase"),
        Index("ix_credences_proposition_id_recorded_at", "proposition_id", "recorded_at"),
    )


class CruxLinkRow(Base):
    """"B depends on A" (revision 0006): B is proposition_id, A is on_id. Deleting either deletes the link."""

    __tablename__ = "crux_links"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    proposition_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("propositions.id", ondelete="CASCADE"), index=True
    )
    on_id: Mapped[str] = mapped_column(String(36), ForeignKey("propositions.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint("proposition_id <> on_id", name="not_on_itself"),
        UniqueConstraint("proposition_id", "on_id"),
    )


class CruxCredenceRow(Base):
    """P(B | A) (given_true) or P(B | not A) on a link, at a time (revision 0006)."""

    __tablename__ = "crux_credences"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    link_id: Mapped[str] = mapped_column(String(36), ForeignKey("crux_links.id", ondelete="CASCADE"))
    given_true: Mapped[bool] = mapped_column(Boolean)
    probability: Mapped[float] = mapped_column(Float)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint(_in_range("probability"), name="probability_range"),
        Index("ix_crux_credences_link_id_recorded_at", "link_id", "recorded_at"),
    )


class JournalIdentityRow(Base):
    """The journal's own UUID (revision 0003): its backups are kept by it, not by its file name."""

    __tablename__ = "journal_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36))

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)


def for_postgresql() -> None:
    """Give the partial index its PostgreSQL form, the same condition as on SQLite.

    Called when an engine on a server is made rather than declared with the index:
    naming a ``postgresql_`` option loads SQLAlchemy's PostgreSQL dialect, a third of
    the time this module takes to import, for every SQLite journal too.
    """
    table = PropositionRow.__table__
    assert isinstance(table, Table)  # a declarative model's is always one
    index = next(i for i in table.indexes if i.name == "uq_propositions_text_key_open")
    index.dialect_kwargs["postgresql_where"] = sql(OPEN_ONLY)
