"""Axis ticks: local calendar time (TZ pinned to Europe/Berlin by conftest) and credence in %."""

from datetime import datetime

from beliefupdate.charts import scales


def local(*args):
    return datetime(*args).astimezone()


def test_day_ticks_fall_on_local_midnight_across_a_dst_change():
    start, end = local(2026, 3, 27, 6).timestamp(), local(2026, 4, 2, 6).timestamp()
    ticks = scales.time_ticks(start, end, 400, 60)
    whens = [datetime.fromtimestamp(t) for t, _ in ticks]
    assert all((w.hour, w.minute) == (0, 0) for w in whens)
    assert [label for _, label in ticks] == ["28 Mar", "29 Mar", "30 Mar", "31 Mar", "1 Apr", "2 Apr"]
    # 29 March 2026 is 23 hours long in Berlin.
    assert ticks[2][0] - ticks[1][0] == 23 * 3600


def test_weeks_start_on_monday_and_months_show_the_year_where_it_changes():
    weeks = scales.time_ticks(local(2026, 2, 1).timestamp(), local(2026, 4, 20).timestamp(), 1400, 90)
    assert all(datetime.fromtimestamp(t).weekday() == 0 for t, _ in weeks)
    assert weeks[0][1] == "2 Feb"
    months = scales.time_ticks(local(2025, 10, 1).timestamp(), local(2026, 9, 1).timestamp(), 1200, 70)
    labels = [label for _, label in months]
    assert labels[:5] == ["Oct 2025", "Nov", "Dec", "Jan 2026", "Feb"]


def test_years_when_the_range_is_long():
    ticks = scales.time_ticks(local(2016, 6, 1).timestamp(), local(2026, 6, 1).timestamp(), 800, 70)
    assert [label for _, label in ticks] == [str(y) for y in range(2017, 2027)]


def test_hours_for_a_single_day():
    ticks = scales.time_ticks(local(2026, 3, 2, 8).timestamp(), local(2026, 3, 3, 2).timestamp(), 1200, 70)
    labels = [label for _, label in ticks]
    assert "12:00" in labels and "3 Mar" in labels


def test_linear_credence_ticks_thin_out_when_short():
    tall = scales.credence_ticks(False, 600)
    assert [label for _, label in tall] == [f"{p}%" for p in range(0, 101, 10)]
    short = scales.credence_ticks(False, 80)
    assert [label for _, label in short] == ["0%", "50%", "100%"]


def test_log_odds_ticks_are_telling_probabilities_in_percent():
    labels = [label for _, label in scales.credence_ticks(True, 600)]
    assert labels[0] == "0.1%" and labels[-1] == "99.9%"
    assert {"1%", "10%", "50%", "90%", "99%"} <= set(labels)
    values = [v for v, _ in scales.credence_ticks(True, 600)]
    assert values == sorted(values)


def test_date_range_text():
    assert scales.date_range_text(local(2026, 3, 3).timestamp(), local(2026, 4, 14).timestamp()) == "3 Mar – 14 Apr 2026"
    assert scales.date_range_text(local(2025, 12, 28).timestamp(), local(2026, 1, 4).timestamp()) == (
        "28 Dec 2025 – 4 Jan 2026"
    )


def test_utc_offset_follows_the_local_zone():
    assert scales.utc_offset_west(local(2026, 1, 15).timestamp()) == -3600
    assert scales.utc_offset_west(local(2026, 7, 15).timestamp()) == -7200


def test_minutes_for_an_hour():
    ticks = scales.time_ticks(local(2026, 3, 2, 8, 50).timestamp(), local(2026, 3, 2, 10, 10).timestamp(), 600, 90)
    assert [label for _, label in ticks] == ["09:00", "09:15", "09:30", "09:45", "10:00"]
