"""An update's strength as the app writes it beside its change in points."""

from __future__ import annotations

from beliefupdate.domain.measures import UpdateSize, format_bits, format_likelihood_ratio, update_size


def evidence_of(size: UpdateSize) -> str:
    """'+1.4 bits · 2.67 : 1' or '−1.4 bits · 0.375 : 1' for a move, 'certain ↑' to or from certainty (its ratio says nothing more), '' for none."""
    if not size.moved:
        return ""
    if size.infinite:
        return format_bits(size.bits)
    return f"{format_bits(size.bits)} · {format_likelihood_ratio(size.likelihood_ratio)}"


def evidence_text(before: float, after: float) -> str:
    return evidence_of(update_size(before, after))
