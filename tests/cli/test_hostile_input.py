"""Hostile values typed or imported: huge numbers, text that is not text, times outside
the calendar. Each is refused with one line naming it, and nothing is written."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from test_cli import Cli
from test_data_commands import FATEBOOK_HEADER

from beliefupdate.store.journal import Journal
from tests.backends import journal_state


@pytest.fixture
def cli(journal_db, capsys):
    cli = Cli(journal_db, capsys)
    cli.ok("add", "Remote work makes teams slower")
    return cli


def digest(db) -> str:
    return journal_state(db)


def export_with(tmp_path, **proposition) -> str:
    record = {"id": "p-1", "text": "Imported", "created_at": "2026-01-05T10:00:00+00:00", **proposition}
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "beliefupdate", "version": 1, "propositions": [record]}), encoding="utf-8")
    return str(path)


# -- handles ------------------------------------------------------------------------


@pytest.mark.parametrize("handle", [2**31, 2**63 - 1, 2**63, 10**25])
def test_an_imported_handle_past_the_bound_is_refused(cli, tmp_path, handle):
    before = digest(cli.db)
    err = cli.fails("import", export_with(tmp_path, handle=handle))
    assert "propositions[0]: field 'handle'" in err and "between 1 and 2147483647" in err
    assert digest(cli.db) == before


@pytest.mark.sqlite_only("SQLite integers hold 2**63 - 1, which an older version could store; PostgreSQL's do not")
def test_adding_goes_on_past_a_huge_number_already_stored(cli):
    """A journal written by an older version may hold #9223372036854775807."""
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE propositions SET handle = ?", (2**63 - 1,))
    conn.commit()
    conn.close()
    assert cli.ok("add", "Second").strip() == "1"
    assert cli.ok("add", "Third").strip() == "2"
    assert cli.ok("checkin", "#2", "40%") == "#2 40%\n"


def test_a_huge_number_typed_names_nothing(cli):
    assert "no proposition #99999999999999999999" in cli.fails("checkin", "#" + "9" * 30, "50%")
    assert "no proposition #" in cli.fails("history", "9" * 5000)


# -- lone surrogates --------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, what",
    [
        (["add", "bad \udcff"], "proposition text"),
        (["add", "fine", "--notes", "bad \udcff"], "notes"),
        (["add", "fine", "--tag", "bad\udcff"], "a tag"),
        (["checkin", "1", "50%", "--note", "bad \udcff"], "note"),
        (["log", "bad \udcff", "--credence", "1", "20%", "30%"], "conversation title text"),
        (["log", "Coffee", "--with", "bad \udcff", "--credence", "1", "20%", "30%"], "name"),
        (["edit", "1", "--text", "bad \udcff"], "proposition text"),
    ],
)
def test_text_that_is_not_utf8_is_refused_by_name(cli, argv, what):
    before = digest(cli.db)
    err = cli.fails(*argv)
    assert f"{what} contains U+DCFF, a lone surrogate" in err
    assert digest(cli.db) == before


@pytest.mark.parametrize("field", ["text", "notes", "id"])
def test_a_lone_surrogate_in_json_is_refused_by_field(cli, tmp_path, field):
    path = export_with(tmp_path)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    doc["propositions"][0][field] = "x\ud800"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)  # ensure_ascii writes it as the escape "\ud800"
    before = digest(cli.db)
    err = cli.fails("import", path)
    assert f"propositions[0]: field '{field}'" in err and "U+D800, a lone surrogate" in err
    assert digest(cli.db) == before


def test_a_journal_path_that_is_not_utf8_is_refused(tmp_path, capsys):
    err = Cli(tmp_path / "bad \udcff.sqlite3", capsys).fails("add", "Anything")
    assert "journal path" in err and "U+DCFF" in err
    assert list(tmp_path.iterdir()) == []


# -- times --------------------------------------------------------------------


@pytest.mark.parametrize(
    "when", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "0001-01-01", "9999-12-31T23:00", "1899-12-31T12:00Z", "2200-01-01T00:00Z"]
)
@pytest.mark.parametrize(
    "argv",
    [
        ["checkin", "1", "50%", "--at"],
        ["resolve", "1", "true", "--at"],
        ["log", "Coffee", "--credence", "1", "20%", "30%", "--at"],
        ["stats", "--since"],
        ["chart", "out.png", "--since"],
        ["chart", "out.png", "--until"],
    ],
    ids=lambda a: " ".join(a[0:1] + a[-1:]),
)
def test_a_time_outside_the_window_is_refused(cli, tmp_path, argv, when, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = digest(cli.db)
    err = cli.fails(*argv, when)
    assert "is out of range; times must lie between 1900 and 2200" in err
    assert digest(cli.db) == before
    assert not (tmp_path / "out.png").exists()


def test_the_edges_of_the_window_are_accepted(cli):
    cli.ok("checkin", "1", "50%", "--at", "1900-01-01T00:00Z")
    cli.ok("checkin", "1", "60%", "--at", "2199-12-31T23:59Z")


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "1800-01-01T00:00:00+00:00"])
def test_an_imported_time_outside_the_window_is_refused(cli, tmp_path, when):
    before = digest(cli.db)
    err = cli.fails("import", export_with(tmp_path, created_at=when))
    assert "propositions[0]: field 'created_at'" in err and "out of range" in err
    assert digest(cli.db) == before


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "1066-10-14 09:00:00"])
def test_a_fatebook_time_outside_the_window_is_refused(cli, tmp_path, when):
    path = tmp_path / "fatebook.csv"
    path.write_text(FATEBOOK_HEADER + f'\n"Q",,"Alex",0.5,{when},"Alex",2024-01-05 10:00:05,,,,,,,,,,\n')
    before = digest(cli.db)
    err = cli.fails("import", str(path))
    assert "row 2, field 'Forecast created at'" in err and "out of range" in err
    assert digest(cli.db) == before


# -- JSON and Fatebook wording -------------------------------------------------------------


def test_a_json_export_with_a_byte_order_mark_imports(cli, tmp_path):
    path = export_with(tmp_path)
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + data)
    assert "imported 1 proposition" in cli.ok("import", path)


def test_a_number_of_thousands_of_digits_is_refused_in_our_words(cli, tmp_path):
    path = tmp_path / "in.json"
    path.write_text('{"format": "beliefupdate", "version": 1, "propositions": [{"handle": ' + "9" * 4301 + "}]}")
    err = cli.fails("import", str(path))
    assert "a number of 4301 digits is too long to be in an export" in err
    assert "int_max_str_digits" not in err


def test_fatebook_questions_with_one_title_on_one_day_all_import(cli, tmp_path):
    rows = "".join(
        f'"Will it rain?",,"Alex",0.{n},2024-01-05 1{n}:00:00,"Alex",2024-01-05 1{n}:00:00,,,,,,,,,,\n' for n in (1, 2, 3)
    )
    path = tmp_path / "fatebook.csv"
    path.write_text(FATEBOOK_HEADER + "\n" + rows)
    cli.ok("import", str(path))
    with Journal.open(cli.db) as j:
        texts = sorted(p.text for p in j.propositions())
    assert texts == [
        "Remote work makes teams slower", "Will it rain?", "Will it rain? (2024-01-05)", "Will it rain? (2024-01-05, 2)"
    ]


def test_a_fatebook_question_that_clashes_is_named_by_its_row(cli, tmp_path):
    path = tmp_path / "fatebook.csv"
    path.write_text(
        FATEBOOK_HEADER + '\n"Q",,"Alex",0.5,2024-01-05 10:00:05,"Alex",2024-01-05 10:00:05,,,,,,,,,,\n'
        '"Remote work makes teams slower",,"Alex",0.5,2024-01-05 10:00:05,"Alex",2024-01-05 10:00:05,,,,,,,,,,\n'
    )
    before = digest(cli.db)
    err = cli.fails("import", str(path))
    assert f"{path}: row 3: text 'Remote work makes teams slower' duplicates proposition #1" in err
    assert digest(cli.db) == before


# -- files to import that are not files --------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="POSIX devices")
@pytest.mark.timeout(60)
@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "fifo", "link to /dev/zero", "folder"])
def test_import_reads_only_a_regular_file(cli, tmp_path, source):
    if source == "fifo":
        os.mkfifo(tmp_path / "fifo")  # no writer ever comes: opening it must not wait for one
        source = str(tmp_path / "fifo")
    elif source == "link to /dev/zero":
        (tmp_path / "link.json").symlink_to("/dev/zero")
        source = str(tmp_path / "link.json")
    elif source == "folder":
        source = str(tmp_path)
    before = digest(cli.db)
    err = cli.fails("import", source)
    assert "is not a regular file" in err or "is a folder" in err
    assert digest(cli.db) == before


# -- terminal escapes --------------------------------------------------------------------

ESCAPES = "Red \x1b[31malert\x1b[0m \x1b]0;owned\x07 \x9b2J back\rspace"


def test_imported_escapes_are_shown_not_sent_to_the_terminal(cli, tmp_path):
    cli.ok("import", export_with(tmp_path, text=ESCAPES, notes="n"))
    cli.ok("checkin", "2", "40%", "--note", "why \x1b[2J")
    cli.ok("log", "Talk \x1b[1m", "--with", "Sam\x1b[5m", "--credence", "2", "20%", "30%", "--at", "2026-01-06")
    for argv in (["list"], ["history", "2"], ["conversations"]):
        out = cli.ok(*argv)
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\r" not in out, argv
    assert "Red ^[[31malert^[[0m ^[]0;owned^G \\u009b2J back^Mspace" in cli.ok("list")
    assert "why ^[[2J" in cli.ok("history", "2")


def test_json_output_keeps_the_text_exact(cli, tmp_path):
    cli.ok("import", export_with(tmp_path, text=ESCAPES))
    doc = json.loads(cli.ok("list", "--json"))
    assert doc["propositions"][1]["text"] == ESCAPES
    doc = json.loads(cli.ok("history", "2", "--json"))
    assert doc["proposition"]["text"] == ESCAPES


def test_an_error_naming_hostile_text_shows_it_escaped(cli):
    err = cli.fails("checkin", "no such \x1b]0;owned\x07 thing", "50%")
    assert "\x1b" not in err and "\x07" not in err


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_export_refuses_to_replace_what_is_not_a_file(cli, tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "folder.csv").mkdir()
    for target in ("pipe.json", "folder.csv"):
        assert "is not a regular file" in cli.fails("export", str(tmp_path / target))
    assert not os.path.isfile(tmp_path / "pipe.json")
