"""Each proposition keeps its colour: from its id, not its place in a list or the current selection."""

import uuid

from beliefupdate.charts import colours
from beliefupdate.charts.colours import assign_slots, hex_to_oklch, series_colour, slot_colour


def ids(n, seed=0):
    return [str(uuid.UUID(int=(seed * 1000 + i) * 7919 + 1)) for i in range(n)]


def test_the_same_id_gets_the_same_colour_every_time():
    pid = "4b1f6f3e-0000-4000-8000-000000000001"
    assert series_colour(pid) == series_colour(pid)
    assert colours.preferred_slot(pid) == colours.preferred_slot(str(uuid.UUID(pid)))


def test_the_first_ten_propositions_never_share_a_colour():
    for seed in range(20):
        slots = assign_slots(ids(10, seed))
        assert sorted(slots.values()) == list(range(colours.PALETTE_SIZE))


def test_adding_a_proposition_never_recolours_the_others():
    old = ids(6)
    before = assign_slots(old)
    after = assign_slots(old + ids(1, seed=99))
    assert {k: after[k] for k in old} == before


def test_propositions_shown_together_get_distinct_colours_when_possible():
    for seed in range(20):
        slots = assign_slots(ids(5, seed))
        shown = [slot_colour(s) for s in slots.values()]
        assert len(set(shown)) == 5


def test_dark_theme_colours_are_lighter_versions_of_the_same_hue():
    for slot in range(colours.PALETTE_SIZE):
        light, dark = hex_to_oklch(slot_colour(slot, "light")), hex_to_oklch(slot_colour(slot, "dark"))
        assert dark[0] >= 0.75 > light[0] - 0.01
        if light[1] > 0.05:  # the grey has no hue to keep
            assert abs((dark[2] - light[2] + 180) % 360 - 180) < 25


def test_oklch_round_trip():
    for colour in ("#4477aa", "#e0475b", "#228833"):
        assert colours.oklch_hex(*hex_to_oklch(colour)) == colour
