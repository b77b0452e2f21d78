"""Momentum or zig-zag, and relaxing back: the worked examples of docs/measures.md."""

from __future__ import annotations

import pytest
from measures_factories import credence, proposition

from beliefupdate.domain.measures import drift_segments
from beliefupdate.domain.measures.serial import TOO_FEW, drift_direction, serial_correlation
from beliefupdate.domain.types import Phase

B, A, C = Phase.BEFORE, Phase.AFTER, Phase.CHECK_IN


def path(pid, values):
    return [credence(pid, C, p, day) for day, p in enumerate(values)]


def test_the_worked_example():
    # p1: 50 -> 60 -> 70 -> 80, changes +10, +10, +10: two pairs, products 0.01 each
    # p2: 50 -> 60 -> 60 -> 50, the repeat skipped: changes +10, −10, one pair, product −0.01
    creds = path("p1", [0.5, 0.6, 0.7, 0.8]) + path("p2", [0.5, 0.6, 0.6, 0.5])
    s = serial_correlation([proposition("p1"), proposition("p2")], creds)
    assert s.pairs == 3 and s.same_direction == 2
    assert s.correlation == pytest.approx(0.01 / 0.03)  # (0.01 + 0.01 − 0.01) / √(0.03 · 0.03)
    assert s.z == pytest.approx(1 / 3 * 3 ** 0.5)
    assert s.reading == TOO_FEW


def test_steady_momentum_reads_as_momentum():
    creds = [c for i in range(7) for c in path(f"p{i}", [0.1, 0.2, 0.3, 0.4, 0.5])]
    s = serial_correlation([proposition(f"p{i}") for i in range(7)], creds)
    assert (s.pairs, s.correlation, s.reading) == (21, pytest.approx(1.0), "momentum")


def test_relaxing_back_between_conversations():
    creds = []
    for i, end in enumerate([0.7, 0.72, 0.74, 0.7, 0.68, 0.72, 0.7, 0.74, 0.7, 0.72]):
        pid = f"p{i}"
        creds += [credence(pid, B, 0.5, 0, "c1"), credence(pid, A, 0.8, 1, "c1"), credence(pid, C, end, 2)]
    d = drift_direction(drift_segments(creds))
    # every update went up 30 pp and fell back 6 to 12 (ends average 71.2%): mean along the update −0.088
    assert d.segments == 10 and d.mean_along_update == pytest.approx(-0.088)
    assert d.mean_drift == pytest.approx(-0.088)
    assert d.reading == "relaxes back" and d.t < -d.critical


def test_few_segments_are_too_few():
    creds = [credence("p1", B, 0.5, 0, "c1"), credence("p1", A, 0.8, 1, "c1"), credence("p1", C, 0.7, 2)]
    d = drift_direction(drift_segments(creds))
    assert (d.segments, d.reading) == (1, TOO_FEW) and d.mean_along_update == pytest.approx(-0.1)
