"""An update's strength as the app writes it beside its change in points."""

from __future__ import annotations

# From its module, not the package: the package loads its names lazily, and mypy sees them as objects.
from beliefupdate.domain.measures.evidence import UpdateSize, format_evidence


def evidence_of(size: UpdateSize) -> str:
    """'+1.4 bits · 2.67 : 1' or '−1.4 bits · 0.375 : 1' for a move, 'to certainty ↑' or 'from certainty ↓'
    to or from certainty (its ratio says nothing more), '' for none."""
    return format_evidence(size.before, size.after)


def evidence_text(before: float, after: float) -> str:
    return format_evidence(before, after)
