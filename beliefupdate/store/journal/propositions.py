"""The Journal's propositions: adding, editing, archiving, resolving, deleting and reading them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select

from beliefupdate.domain.text import clean_notes, clean_tags, clean_text, text_key
from beliefupdate.domain.times import checked_time, now_utc
from beliefupdate.domain.types import TREND_LENGTH, JournalData, Proposition, PropositionSummary, Resolution
from beliefupdate.store.cruxes import links_of
from beliefupdate.store.journal.core import JournalCore, retried
from beliefupdate.store.models import CredenceRow, PropositionRow, TagRow
from beliefupdate.store.queries import (
    IN_CHUNK,
    chunked,
    credence_counts,
    last_moves,
    recent_credences,
    stored_times,
    tags_of,
)
from beliefupdate.store.records import credence_of, proposition_of
from beliefupdate.store.references import find


class PropositionsMixin(JournalCore):
    """Propositions and where each stands."""

    @retried
    def add_proposition(
        self, text: str, tags: Iterable[str] = (), notes: str = "", *, created_at: datetime | None = None
    ) -> Proposition:
        text = clean_text(text)
        tags = clean_tags(tags)
        with self._write() as s:
            row = self._insert_proposition(s, text, tags, notes, checked_time(created_at) if created_at else now_utc())
            return proposition_of(row, tags)

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
