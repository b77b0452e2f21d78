"""Brier decomposition, skill and Spiegelhalter's z: the worked example of docs/measures.md."""

from __future__ import annotations

import math

import pytest

from beliefupdate.domain.measures.decomposition import decompose

EXAMPLE = [(0.8, True), (0.8, True), (0.8, False), (0.2, False), (0.2, False), (0.2, True)]


def test_the_worked_example():
    d = decompose(EXAMPLE)
    assert d.base_rate == 0.5 and d.uncertainty == 0.25
    assert d.reliability == pytest.approx((0.8 - 2 / 3) ** 2)  # both groups miss by 2/15
    assert d.resolution == pytest.approx((1 / 6) ** 2)
    assert d.brier == pytest.approx(0.24) == pytest.approx(d.reliability - d.resolution + d.uncertainty)
    assert d.skill == pytest.approx(0.04)
    # Σ (o − p)(1 − 2p) = 0.48, Σ (1 − 2p)² p(1 − p) = 6 · 0.36 · 0.16 = 0.3456
    assert d.spiegelhalter_z == pytest.approx(0.48 / math.sqrt(0.3456))
    assert d.spiegelhalter_p == pytest.approx(0.414, abs=1e-3)
    assert d.too_few


def test_edges_are_empty_not_errors():
    assert decompose([]).brier is None
    one_sided = decompose([(0.5, True), (1.0, True)])
    assert one_sided.skill is None and one_sided.spiegelhalter_z is None  # no uncertainty, no weight
