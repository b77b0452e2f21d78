"""Colours: each proposition keeps its colour across runs, selections and exports.

A palette of ten well-separated colours per theme (equal OKLCH lightness
steps, so every colour is about as readable as the next on the same
background). Each proposition prefers the colour its UUID hashes to; the
journal's propositions claim their preferred colours in creation order, and
one whose colour is already taken gets the next free one. So colours do not
depend on the list's order or on what else is selected, adding a proposition
never recolours another, and the first ten never share a colour.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Ten line colours for a white background, after Paul Tol's qualitative schemes
# (made for colour-blind readers), with the lightest ones darkened for thin lines.
_LIGHT_PALETTE = (
    "#4477aa", "#e0475b", "#228833", "#b59a1a", "#2aa3c9",
    "#aa3377", "#e07b28", "#8c5a2b", "#7e57c2", "#4d4d4d",
)
PALETTE_SIZE = len(_LIGHT_PALETTE)
# On a dark background the same hues are lifted to this OKLCH lightness at least.
_DARK_MIN_LIGHTNESS = 0.76


@dataclass(frozen=True)
class Theme:
    """Colours around the series, as #rrggbb."""

    name: str
    background: str
    plot_background: str
    text: str
    muted_text: str
    grid: str
    frame: str
    marker: str


LIGHT = Theme("light", "#ffffff", "#ffffff", "#202124", "#5f6368", "#e3e5e8", "#b7bcc2", "#9aa0a6")
DARK = Theme("dark", "#1e1f22", "#1e1f22", "#e8eaed", "#aeb4bb", "#34373c", "#5b6068", "#6f757d")


def preferred_slot(proposition_id: str) -> int:
    """The palette slot a proposition wants: depends on its id only."""
    digest = hashlib.sha256(proposition_id.encode()).digest()
    return int.from_bytes(digest[:4], "big") % PALETTE_SIZE


def assign_slots(ids_in_creation_order: Iterable[str]) -> dict[str, int]:
    """Palette slots for a whole journal's propositions, oldest first.

    Each takes the slot its id prefers unless that colour is taken or too
    close to one taken; then the free colour farthest from those taken.
    """
    taken: list[int] = []
    out: dict[str, int] = {}
    for pid in ids_in_creation_order:
        slot = preferred_slot(pid)
        free = [i for i in range(PALETTE_SIZE) if i not in taken]
        if free and (slot in taken or _nearest(slot, taken) < _CLOSE):
            slot = max(free, key=lambda i: (round(_nearest(i, taken), 3), -((i - slot) % PALETTE_SIZE)))
        taken.append(slot)
        out[pid] = slot
    return out


# Two palette colours nearer than this (OKLab distance) are too alike to share a chart when avoidable.
_CLOSE = 0.2


def _nearest(slot: int, taken: list[int]) -> float:
    return min((_DISTANCES[slot][t] for t in taken), default=math.inf)


def slot_colour(slot: int, theme: str = "light") -> str:
    """#rrggbb of palette ``slot`` in ``theme`` ("light" or "dark")."""
    base = _LIGHT_PALETTE[slot % PALETTE_SIZE]
    if theme == "light":
        return base
    lightness, chroma, hue = hex_to_oklch(base)
    return oklch_hex(max(lightness, _DARK_MIN_LIGHTNESS), chroma, hue)


def series_colour(proposition_id: str, theme: str = "light", slots: Mapping[str, int] | None = None) -> str:
    """The proposition's line colour: its assigned slot if known, else the one its id prefers."""
    slot = slots.get(proposition_id) if slots else None
    return slot_colour(preferred_slot(proposition_id) if slot is None else slot, theme)


def oklch_hex(lightness: float, chroma: float, hue: float) -> str:
    """#rrggbb for an OKLCH colour, lowering chroma until it fits into sRGB."""
    c = chroma
    while True:
        rgb = _oklab_to_srgb(lightness, c * math.cos(math.radians(hue)), c * math.sin(math.radians(hue)))
        if all(-1e-4 <= v <= 1 + 1e-4 for v in rgb) or c <= 0:
            break
        c -= 0.005
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in rgb)


def _oklab(colour: str) -> tuple[float, float, float]:
    lightness, chroma, hue = hex_to_oklch(colour)
    return lightness, chroma * math.cos(math.radians(hue)), chroma * math.sin(math.radians(hue))


def hex_to_oklch(colour: str) -> tuple[float, float, float]:
    """OKLCH (lightness 0..1, chroma, hue in degrees) of a #rrggbb colour."""
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    bb = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return lightness, math.hypot(a, bb), math.degrees(math.atan2(bb, a)) % 360


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _oklab_to_srgb(lightness: float, a: float, b: float) -> tuple[float, float, float]:
    # Björn Ottosson's OKLab -> linear sRGB matrices, then the sRGB transfer curve.
    l_ = lightness + 0.3963377774 * a + 0.2158037573 * b
    m_ = lightness - 0.1055613458 * a - 0.0638541728 * b
    s_ = lightness - 0.0894841775 * a - 1.2914855480 * b
    l, m, s = l_**3, m_**3, s_**3
    linear = (
        4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
        -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
        -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s,
    )
    return tuple(_gamma(v) for v in linear)  # type: ignore[return-value]


def _gamma(v: float) -> float:
    if v <= 0.0031308:
        return 12.92 * v
    return 1.055 * math.copysign(abs(v) ** (1 / 2.4), v) - 0.055


_DISTANCES = [[math.dist(_oklab(a), _oklab(b)) for b in _LIGHT_PALETTE] for a in _LIGHT_PALETTE]
