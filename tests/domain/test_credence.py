import pytest
from hypothesis import given
from hypothesis import strategies as st

from beliefupdate.domain.credence import CredenceError, format_change, format_credence, parse_credence
from beliefupdate.domain.errors import InvalidInput, UserError


@pytest.mark.parametrize(
    "text, expected",
    [
        ("70%", 0.7),
        ("70", 0.7),
        ("70.5%", 0.705),
        ("0.7", 0.7),
        (".7", 0.7),
        ("1.0", 1.0),
        ("0", 0.0),
        ("0%", 0.0),
        ("0.0", 0.0),
        ("100%", 1.0),
        ("100", 1.0),
        ("3:1", 0.75),
        ("1:3", 0.25),
        ("0:5", 0.0),
        ("5:0", 1.0),
        ("1 in 4", 0.25),
        ("1 IN 4", 0.25),
        ("0 in 4", 0.0),
        ("4 in 4", 1.0),
        ("  70%  ", 0.7),
        ("70 %", 0.7),
        ("\t0.25\n", 0.25),
        ("3 : 1", 0.75),
        ("1  in  4", 0.25),
        # A number above 1 with a decimal point is a percentage, not a probability.
        ("1.5", 0.015),
        ("99.9", 0.999),
    ],
)
def test_parse_accepts(text, expected):
    assert parse_credence(text) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    "text",
    ["-5", "-0.5", "-5%", "101%", "100.1", "nan", "NaN%", "inf", "infinity", "", "   ", "abc", "5:0:1",
     "0:0", "5 in 4", "1 in 0", "70%%", "7 0", "1e2", "0x10", "½", "-3:1", "3:-1"],
)
def test_parse_rejects_with_message_naming_the_input(text):
    with pytest.raises(CredenceError) as info:
        parse_credence(text)
    message = str(info.value)
    if text.strip():
        assert repr(text) in message
    else:
        assert "empty" in message
    assert "\n" not in message


def test_parse_error_is_a_user_error():
    # The CLI turns UserError into one line on stderr and exit status 2.
    assert issubclass(CredenceError, InvalidInput)
    assert issubclass(CredenceError, UserError)


@pytest.mark.parametrize(
    "text, fragment",
    [("-5", "negative"), ("101%", "above 100%"), ("5 in 4", "above 100%"), ("0:0", "0:0")],
)
def test_parse_error_says_what_is_wrong(text, fragment):
    with pytest.raises(CredenceError, match=fragment):
        parse_credence(text)


@pytest.mark.parametrize(
    "text",
    ["9" * 400, "9" * 400 + "%", "9" * 400 + ":1", "9" * 400 + ":" + "9" * 400,
     "1 in " + "9" * 400, "9" * 400 + " in " + "9" * 400],
)
def test_numbers_too_large_for_a_float_never_give_nan(text):
    try:
        value = parse_credence(text)
    except CredenceError:
        return
    assert 0 <= value <= 1


@given(st.floats(min_value=0, max_value=1))
def test_format_then_parse_round_trips_to_displayed_precision(p):
    shown = format_credence(p)
    back = parse_credence(shown)
    assert 0 <= back <= 1
    # One decimal of a percent: half of 0.1 pp, plus float noise.
    assert abs(back - p) <= 0.0005 + 1e-12
    # And formatting what was read shows the same thing again (within a float's last digits of certainty,
    # reading back may land one unit off and show that unit).
    if abs(1 - p) > 1e-12:
        assert format_credence(back) == shown


@given(st.floats(min_value=0, max_value=1))
def test_format_is_percent_with_one_decimal_except_near_certainty(p):
    shown = format_credence(p)
    assert shown.endswith("%")
    number = shown[:-1]
    assert not number.endswith("0") or "." not in number
    whole, _, decimals = number.partition(".")
    assert whole.isdigit()
    if 0.01 <= p <= 0.99:
        assert len(decimals) <= 1


@given(st.floats(min_value=0, max_value=1))
def test_only_certainty_is_shown_as_0_or_100_percent(p):
    shown = format_credence(p)
    assert (shown == "0%") == (p == 0)
    assert (shown == "100%") == (p == 1)


@pytest.mark.parametrize(
    "p, shown",
    [(0, "0%"), (1, "100%"), (0.7, "70%"), (0.705, "70.5%"), (0.25, "25%"), (0.001, "0.1%"),
     (0.0004, "0.04%"), (0.9996, "99.96%"), (0.0001, "0.01%"), (0.9999, "99.99%"), (0.000123, "0.01%"),
     (0.995, "99.5%"), (0.99, "99%"), (0.123456, "12.3%"), (1 / 3, "33.3%")],
)
def test_format_credence(p, shown):
    assert format_credence(p) == shown


@pytest.mark.parametrize(
    "delta, shown",
    [(0.2, "+20 pp"), (-0.035, "−3.5 pp"), (0, "±0 pp"), (0.0004, "±0 pp"), (-0.0004, "±0 pp"),
     (-1e-12, "±0 pp"), (1.0, "+100 pp"), (-1.0, "−100 pp"), (0.9998, "+99.98 pp"), (0.45 - 0.25, "+20 pp"), (0.001, "+0.1 pp")],
)
def test_format_change(delta, shown):
    assert format_change(delta) == shown


@given(st.floats(min_value=-1, max_value=1))
def test_format_change_sign_matches_what_is_shown(delta):
    shown = format_change(delta)
    assert shown.endswith(" pp")
    if shown == "±0 pp":
        assert abs(delta) < 0.0005 + 1e-12
    else:
        assert shown[0] == ("+" if delta > 0 else "−")
