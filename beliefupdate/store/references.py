"""Finding a proposition or conversation by what a user types: number, id, text or its start."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import ColumnElement, Row, literal, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from beliefupdate.domain.errors import Ambiguous, InvalidInput, NotFound
from beliefupdate.domain.text import text_key
from beliefupdate.store.models import ConversationRow, PropositionRow

MIN_PREFIX = 4

R = TypeVar("R", PropositionRow, ConversationRow)
# (handle, text or title, archived)
Labelled = Row[int, str, bool]


def find(s: Session, model: type[R], ref: str, what: str) -> R:
    if not ref:
        raise InvalidInput(f"empty {what} reference")
    handle = ref[1:] if ref.startswith("#") else ref
    if handle.isascii() and handle.isdigit():  # not '²' or '①', which int() refuses
        # A number too long for SQLite (or for int()) names nothing: said so, not an overflow.
        row = s.scalar(select(model).where(model.handle == int(handle))) if len(handle) <= 18 else None
        if row is None:
            raise NotFound(f"no {what} #{handle if len(handle) <= 20 else handle[:20] + '…'}")
        return row
    row = s.get(model, ref)
    if row is not None:
        return row
    # Matching happens in Python: SQL lower() does not fold non-ASCII text.
    is_prop = model is PropositionRow
    label = PropositionRow.text if is_prop else ConversationRow.title
    archived: InstrumentedAttribute[bool] | ColumnElement[bool] = PropositionRow.archived if is_prop else literal(False)
    rows = s.execute(select(model.handle, label, archived).order_by(model.handle)).all()
    key = text_key(ref)

    def pick(candidates: list[Labelled]) -> list[Labelled]:
        if len(candidates) > 1:
            live = [c for c in candidates if not c[2]]
            candidates = live or candidates
        return candidates

    exact = pick([r for r in rows if text_key(r[1]) == key])
    if len(exact) > 1:
        raise Ambiguous(f"{len(exact)} {what}s are titled {ref!r}: " + _candidates(exact))
    if not exact and len(key) >= MIN_PREFIX:
        exact = pick([r for r in rows if text_key(r[1]).startswith(key)])
        if len(exact) > 1:
            raise Ambiguous(f"{ref!r} matches several {what}s: " + _candidates(exact))
    if exact:
        return s.scalars(select(model).where(model.handle == exact[0][0])).one()
    near = [r for r in rows if key[:40] in text_key(r[1])]
    hint = f"; did you mean {_candidates(near)}?" if near else ""
    if len(key) < MIN_PREFIX and not hint:
        hint = f" (give its number, its exact text, or at least {MIN_PREFIX} characters of it)"
    raise NotFound(f"no {what} matches {ref!r}{hint}")


def _candidates(rows: Sequence[Labelled]) -> str:
    """'#3 'text…', #5 '…'' from (handle, label, ...) rows."""
    parts = []
    for r in rows[:5]:
        label = r[1]
        if len(label) > 50:
            label = label[:49] + "…"
        parts.append(f"#{r[0]} {label!r}")
    more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    return ", ".join(parts) + more
