"""Axis ticks for history charts: credence in % (linear or log-odds) and local calendar time.

No Qt here: the printed chart and the on-screen axis both take their ticks from these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from beliefupdate.charts.lines import LOG_ODDS_FLOOR, LOG_ODDS_LIMIT, logit

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Log-odds ticks, from the most to the least important: whichever fit are shown.
LOG_ODDS_LIMIT_ABS = -LOG_ODDS_LIMIT

_LOG_ODDS_TICKS = (0.5, 0.1, 0.9, 0.01, 0.99, 0.25, 0.75, 0.05, 0.95, LOG_ODDS_FLOOR, 1 - LOG_ODDS_FLOOR, 0.02, 0.98)


def percent_label(p: float) -> str:
    text = f"{p * 100:.1f}".removesuffix(".0")
    return f"{text}%"


def credence_ticks(log_odds: bool, height_px: float, min_spacing_px: float = 28.0) -> list[tuple[float, str]]:
    """Ticks for the credence axis as (position in axis units, label), in ascending order.

    On the linear axis the position is the probability; on the log-odds axis it is
    the log-odds, labelled with the probability it stands for.
    """
    if not log_odds:
        for step in (0.1, 0.2, 0.25, 0.5):
            n = round(1 / step)
            if height_px / n >= min_spacing_px:
                break
        return [(i * step, percent_label(i * step)) for i in range(n + 1)]
    lo, hi = credence_range(True)
    px_per_unit = height_px / (hi - lo)
    chosen: list[float] = []
    for p in _LOG_ODDS_TICKS:
        y = logit(p)
        if all(abs(y - logit(q)) * px_per_unit >= min_spacing_px for q in chosen):
            chosen.append(p)
    chosen.sort()
    return [(logit(p), percent_label(p)) for p in chosen]


def credence_range(log_odds: bool, height_px: float | None = None, room_px: float = 10.0) -> tuple[float, float]:
    """The full extent of the credence axis in axis units, with a little room above and below.

    Given the axis height in pixels, the room is ``room_px`` pixels, enough for the 0% and
    100% labels to stay within the plot.
    """
    lo, hi = (-LOG_ODDS_LIMIT_ABS, LOG_ODDS_LIMIT_ABS) if log_odds else (0.0, 1.0)
    if height_px is None or height_px <= 3 * room_px:
        pad = (hi - lo) * 0.03
    else:
        pad = room_px * (hi - lo) / (height_px - 2 * room_px)
    return lo - pad, hi + pad


def utc_offset_west(t: float) -> int:
    """Seconds west of UTC in the local zone at ``t`` (the sign pyqtgraph's DateAxisItem wants)."""
    offset = datetime.fromtimestamp(t).astimezone().utcoffset()
    return -int(offset.total_seconds()) if offset is not None else 0


def zone_name(t: float) -> str:
    return datetime.fromtimestamp(t).astimezone().tzname() or "local time"


@dataclass(frozen=True)
class _Step:
    unit: str  # "minute", "hour", "day", "week", "month", "year"
    count: int
    seconds: float  # approximate length, to compare with the window


_STEPS = (
    # Minutes, so that a journal of an hour (or one conversation) still gets several ticks.
    [_Step("minute", n, n * 60) for n in (5, 10, 15, 30)]
    + [_Step("hour", n, n * 3600) for n in (1, 2, 3, 6, 12)]
    + [_Step("day", n, n * 86400) for n in (1, 2)]
    + [_Step("week", n, n * 7 * 86400) for n in (1, 2)]
    + [_Step("month", n, n * 30.44 * 86400) for n in (1, 2, 3, 6)]
    + [_Step("year", n, n * 365.25 * 86400) for n in (1, 2, 5, 10, 20, 50, 100)]
)


def time_ticks(start: float, end: float, width_px: float, label_px: float) -> list[tuple[float, str]]:
    """Ticks at round local calendar times (midnights, Mondays, first of the month...).

    Picks the finest step whose labels, ``label_px`` wide, fit into ``width_px``.
    """
    if end <= start or width_px <= 0:
        return []
    seconds_per_px = (end - start) / width_px
    for step in _STEPS:
        if step.seconds / seconds_per_px >= label_px:
            break
    many_years = datetime.fromtimestamp(start).year != datetime.fromtimestamp(end).year
    out: list[tuple[float, str]] = []
    for when in _calendar(start, end, step):
        out.append((when.timestamp(), _label(when, step, first=not out, many_years=many_years)))
    return out


def _calendar(start: float, end: float, step: _Step) -> Iterator[datetime]:
    first = datetime.fromtimestamp(start).astimezone()
    last = datetime.fromtimestamp(end).astimezone()
    naive = first.replace(tzinfo=None)
    advance: Callable[[datetime], datetime]
    if step.unit == "minute":
        cur = naive.replace(second=0, microsecond=0)
        cur = cur.replace(minute=cur.minute - cur.minute % step.count)
        advance = lambda d: d + timedelta(minutes=step.count)
    elif step.unit == "hour":
        cur = naive.replace(minute=0, second=0, microsecond=0)
        cur = cur.replace(hour=cur.hour - cur.hour % step.count)
        advance = lambda d: d + timedelta(hours=step.count)
    elif step.unit == "day":
        cur = naive.replace(hour=0, minute=0, second=0, microsecond=0)
        advance = lambda d: d + timedelta(days=step.count)
    elif step.unit == "week":
        cur = naive.replace(hour=0, minute=0, second=0, microsecond=0)
        cur -= timedelta(days=cur.weekday())
        advance = lambda d: d + timedelta(days=7 * step.count)
    elif step.unit == "month":
        cur = naive.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        cur = cur.replace(month=cur.month - (cur.month - 1) % step.count)
        advance = lambda d: _add_months(d, step.count)
    else:
        cur = naive.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
        cur = cur.replace(year=cur.year - cur.year % step.count)
        advance = lambda d: d.replace(year=d.year + step.count)
    last_naive = last.replace(tzinfo=None)
    while cur <= last_naive:
        # Naive local wall time -> aware: astimezone() resolves the zone (and DST) at that date.
        aware = cur.astimezone()
        if aware.timestamp() >= start:
            yield aware
        cur = advance(cur)


def _add_months(d: datetime, n: int) -> datetime:
    month = d.month - 1 + n
    return d.replace(year=d.year + month // 12, month=month % 12 + 1)


def _label(when: datetime, step: _Step, *, first: bool, many_years: bool) -> str:
    """Short labels; the larger unit (day, year) is named where it changes and on the first tick."""
    day = f"{when.day} {MONTHS[when.month - 1]}"
    if step.unit in ("minute", "hour"):
        return day if when.hour == when.minute == 0 else f"{when.hour:02d}:{when.minute:02d}"
    if step.unit in ("day", "week"):
        new_year = when.month == 1 and when.day <= step.seconds / 86400
        return f"{day} {when.year}" if many_years and (first or new_year) else day
    if step.unit == "month":
        return f"{MONTHS[when.month - 1]} {when.year}" if first or when.month <= step.count else MONTHS[when.month - 1]
    return str(when.year)


def date_range_text(start: float, end: float) -> str:
    """'3 Mar – 14 Apr 2026', '28 Dec 2025 – 4 Jan 2026', or one day: '3 Mar 2026'."""
    a = datetime.fromtimestamp(start)
    b = datetime.fromtimestamp(end)
    right = f"{b.day} {MONTHS[b.month - 1]} {b.year}"
    if a.date() == b.date():
        return right
    left = f"{a.day} {MONTHS[a.month - 1]}" + ("" if a.year == b.year else f" {a.year}")
    return f"{left} – {right}"
