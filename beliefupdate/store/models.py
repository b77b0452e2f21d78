"""SQLAlchemy models. Portable SQL only: SQLite-specific settings live in engine.py."""

from __future__ import annotations

from datetime import datetime, timezone

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
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out.

    ``DateTime(timezone=True)`` drops the offset on SQLite, so times are stored
    as naive UTC and the zone is put back on the way out.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the journal; times must be timezone-aware")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PropositionRow(Base):
    __tablename__ = "propositions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    handle: Mapped[int] = mapped_column(Integer, unique=True)
    text: Mapped[str] = mapped_column(String(500))
    text_key: Mapped[str] = mapped_column(String(500), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str] = mapped_column(String(16), default="open")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        CheckConstraint("resolution IN ('open', 'true', 'false', 'ambiguous')", name="resolution_known"),
        CheckConstraint("length(text) BETWEEN 1 AND 500", name="text_length"),
    )


class TagRow(Base):
    __tablename__ = "proposition_tags"

    proposition_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("propositions.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)


class ConversationRow(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    handle: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(500))
    person_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="conversation")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint(
            "kind IN ('conversation', 'reading', 'ai', 'reflection', 'other')", name="kind_known"
        ),
    )


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
        CheckConstraint("probability >= 0 AND probability <= 1", name="probability_range"),
        CheckConstraint(
            "expected_after IS NULL OR (expected_after >= 0 AND expected_after <= 1)", name="expected_after_range"
        ),
        CheckConstraint("expected_after IS NULL OR phase = 'before'", name="expected_after_on_before"),
        CheckConstraint("phase IN ('before', 'after', 'check-in')", name="phase_known"),
        CheckConstraint(
            "(phase = 'check-in') = (conversation_id IS NULL)", name="phase_matches_conversation"
        ),
        UniqueConstraint("conversation_id", "proposition_id", "phase"),
        Index("ix_credences_proposition_id_recorded_at", "proposition_id", "recorded_at"),
    )


class JournalIdentityRow(Base):
    """The journal's own UUID (revision 0003): its backups are kept by it, not by its file name."""

    __tablename__ = "journal_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36))

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
