"""Cell texts and columns that several Insights tables share: kinds, days, new beliefs, toward the truth."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from beliefupdate.domain.measures.truth import TruthScore
from beliefupdate.domain.numbers import DASH, counted, part_of, signed
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import Kind
from beliefupdate.ui.insights.table_model import number
from beliefupdate.ui.models.base import Column
from beliefupdate.ui.models.conversations import KIND_LABELS


def kind_label(value: str | None) -> str:
    try:
        return KIND_LABELS[Kind(value)]
    except ValueError:
        return value or ""


def day(at: datetime) -> str:
    return format_local(at)[:10]


HANDLE_TIP = "The proposition's number"


def truth_text(t: TruthScore | None) -> str:
    """Toward the truth as a cell: '+1.00 bits', '−0.32 bits + 1 certain', or a dash with nothing resolved."""
    if t is None or not t.scored:
        return DASH
    text = f"{signed(t.log_gain, 2)} bits" if t.scored > t.log_gain_infinite else ""
    if t.log_gain_infinite:
        text += f"{' + ' if text else ''}{t.log_gain_infinite} certain"
    return text


def right_text(t: TruthScore | None) -> str:
    return DASH if t is None or not t.moved else part_of(t.right, t.moved)


def truth_tip(t: TruthScore | None) -> str | None:
    if t is None or not t.scored:
        return "No update on a proposition resolved true or false yet."
    brier = f"Brier {signed(t.brier_gain, 3)} (above 0: closer to what happened)"
    infinite = (f"; {counted(t.log_gain_infinite, 'update')} to or from a certain miss, "
                "left out of the bits") if t.log_gain_infinite else ""
    return f"Over {counted(t.scored, 'resolved update')}: {brier}{infinite}."


TRUTH_TIP = ("Toward the truth: on propositions that resolved, the change in log score from before to after, "
             "summed, in bits. Above 0 moved you toward what happened; a swing away counts against")
RIGHT_TIP = "Moves toward what happened, of the moves on propositions that resolved true or false"


def _log_gain(t: TruthScore | None) -> float | None:
    return t.log_gain if t is not None and t.scored else None


def _right_share(t: TruthScore | None) -> float | None:
    return t.right_share if t is not None else None


def truth_columns(of: Callable[[Any], TruthScore | None]) -> tuple[Column[Any], Column[Any]]:
    """The two toward-the-truth columns, for rows whose TruthScore is ``of(row)`` (rows of any table, as a
    Column[Any] takes them)."""
    return (
        number("Toward truth", lambda r: truth_text(of(r)), lambda r: _log_gain(of(r)), TRUTH_TIP,
               cell_tip=lambda r: truth_tip(of(r))),
        number("Right way", lambda r: right_text(of(r)), lambda r: _right_share(of(r)), RIGHT_TIP),
    )


def new_column(of: Callable[[Any], int]) -> Column[Any]:
    """New beliefs formed, as stats --json counts them (``new_beliefs``)."""
    return number("New", lambda r: str(of(r)) if of(r) else "", of,
                  "New beliefs formed: propositions first thought of in it, with an after and no before")
