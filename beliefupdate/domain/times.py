"""Time handling: everything in the journal is timezone-aware and stored as UTC."""

from __future__ import annotations

from datetime import datetime, timezone

from beliefupdate.domain.errors import InvalidInput


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


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
    return ensure_utc(value)


def ensure_utc(value: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken as local time."""
    if value.tzinfo is None:
        value = value.astimezone()  # interprets naive as local time
    return value.astimezone(timezone.utc)


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
