"""How conversations moved you: by conversation, by who or what kind of source, and toward the truth by tag."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from beliefupdate.domain.measures.conversations import ConversationMovement
from beliefupdate.domain.measures.sources import SourceInfluence
from beliefupdate.domain.measures.truth import TruthRow
from beliefupdate.domain.numbers import DASH, counted, in_bits, part_of, percent, points, share, signed
from beliefupdate.domain.times import format_local
from beliefupdate.ui.evidence import evidence_of
from beliefupdate.ui.insights.cells import day, kind_label, new_column, truth_columns
from beliefupdate.ui.insights.table_model import InsightModel, Target, number
from beliefupdate.ui.models.base import Column
from beliefupdate.ui.models.conversations import KIND_LABELS
from beliefupdate.ui.models.propositions import FALL, RISE


def _biggest_text(m: ConversationMovement) -> str:
    b = m.biggest
    if b is None:
        return "nothing moved" if m.updates else "no afters yet"
    s = b.size
    return f"#{b.proposition_handle} {percent(s.before)} → {percent(s.after)}  {evidence_of(s)}"


def _biggest_tip(m: ConversationMovement) -> str | None:
    b = m.biggest
    return None if b is None else f"#{b.proposition_handle} {b.proposition_text}\n{points(b.size.change)}"


def _bits_measured(m: ConversationMovement) -> bool:
    return m.updates > m.infinite


class ConversationMovementModel(InsightModel[ConversationMovement]):
    WHEN, TITLE, PERSON, KIND, MOVED, BITS, CERTAIN, NEW, TRUTH, RIGHT, BIGGEST = range(11)
    TABLE = (
        Column("Date", lambda m: day(m.occurred_at), lambda m: m.occurred_at, "When it took place (local time)",
               cell_tip=lambda m: format_local(m.occurred_at)),
        Column("Conversation", lambda m: m.title, lambda m: m.title, "The conversation, paper or chat",
               cell_tip=lambda m: m.title),
        Column("With", lambda m: m.person_name or "", lambda m: m.person_name or "", "Who it was with"),
        Column("Kind", lambda m: KIND_LABELS[m.kind], lambda m: KIND_LABELS[m.kind], "What kind of source it was"),
        number("Moved", lambda m: part_of(m.moved, m.updates) if m.updates else DASH, lambda m: m.moved,
               "Propositions whose after differs from their before, of those with both"),
        number("Evidence", lambda m: in_bits(m.total_bits) if _bits_measured(m) else DASH,
               lambda m: m.total_bits if _bits_measured(m) else None,
               "Total movement: |bits| summed over its updates; one bit doubles or halves the odds"),
        number("Certain", lambda m: str(m.infinite) if m.infinite else "", lambda m: m.infinite,
               "Updates to or from 0% or 100%: infinitely strong, counted here and left out of the bits"),
        new_column(lambda m: m.new_beliefs),
        *truth_columns(lambda m: m.truth),
        Column("Biggest mover", _biggest_text, lambda m: abs(m.biggest.size.bits) if m.biggest else None,
               "The update with the most evidence in bits, and its implied likelihood ratio (a move to or from "
               "certainty beats any finite one)",
               cell_tip=_biggest_tip),
    )

    def row_id(self, row: ConversationMovement) -> str:
        return row.conversation_id

    def colour(self, m: ConversationMovement, column: int) -> QColor | None:
        if column == self.BIGGEST and m.biggest is not None:
            return RISE if m.biggest.size.change > 0 else FALL
        return None

    def target(self, m: ConversationMovement) -> Target:
        return Target(conversation_id=m.conversation_id)


def _consistency_text(r: SourceInfluence) -> str:
    if r.consistency is None:
        return DASH
    return f"{share(r.consistency)} ({r.consistency_pairs} prop.)"


def _consistency_tip(r: SourceInfluence) -> str:
    if r.consistency is None:
        return "No proposition was moved twice by this source, so there is no direction to be consistent in."
    n = r.consistency_pairs
    return f"Over {counted(n, 'proposition')} it moved at least twice."


def _kind(r: SourceInfluence) -> str:
    return kind_label(r.key)


def _person(r: SourceInfluence) -> str:
    return f"({r.label})" if r.key is None else r.label


def _source_columns(first: Column[Any]) -> tuple[Column[Any], ...]:
    """The columns of a table of sources, whose first column says what a source is."""
    return (
        number("Rank", lambda r: str(r.rank), lambda r: r.rank,
               "1 moves you most: by average evidence per conversation, then by certain updates, then by number"),
        first,
        number("Conversations", lambda r: str(r.conversations), lambda r: r.conversations,
               "Conversations from this source"),
        number("Average", lambda r: in_bits(r.mean_bits), lambda r: r.mean_bits,
               "Average movement: bits per conversation that had a finite update"),
        number("Total", lambda r: in_bits(r.total_bits) if r.measured else DASH,
               lambda r: r.total_bits if r.measured else None, "All the bits its conversations moved you"),
        number("Moved", lambda r: part_of(r.moved, r.updates) if r.updates else DASH, lambda r: r.moved,
               "Updates that moved, of all its before → after pairs"),
        number("Certain", lambda r: str(r.infinite) if r.infinite else "", lambda r: r.infinite,
               "Updates to or from 0% or 100%, counted apart from the bits"),
        new_column(lambda r: r.new_beliefs),
        *truth_columns(lambda r: r.truth),
        Column("Same way", _consistency_text, lambda r: r.consistency,
               "Direction consistency: on each proposition it moved twice or more, the share of moves in its usual "
               "direction (50% no pattern, 100% always the same way)", cell_tip=_consistency_tip),
    )


class SourcesModel(InsightModel[SourceInfluence]):
    """Who or what kind of source moves you most: PeopleModel and KindsModel, which differ in their first column."""

    RANK, LABEL, CONVERSATIONS, AVERAGE, TOTAL, MOVED, CERTAIN, NEW, TRUTH, RIGHT, CONSISTENCY = range(11)

    def row_id(self, row: SourceInfluence) -> str:
        return row.key or ""


class PeopleModel(SourcesModel):
    TABLE = _source_columns(
        Column("Person", _person, _person, "Conversations with no person named form a row of their own",
               cell_tip=lambda r: "Conversations logged without a person" if r.key is None else None))


class KindsModel(SourcesModel):
    TABLE = _source_columns(Column("Kind", _kind, _kind, "The kind of source"))


class TagTruthModel(InsightModel[TruthRow]):
    """Toward the truth per tag: an update counts under each tag of its proposition."""

    TAG, SCORED, TRUTH, RIGHT, BRIER = range(5)
    TABLE = (
        Column("Tag", lambda r: r.label, lambda r: r.label, "The tag"),
        number("Updates", lambda r: str(r.truth.scored), lambda r: r.truth.scored,
               "Before → after pairs on its propositions that resolved true or false, made by the resolution"),
        *truth_columns(lambda r: r.truth),
        number("Brier", lambda r: signed(r.truth.brier_gain), lambda r: r.truth.brier_gain,
               "The change in Brier score, summed: above 0 moved you closer to what happened"),
    )

    def row_id(self, row: TruthRow) -> str:
        return row.label
