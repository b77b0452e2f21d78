"""Times: conftest pins the local zone to Europe/Berlin (UTC+1 in winter, UTC+2 in summer)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.times import ensure_utc, format_ago, format_local, now_utc, parse_when, to_iso

UTC = UTC


@pytest.mark.parametrize(
    "text, expected",
    [
        # Without an offset: local time (Berlin), winter and summer.
        ("2026-11-26T18:30", datetime(2026, 11, 26, 17, 30, tzinfo=UTC)),
        ("2026-07-01T12:00", datetime(2026, 7, 1, 10, 0, tzinfo=UTC)),
        ("2026-11-26 18:30", datetime(2026, 11, 26, 17, 30, tzinfo=UTC)),
        ("2026-11-26T18:30:15", datetime(2026, 11, 26, 17, 30, 15, tzinfo=UTC)),
        # With an offset: exactly that instant.
        ("2026-11-26T18:30+01:00", datetime(2026, 11, 26, 17, 30, tzinfo=UTC)),
        ("2026-11-26T18:30-05:00", datetime(2026, 11, 26, 23, 30, tzinfo=UTC)),
        ("2026-11-26T18:30Z", datetime(2026, 11, 26, 18, 30, tzinfo=UTC)),
        ("2026-11-26T18:30z", datetime(2026, 11, 26, 18, 30, tzinfo=UTC)),
        ("2026-11-26T18:30:00+00:00", datetime(2026, 11, 26, 18, 30, tzinfo=UTC)),
        # Date only: local midnight.
        ("2026-11-26", datetime(2026, 11, 25, 23, 0, tzinfo=UTC)),
        ("2026-07-01", datetime(2026, 6, 30, 22, 0, tzinfo=UTC)),
        ("  2026-11-26T18:30  ", datetime(2026, 11, 26, 17, 30, tzinfo=UTC)),
    ],
)
def test_parse_when(text, expected):
    value = parse_when(text)
    assert value == expected
    assert value.utcoffset() == timedelta(0)


def test_parse_when_now():
    before = now_utc()
    value = parse_when("now")
    assert before <= value <= now_utc()
    assert value.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text", ["", "   ", "yesterday", "2026-13-01", "2026-02-30", "26.11.2026", "2026-11-26T25:00", "18:30", "abc"]
)
def test_parse_when_refuses_garbage_naming_it(text):
    with pytest.raises(InvalidInput) as info:
        parse_when(text)
    message = str(info.value)
    assert (repr(text) in message) if text.strip() else ("empty" in message)
    assert "ISO 8601" in message


def test_ensure_utc_takes_naive_as_local_time():
    assert ensure_utc(datetime(2026, 11, 26, 18, 30)) == datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
    aware = datetime(2026, 11, 26, 18, 30, tzinfo=timezone(timedelta(hours=-3)))
    assert ensure_utc(aware) == aware
    assert ensure_utc(aware).tzinfo == UTC


def test_to_iso_has_an_offset():
    assert to_iso(datetime(2026, 11, 26, 17, 30, tzinfo=UTC)) == "2026-11-26T17:30:00+00:00"
    assert datetime.fromisoformat(to_iso(datetime(2026, 11, 26, 18, 30))).utcoffset() == timedelta(0)


def test_format_local_shows_local_time_without_offset():
    assert format_local(datetime(2026, 11, 26, 17, 30, tzinfo=UTC)) == "2026-11-26 18:30"
    assert format_local(datetime(2026, 7, 1, 10, 0, 5, tzinfo=UTC), seconds=True) == "2026-07-01 12:00:05"


@pytest.mark.parametrize(
    "ago, shown",
    [
        (timedelta(seconds=5), "just now"),
        (timedelta(minutes=5), "5 min ago"),
        (timedelta(hours=3), "3 h ago"),
        (timedelta(days=2), "2 d ago"),
        (timedelta(days=60), "2026-09-27"),
    ],
)
def test_format_ago(ago, shown):
    now = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
    assert format_ago(now - ago, now) == shown


def test_format_ago_of_a_future_time_shows_the_time():
    now = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)
    assert format_ago(now + timedelta(hours=1), now) == "2026-11-26 19:30"
