"""What the chart shows, computed without Qt: steps, jumps, markers, hover texts, log-odds."""

import math

import pytest

from beliefupdate.charts import lines, series, tooltips
from beliefupdate.domain.types import CredenceEntry

from .conftest import at


def ts(day, hour=12):
    return at(day, hour).timestamp()


def test_a_credence_holds_until_the_next_record(journal, career):
    t = lines.track(career.lab, journal.history(career.lab.id))
    s = lines.cut(t, ts("2026-02-01"), ts("2026-02-11"))
    # First chat (45 -> 60), then a check-in at 58 on the 10th; the line ends at the window's end.
    assert list(s.step_x) == [ts("2026-02-03", 18)] * 2 + [ts("2026-02-10", 8)] * 2 + [ts("2026-02-11")]
    assert list(s.step_y) == [0.45, 0.60, 0.60, 0.58, 0.58]


def test_the_value_held_at_the_window_start_starts_the_line(journal, career):
    t = lines.track(career.lab, journal.history(career.lab.id))
    s = lines.cut(t, ts("2026-03-10"), ts("2026-03-12"))
    # Nothing recorded in the window: the 68% after the coffee with Sam holds throughout.
    assert list(s.step_x) == [ts("2026-03-10"), ts("2026-03-12")]
    assert list(s.step_y) == [0.68, 0.68]
    assert len(s.records) == 0


def test_jumps_pair_each_conversations_before_and_after(journal, career):
    t = lines.track(career.lab, journal.history(career.lab.id))
    pairs = [(float(b), float(a)) for b, a in zip(t.jump_before, t.jump_values, strict=True)]
    assert pairs == [(0.45, 0.60), (0.58, 0.50), (0.52, 0.68), (0.68, 0.61), (0.62, 0.70)]
    # The check-in is a lone record, not part of any jump.
    assert [t.entries[i].credence.note for i in t.lone] == ["slept on it"]


def test_half_logged_conversation_is_a_lone_record(journal):
    p = journal.add_proposition("Open question", created_at=at("2026-01-01"))
    journal.log_conversation("Started", [CredenceEntry(p.id, 0.3, None)], occurred_at=at("2026-01-02"))
    t = lines.track(p, journal.history(p.id))
    assert len(t.jump_after) == 0
    assert list(t.lone) == [0]


def test_finished_later_jumps_when_the_after_was_recorded(journal):
    p = journal.add_proposition("Later", created_at=at("2026-01-01"))
    conv = journal.log_conversation("Long talk", [CredenceEntry(p.id, 0.3, None)], occurred_at=at("2026-01-02", 10))
    journal.finish_conversation(conv.id, [CredenceEntry(p.id, None, 0.6)], at=at("2026-01-02", 15))
    t = lines.track(p, journal.history(p.id))
    assert list(t.jump_times) == [ts("2026-01-02", 15)]
    assert list(t.jump_before) == [0.3]
    s = lines.cut(t, ts("2026-01-02", 9), ts("2026-01-03"))
    # The before holds until the after is recorded.
    assert list(s.step_y[:4]) == [0.3, 0.3, 0.6, 0.6]


def test_window_keeps_only_its_jumps_and_markers(journal, career):
    data = series.load(journal, [career.lab.id, career.hired.id], ts("2026-03-01"), ts("2026-03-31"))
    assert [m.conversation.title for m in data.markers] == [
        "Coffee with Sam about team culture",
        "Call with a former lab researcher",
    ]
    lab, hired = data.series
    assert [float(lab.track.jump_values[j]) for j in lab.jumps] == [0.68, 0.61]
    assert [float(hired.track.jump_values[j]) for j in hired.jumps] == [0.45, 0.40]
    assert data.has_data


def test_held_values_alone_are_not_data(journal, career):
    data = series.load(journal, [career.lab.id], ts("2026-05-01"), ts("2026-06-01"))
    assert not data.has_data
    assert data.series[0].step_y == [0.70, 0.70]


def test_default_window_is_the_records_with_a_little_room(journal, career):
    data = series.load(journal, [career.timelines.id])
    assert data.start < ts("2026-03-09", 20) < ts("2026-04-15", 19) < data.end
    assert data.end - ts("2026-04-15", 19) < 5 * 86400


def test_proposition_without_records_draws_nothing(journal):
    p = journal.add_proposition("Never asked")
    data = series.load(journal, [p.id])
    assert data.series[0].empty and not data.has_data


def test_markers_name_the_person_unless_the_title_does():
    from beliefupdate.domain.types import Conversation, Kind

    def conv(title, person):
        return Conversation("c", 1, title, None, Kind.CONVERSATION, at("2026-01-01"), person_name=person)

    assert series.conversation_label(conv("Coffee", "Sam")) == "Coffee (Sam)"
    assert series.conversation_label(conv("Coffee with Sam", "Sam")) == "Coffee with Sam"
    assert series.conversation_label(conv("Reading", None)) == "Reading"


def test_jump_tooltip_says_who_what_and_how_much(journal, career):
    t = lines.track(career.lab, journal.history(career.lab.id))
    text = tooltips.jump_text(t, 2)
    assert text.splitlines()[:4] == [
        "I should take a job at a large AI lab",
        "Coffee with Sam about team culture (conversation, #4)",
        "with Sam",
        # 52% -> 68%: odds 1.083 -> 2.125, a likelihood ratio of 1.96, log2 of which is 0.97 bits
        "52% → 68% (+16 pp): +1.0 bits · implied likelihood ratio 1.96 : 1",
    ]
    # Local time (TZ is pinned to Europe/Berlin in the tests): 16:00 UTC is 17:00 CET.
    assert text.splitlines()[4] == "2026-03-02 17:00"


def test_record_tooltip_for_a_check_in(journal, career):
    t = lines.track(career.lab, journal.history(career.lab.id))
    text = tooltips.record_text(t, int(t.lone[0]))
    assert "check-in: 58% (−2 pp since the previous record)" in text
    assert "slept on it" in text


def test_log_odds_are_symmetric_and_finite_at_the_ends():
    assert lines.logit(0.5) == 0
    assert lines.logit(0.9) == pytest.approx(-lines.logit(0.1))
    assert lines.logit(0.9) == pytest.approx(math.log(9))
    assert math.isfinite(lines.logit(0.0)) and math.isfinite(lines.logit(1.0))
    assert lines.logit(1.0) == pytest.approx(-lines.LOG_ODDS_LIMIT)
    values = [0.01, 0.25, 0.5, 0.75, 0.99]
    assert [lines.from_logit(lines.logit(v)) for v in values] == pytest.approx(values)


def test_default_title(journal, career):
    one = journal.proposition(career.lab.id)
    assert series.default_title([one]) == "I should take a job at a large AI lab"
    two = [one, journal.proposition(career.timelines.id)]
    assert series.default_title(two) == "I should take a job at a large AI lab · Transformative AI arrives before 2035"
    many = [journal.proposition(p.id) for p in (career.lab, career.impact, career.timelines, career.hired)]
    assert series.default_title(many) == "Belief history"


def test_jump_tooltip_to_certainty_says_certain_not_infinity(journal):
    p = journal.add_proposition("The grant comes through")
    journal.log_conversation("Email from the funder", [CredenceEntry(p.id, 0.5, 1.0)])
    t = lines.track(p, journal.history(p.id))
    assert "50% → 100% (+50 pp): to certainty ↑" in tooltips.jump_text(t, 0).splitlines()


def test_jump_tooltip_tells_near_certainty_from_certainty_and_leaving_it_from_reaching_it(journal):
    p = journal.add_proposition("The grant comes through")
    journal.log_conversation("Rumour", [CredenceEntry(p.id, 0.0001, 0.9999)])
    journal.log_conversation("Letter", [CredenceEntry(p.id, 0.0, 0.5)])
    t = lines.track(p, journal.history(p.id))
    # 1:9999 to 9999:1 is 9999² = 99,980,001 : 1, log2 of which is 26.6 bits: finite, so not certain
    assert "0.01% → 99.99% (+99.98 pp): +26.6 bits · implied likelihood ratio >1,000,000 : 1" in (
        tooltips.jump_text(t, 0).splitlines())
    assert "0% → 50% (+50 pp): from certainty ↑" in tooltips.jump_text(t, 1).splitlines()


def test_jump_tooltip_without_a_move_names_no_evidence(journal):
    p = journal.add_proposition("Nothing new under the sun")
    journal.log_conversation("Small talk", [CredenceEntry(p.id, 0.3, 0.3)])
    t = lines.track(p, journal.history(p.id))
    assert "30% → 30% (±0 pp)" in tooltips.jump_text(t, 0).splitlines()


def test_window_keeps_room_in_pixels_for_arrows_at_either_end():
    first, last = ts("2026-01-01"), ts("2026-06-01")
    lo, hi = series.time_window((first, last), width_px=300, margin_px=40)
    px = lambda t: (t - lo) / (hi - lo) * 300
    assert px(first) == pytest.approx(40) and 300 - px(last) == pytest.approx(40)
    # Given bounds are kept as they are; only the missing side gets room.
    assert series.time_window((first, last), first - 10, width_px=300, margin_px=40)[0] == first - 10


def test_window_around_one_moment_is_centred_on_it():
    moment = ts("2026-03-02", 16)
    lo, hi = series.time_window((moment, moment), width_px=600, margin_px=40)
    assert lo < moment < hi and moment - lo == pytest.approx(hi - moment)


def test_a_belief_born_in_a_conversation_starts_its_line_there(journal):
    from beliefupdate.domain.types import NewBelief

    old = journal.add_proposition("Known before", created_at=at("2026-01-01"))
    journal.log_conversation("Lunch", [CredenceEntry(old.id, None, 0.4)], occurred_at=at("2026-01-02"))
    journal.log_conversation("Coffee", [], occurred_at=at("2026-01-03"), new_beliefs=[NewBelief("Coworkers matter", 0.8)])
    born = journal.find_proposition("Coworkers matter")
    t = lines.track(born, journal.history(born.id))
    assert t.born and list(t.lone) == [0] and list(t.born_in(t.lone)) == [True]
    s = lines.cut(t, ts("2026-01-01"), ts("2026-01-05"))
    assert s.step_x[0] == ts("2026-01-03") and s.step_y[0] == 0.8  # nothing drawn before it was thought of
    assert "new belief, first thought of here: 80%" in tooltips.record_text(t, 0)
    # A lone after on a proposition that had no credence before, created earlier, was also first thought of then;
    # one after a check-in was not.
    journal.check_in(old.id, 0.3, at=at("2026-01-01", 13))
    assert not lines.track(old, journal.history(old.id)).born
