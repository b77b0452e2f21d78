"""Momentum or zig-zag and relaxing back in the Insights view, on the examples worked by hand in docs/measures.md."""

from beliefupdate.domain.types import CredenceEntry
from tests.ui.insights.reading import at, open_insights


def test_momentum_or_zig_zag_as_worked_in_the_docs(qtbot, make_window, journal):
    # 50 → 60 → 70 → 80: changes +10, +10, +10, two pairs (0.01 each); 50 → 60 → 60 → 50: the repeat
    # skipped, +10, −10, one pair (−0.01). Correlation 0.01 / √(0.03 · 0.03) = 0.33, z = 0.33 · √3 = 0.58.
    rising = journal.add_proposition("Rising", created_at=at("2026-01-01"))
    back = journal.add_proposition("Back and forth", created_at=at("2026-01-01"))
    for day, p in enumerate((0.5, 0.6, 0.7, 0.8), start=2):
        journal.check_in(rising.id, p, at=at(f"2026-01-0{day}"))
    for day, p in enumerate((0.5, 0.6, 0.6, 0.5), start=2):
        journal.check_in(back.id, p, at=at(f"2026-01-0{day}"))
    view = open_insights(qtbot, make_window(journal))
    view.show_tab("Reaction")
    assert view.momentum.isVisible()
    assert view.momentum.text() == (
        "Successive changes: correlation +0.33 over 3 pairs (z = +0.58): too few to tell (it needs 20 pairs).")


def test_relaxing_back_as_worked_in_the_docs(qtbot, make_window, journal):
    # Ten updates 50% → 80%, each followed by a check-in: drift −10, −8, −6, −10, −12, −8, −10, −6, −10, −8 pp,
    # a mean of −8.8 pp, t = −14.4 against ±2.26 (9 degrees of freedom): relaxes back.
    props = [journal.add_proposition(f"Claim {i}", created_at=at("2026-01-01")) for i in range(10)]
    journal.log_conversation("Long talk", [CredenceEntry(p.id, 0.5, 0.8) for p in props], occurred_at=at("2026-01-02"))
    for p, end in zip(props, (0.70, 0.72, 0.74, 0.70, 0.68, 0.72, 0.70, 0.74, 0.70, 0.72), strict=True):
        journal.check_in(p.id, end, at=at("2026-01-05"))
    view = open_insights(qtbot, make_window(journal))
    view.show_tab("Drift")
    assert view.summaries["drift"].text().endswith(
        "<br>Drift along the update: −8.8 pp on average over 10 stretches (t = −14.4, 5% cut-off ±2.26): "
        "relaxes back. Below 0 relaxes back toward where it was, above 0 keeps going.")
