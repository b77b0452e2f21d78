"""Time handling: everything in the journal is timezone-aware and stored as UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from beliefupdate.domain.errors import InvalidInput

# Every time the journal takes in lies in this window. Python's datetime ends at
# the years 1 and 9999 in local time, so a time near either end overflows as soon
# as it is moved to UTC or shown in another zone, and charts and the wide CSV
# export walk day by day up to the newest time; no belief is dated outside it.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def now_utc() -> datetime:
    return datetime.now(UTC)


def parse_when(text: str) -> datetime:
    """ISO 8601 date or date-time; without an offset it means local time.

    Returns an aware datetime in UTC.
    """
    s = text.strip()
    if not s:
        raise InvalidInput("empty time: use ISO 8601 such as 2026-11-26T18:30")
    if s.lower() == "now":
        return now_utc()
    try:
        value = datetime.fromisoformat(s.replace("z", "Z"))
    except ValueError:
        raise InvalidInput(
            f"cannot read {text!r} as a time; use ISO 8601 such as 2026-11-26T18:30 or 2026-11-26T18:30+01:00"
        ) from None
    return checked_time(value, text)


def checked_time(value: datetime, shown: str | None = None) -> datetime:
    """``value`` as an aware UTC datetime, or InvalidInput if it lies outside the
    years the journal accepts (``shown`` is how the user wrote it)."""
    try:
        utc = ensure_utc(value)
    except (OverflowError, ValueError, OSError):  # past year 1 or 9999 once moved to UTC
        utc = None
    if utc is None or not EARLIEST <= utc < LATEST:
        raise InvalidInput(
            f"time {shown if shown is not None else value.isoformat()!r} is out of range; "
            f"times must lie between {EARLIEST.year} and {LATEST.year}"
        )
    return utc


def ensure_utc(value: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken as local time."""
    if value.tzinfo is None:
        value = value.astimezone()  # interprets naive as local time
    return value.astimezone(UTC)


def to_iso(value: datetime) -> str:
    """ISO 8601 with offset, as written to JSON."""
    return ensure_utc(value).isoformat()


def to_local(value: datetime) -> datetime:
    return value.astimezone()


def format_local(value: datetime, *, seconds: bool = False) -> str:
    """A time as the user reads it: their local time, no offset noise."""
    return to_local(value).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def format_ago(value: datetime, now: datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', '2 d ago', else the date."""
    now = now or now_utc()
    seconds = (now - value).total_seconds()
    if seconds < 0:
        return format_local(value)
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 86400 * 30:
        return f"{int(seconds // 86400)} d ago"
    return to_local(value).strftime("%Y-%m-%d")
