"""Importing Fatebook's CSV export: questions become propositions, your forecasts check-ins."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import Phase, Resolution
from beliefupdate.interchange.registry import read_import

HEADER = (
    "Question title,Multiple choice option,Forecast created by,Forecast (scale = 0-1),Forecast created at,"
    "Question created by,Question created at,Question resolve by,Resolution,Resolved at,"
    "Your Brier score for this question,Your relative Brier score for this question,Question notes,"
    "Question shared with,Question shared publicly,Question comments,Question tags"
)


def row(title, forecast, at, *, option="", by="Alex Doe", created="2024-01-05 10:00:5", resolution="",
        resolved_at="", notes="", tags="", resolve_by="2024-03-01 00:00:0", comments="") -> str:
    """One line as Fatebook writes it: strings quoted, numbers and dates bare, missing values empty."""

    def q(s):
        return '"' + s.replace('"', '""') + '"' if s else ""

    return ",".join(
        [q(title), q(option), q(by), forecast, at, q("Alex Doe"), created, resolve_by, q(resolution), resolved_at,
         "0.1225" if resolution else "", "", q(notes), q("Sam Lee"), "false", q(comments), q(tags)]
    )


LAB = "Will I accept the lab offer by March?"
CITY = "Which city will I live in next year?"
PAPER = "Will the paper be accepted?"
GYM = "Will I go to the gym this week?"
ODD = '=SUM(A1) "quoted", with commas\nand a newline 🙂'

EXPORT = "\n".join(
    [
        HEADER,
        row(LAB, "0.3", "2024-01-05 10:00:5", resolution="YES", resolved_at="2024-03-01 12:00:0",
            notes="Decide after talking to Sam", tags="career; big decisions", comments="Sam Lee: go for it"),
        row(LAB, "0.55", "2024-02-01 09:30:12", resolution="YES", resolved_at="2024-03-01 12:00:0",
            notes="Decide after talking to Sam", tags="career; big decisions"),
        row(LAB, "0.8", "2024-02-02 08:00:0", by="Sam Lee", resolution="YES", resolved_at="2024-03-01 12:00:0"),
        row(CITY, "0.6", "2024-01-06 11:00:0", option="London", created="2024-01-06 11:00:0", resolution="YES",
            resolved_at="2024-06-01 08:00:0"),
        row(CITY, "0.4", "2024-01-06 11:00:0", option="Berlin", created="2024-01-06 11:00:0", resolution="NO",
            resolved_at="2024-06-01 08:00:0"),
        row(PAPER, "0.5", "2024-02-10 16:45:59", created="2024-02-10 16:45:59"),
        row(GYM, "0.9", "2024-03-04 07:00:0", created="2024-03-04 07:00:0"),
        row(GYM, "0.7", "2024-03-11 07:00:0", created="2024-03-11 07:00:0"),
        row(ODD, "1", "2024-04-01 00:00:0", created="2024-04-01 00:00:0", resolution="AMBIGUOUS",
            resolved_at="2024-04-02 00:00:0"),
    ]
)


@pytest.fixture
def export_file(tmp_path):
    path = tmp_path / "fatebook-forecasts.csv"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_questions_become_propositions_and_forecasts_check_ins(journal, export_file):
    found = read_import(export_file)
    assert found.format == "fatebook"
    assert found.note == "left out 1 forecasts by people other than Alex Doe"
    result = journal.import_data(found.data)
    assert result.added["propositions"] == 7 and result.added["credences"] == 8

    props = {p.text: p for p in journal.propositions()}
    assert set(props) == {
        LAB, f"{CITY}: London", f"{CITY}: Berlin", PAPER, GYM, f"{GYM} (2024-03-11)", ODD,
    }
    lab = props[LAB]
    assert lab.resolution is Resolution.TRUE
    assert lab.resolved_at == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    assert lab.created_at == datetime(2024, 1, 5, 10, 0, 5, tzinfo=UTC)
    assert lab.tags == ("career", "big-decisions")
    assert "Decide after talking to Sam" in lab.notes and "Sam Lee: go for it" in lab.notes
    assert props[f"{CITY}: London"].resolution is Resolution.TRUE
    assert props[f"{CITY}: Berlin"].resolution is Resolution.FALSE
    assert props[PAPER].resolution is Resolution.OPEN and props[PAPER].resolved_at is None
    assert props[ODD].resolution is Resolution.AMBIGUOUS

    history = journal.history(lab.id)
    assert [(h.credence.phase, h.credence.probability, h.credence.recorded_at) for h in history] == [
        (Phase.CHECK_IN, 0.3, datetime(2024, 1, 5, 10, 0, 5, tzinfo=UTC)),
        (Phase.CHECK_IN, 0.55, datetime(2024, 2, 1, 9, 30, 12, tzinfo=UTC)),
    ]
    assert journal.summaries(include_archived=True)[0].current is not None


def test_importing_again_adds_only_what_is_new(journal, export_file):
    journal.import_data(read_import(export_file).data)
    again = journal.import_data(read_import(export_file).data)
    assert sum(again.added.values()) == 0
    export_file.write_text(EXPORT + "\n" + row(PAPER, "0.65", "2024-03-01 10:00:0", created="2024-02-10 16:45:59"))
    later = journal.import_data(read_import(export_file).data)
    assert later.added == {"propositions": 0, "people": 0, "conversations": 0, "credences": 1}


def test_columns_may_come_in_any_order_and_older_names_are_understood(journal, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(
        "Forecast (scale = 0-1),Question title,Forecast created at,Question created at,Question resolution,"
        "Question resolved at\n"
        '0.25,"Old question",2023-05-01 10:00:0,2023-05-01 09:00:0,"NO",2023-06-01 10:00:0\n',
        encoding="utf-8-sig",
    )
    journal.import_data(read_import(path).data)
    (prop,) = journal.propositions()
    assert (prop.text, prop.resolution, journal.summaries()[0].current) == ("Old question", Resolution.FALSE, 0.25)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"forecast": "1.5"}, "row 3, field 'Forecast (scale = 0-1)' is 1.5; it must be between 0 and 1"),
        ({"forecast": "-0.1"}, "row 3, field 'Forecast (scale = 0-1)' is -0.1"),
        ({"forecast": "NaN"}, "row 3, field 'Forecast (scale = 0-1)' is NaN"),
        ({"forecast": "seventy"}, "row 3, field 'Forecast (scale = 0-1)' is 'seventy', not a number"),
        ({"forecast": ""}, "row 3, missing required field 'Forecast (scale = 0-1)'"),
        ({"at": ""}, "row 3, missing required field 'Forecast created at'"),
        ({"at": "last Tuesday"}, "row 3, field 'Forecast created at' is 'last Tuesday', not a time"),
        ({"title": ""}, "row 3, field 'Question title' is empty"),
        ({"resolution": "MAYBE"}, "row 3, field 'Resolution' is 'MAYBE'; expected YES, NO, AMBIGUOUS or empty"),
        ({"title": "x" * 501}, "row 3, field 'Question title' is 501 characters"),
        ({"tags": "a" * 61}, "row 3, field 'Question tags'"),
    ],
)
def test_any_invalid_row_refuses_the_whole_file(journal, tmp_path, change, message):
    fields = {"title": "A fine question", "forecast": "0.5", "at": "2024-01-01 10:00:0"}
    fields.update(change)
    extra = {k: v for k, v in fields.items() if k in ("resolution", "tags")}
    path = tmp_path / "bad.csv"
    path.write_text(
        "\n".join([HEADER, row(LAB, "0.3", "2024-01-05 10:00:5"),
                   row(fields["title"], fields["forecast"], fields["at"], **extra)]),
        encoding="utf-8",
    )
    journal.add_proposition("Already here")
    with pytest.raises(InvalidInput) as e:
        journal.import_data(read_import(path).data)
    assert message in str(e.value) and str(path) in str(e.value)
    assert [p.text for p in journal.propositions()] == ["Already here"]


@pytest.mark.parametrize(
    "text, message",
    [
        (HEADER + '\n"unterminated,0.5', "malformed CSV"),
        (HEADER + "\n" + row(LAB, "0.3", "2024-01-05 10:00:5") + ",extra", "row 2 has 18 fields; the header has 17"),
        ("Question title,Forecast (scale = 0-1)\n\"Q\",0.5\n", "column 'Forecast created at' is missing"),
    ],
)
def test_malformed_files_are_refused(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        read_import(path)


def test_a_question_clashing_with_an_existing_proposition_refuses_the_import(journal, export_file):
    journal.add_proposition(PAPER.upper())
    with pytest.raises(InvalidInput, match="duplicates proposition #1"):
        journal.import_data(read_import(export_file).data)
    assert len(journal.propositions()) == 1
