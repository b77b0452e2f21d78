"""The `beliefupdate` command, driven in-process the way a user types it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from beliefupdate.cli import main
from beliefupdate.store.journal import Journal
from tests.command import Cli

LAB = "Working directly on AI safety at a large lab is my highest-impact option"
HARD = "AI safety is one hard problem rather than many moderate ones"


@pytest.fixture
def seeded(cli):
    assert cli.ok("add", LAB, "--tag", "career").strip() == "1"
    assert cli.ok("add", HARD, "--tag", "worldview", "--notes", "from the seed").strip() == "2"
    assert (
        cli.ok(
            "log", "Coffee with a friend on a lab safety team", "--with", "Sam", "--at", "2026-11-26T18:30",
            "--credence", LAB, "25%", "45%", "--credence", "2", "30", "60",
        ).strip()
        == "1"
    )
    return cli


def journal_counts(db) -> tuple[int, int, int]:
    with Journal.open(db) as j:
        data = j.export_data()
    return len(data.propositions), len(data.conversations), len(data.credences)


def test_the_issue_walkthrough(seeded, tmp_path):
    listing = seeded.ok("list")
    assert "#1" in listing and "45%" in listing and "+20 pp" in listing and "[career]" in listing
    assert "60%" in listing and "+30 pp" in listing
    # --at without an offset is local time (Europe/Berlin in the tests)
    assert "2026-11-26 18:30" in listing

    doc = json.loads(seeded.ok("history", "1", "--json"))
    assert doc["format"] == "beliefupdate-history" and doc["version"] == 1
    assert [c["phase"] for c in doc["credences"]] == ["before", "after"]
    assert [c["probability"] for c in doc["credences"]] == [0.25, 0.45]
    assert doc["credences"][0]["recorded_at"] == "2026-11-26T17:30:00+00:00"
    assert doc["credences"][0]["conversation"]["person"] == "Sam"

    out = seeded.ok("export", str(tmp_path / "journal.json"))
    assert "2 propositions, 1 conversations, 4 credences" in out
    exported = json.loads((tmp_path / "journal.json").read_text())
    assert exported["format"] == "beliefupdate" and exported["version"] == 1
    assert {p["text"] for p in exported["propositions"]} == {LAB, HARD}


def test_list_json_and_filters(seeded):
    seeded.ok("archive", "2")
    doc = json.loads(seeded.ok("list", "--json"))
    assert [p["handle"] for p in doc["propositions"]] == [1]
    assert doc["propositions"][0]["current"] == 0.45
    assert doc["propositions"][0]["change"] == pytest.approx(0.2)
    doc = json.loads(seeded.ok("list", "--json", "--all"))
    assert [p["handle"] for p in doc["propositions"]] == [1, 2]
    doc = json.loads(seeded.ok("list", "--json", "--all", "--tag", "WORLDVIEW"))
    assert [p["handle"] for p in doc["propositions"]] == [2]


def test_add_errors(cli):
    assert "empty" in cli.fails("add", "   ")
    assert "500" in cli.fails("add", "x" * 501)
    cli.ok("add", LAB)
    assert "already says that" in cli.fails("add", LAB.upper())
    assert journal_counts(cli.db) == (1, 0, 0)


def test_started_then_finished_conversation(seeded):
    assert seeded.ok("log", "Chat with an AI", "--kind", "ai", "--credence", "work", "45%", "-").strip() == "2"
    listing = seeded.ok("conversations")
    assert "[awaiting after]" in listing
    assert seeded.ok("finish", "2", "--credence", "1", "3:1") == "#2 finished\n"
    doc = json.loads(seeded.ok("conversations", "--json"))
    chat = next(c for c in doc["conversations"] if c["handle"] == 2)
    assert chat["awaiting_after"] is False
    assert chat["kind"] == "ai"
    assert chat["shifts"][0]["after"] == 0.75


def test_finish_errors(seeded):
    assert "no conversation" in seeded.fails("finish", "9", "--credence", "1", "50%")
    assert "needs an after" in seeded.fails("finish", "1", "--credence", "1", "-")
    assert "cannot read" in seeded.fails("finish", "1", "--credence", "1", "lots")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--credence", "1", "25%", "45%", "--credence", "nope-nope", "1", "2"], "no proposition matches"),
        (["--credence", "1", "25%", "45%", "--credence", "2", "30", "160"], "above 100%"),
        (["--credence", "1", "25%", "45%", "--credence", "2", "-", "-"], "neither a before nor an after"),
        (["--credence", "1", "25%", "45%", "--credence", "#1", "30", "60"], "given twice"),
        (["--credence", "1", "25%", "45%", "--kind", "podcast"], "unknown kind"),
        (["--credence", "1", "25%", "45%", "--at", "last tuesday"], "cannot read 'last tuesday' as a time"),
        (["--credence", "1", "abc", "45%"], "cannot read 'abc'"),
        (["--credence", "AI s", "nan", "45%"], "cannot read 'nan'"),
    ],
)
def test_failed_multi_credence_log_writes_nothing(seeded, argv, message):
    before = journal_counts(seeded.db)
    err = seeded.fails("log", "Second chat", "--with", "Newperson", *argv)
    assert message in err
    assert journal_counts(seeded.db) == before
    with Journal.open(seeded.db) as j:
        assert [p.name for p in j.people()] == ["Sam"]


def test_log_requires_a_credence(seeded):
    assert "--credence" in seeded.fails("log", "Just a chat")


def test_proposition_references(seeded):
    seeded.ok("add", "AI timelines are short")
    assert seeded.ok("history", "work").startswith("#1 ")  # prefix of 4+ characters
    assert seeded.ok("history", LAB.lower()).startswith("#1 ")  # exact text, any case
    assert seeded.ok("history", "ai s").startswith("#2 ")
    assert seeded.ok("history", "#3").startswith("#3 ")


def test_ambiguous_and_unknown_references(seeded):
    seeded.ok("add", "AI timelines are short")
    err = seeded.fails("history", "AI ")  # under four characters
    assert "no proposition matches" in err
    err = seeded.fails("checkin", "ai", "50%")
    assert "#2" in err and "#3" in err  # lists the candidates
    seeded.ok("add", "AI safety is one hard problem, says Sam")
    err = seeded.fails("history", "AI safety is one")
    assert "matches several" in err and "#2" in err and "#4" in err


def test_edit_archive_resolve(seeded):
    seeded.ok("edit", "1", "--text", "Working at a large lab is my best option", "--tag", "Big Labs", "--untag", "career")
    doc = json.loads(seeded.ok("list", "--json"))
    first = doc["propositions"][0]
    assert first["text"] == "Working at a large lab is my best option"
    assert first["tags"] == ["big-labs"]
    assert "nothing to change" in seeded.fails("edit", "1")
    assert "no tag" in seeded.fails("edit", "1", "--untag", "missing")
    assert "already says that" in seeded.fails("edit", "1", "--text", HARD)

    seeded.ok("archive", "2")
    assert "AI safety" not in seeded.ok("list")
    seeded.ok("add", HARD)  # an archived proposition's text may be reused
    assert "already says that" in seeded.fails("unarchive", "2")

    seeded.ok("resolve", "1", "true", "--at", "2026-12-01")
    doc = json.loads(seeded.ok("list", "--json"))
    assert doc["propositions"][0]["resolution"] == "true"
    assert doc["propositions"][0]["resolved_at"] == "2026-11-30T23:00:00+00:00"
    assert "unknown resolution" in seeded.fails("resolve", "1", "maybe")


def test_checkin(seeded):
    seeded.ok("checkin", "1", "0.5", "--note", "slept on it", "--at", "2026-11-27T09:00+00:00")
    doc = json.loads(seeded.ok("history", "1", "--json"))
    last = doc["credences"][-1]
    assert last["phase"] == "check-in" and last["probability"] == 0.5 and last["note"] == "slept on it"
    assert last["conversation"] is None
    assert "negative" in seeded.fails("checkin", "1", "-5%")
    assert "above 100%" in seeded.fails("checkin", "1", "101")
    assert "cannot read" in seeded.fails("checkin", "1", "5:0:1")


def test_delete_asks_unless_yes(seeded, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert "--yes" in seeded.fails("delete", "1")
    assert journal_counts(seeded.db) == (2, 1, 4)
    assert "deleted #1" in seeded.ok("delete", "1", "--yes")
    assert journal_counts(seeded.db) == (1, 1, 2)
    assert "--yes" in seeded.fails("delete-conversation", "1")
    seeded.ok("delete-conversation", "Coffee with a friend on a lab safety team", "--yes")
    assert journal_counts(seeded.db) == (1, 0, 0)


def test_delete_confirmation_on_a_terminal(seeded, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "cancelled" in seeded.fails("delete", "1")
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    seeded.ok("delete", "1")
    assert journal_counts(seeded.db) == (1, 1, 2)


def test_edit_conversation(seeded):
    seeded.ok("edit-conversation", "1", "--title", "Coffee with Sam", "--with", "Samantha", "--kind", "reading",
              "--at", "2026-11-25T10:00+00:00", "--notes", "lab culture")
    doc = json.loads(seeded.ok("conversations", "--json"))
    c = doc["conversations"][0]
    assert (c["title"], c["person"], c["kind"], c["occurred_at"], c["notes"]) == (
        "Coffee with Sam", "Samantha", "reading", "2026-11-25T10:00:00+00:00", "lab culture"
    )
    history = json.loads(seeded.ok("history", "1", "--json"))
    assert all(x["recorded_at"] == "2026-11-25T10:00:00+00:00" for x in history["credences"])
    assert "nothing to change" in seeded.fails("edit-conversation", "1")
    assert "unknown kind" in seeded.fails("edit-conversation", "1", "--kind", "x")


def test_import_export_round_trip_and_idempotence(seeded, tmp_path, capsys):
    out_file = tmp_path / "journal.json"
    seeded.ok("export", str(out_file))
    other = seeded.on(tmp_path / "other.sqlite3")
    assert "imported 2 propositions, 1 person, 1 conversation, 4 credences" in other.ok("import", str(out_file))
    assert "imported 0 propositions" in other.ok("import", str(out_file))
    assert journal_counts(other.db) == (2, 1, 4)
    again = tmp_path / "again.json"
    other.ok("export", str(again))
    assert json.loads(again.read_text()) == json.loads(out_file.read_text())


def test_import_refuses_invalid_file_whole(seeded, tmp_path):
    good = tmp_path / "good.json"
    seeded.ok("export", str(good))
    data = json.loads(good.read_text())
    data["credences"][3]["probability"] = 1.5
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    fresh = seeded.on(tmp_path / "fresh.sqlite3")
    fresh.ok("add", "Something else entirely")
    err = fresh.fails("import", str(bad))
    assert "credences[3]" in err and "probability" in err
    assert journal_counts(fresh.db) == (1, 0, 0)
    (tmp_path / "garbage.json").write_text("{not json")
    assert "malformed JSON" in fresh.fails("import", str(tmp_path / "garbage.json"))
    assert "no such file" in fresh.fails("import", str(tmp_path / "missing.json"))


def test_export_errors(seeded, tmp_path):
    assert "end in .json" in seeded.fails("export", str(tmp_path / "x.txt"))
    assert "does not exist" in seeded.fails("export", str(tmp_path / "nope" / "x.json"))


def test_read_commands_do_not_create_a_journal(tmp_path, capsys):
    cli = Cli(tmp_path / "missing.sqlite3", capsys)
    assert "no journal" in cli.fails("list")
    assert not (tmp_path / "missing.sqlite3").exists()


def test_unopenable_journal_is_a_user_error(tmp_path, capsys):
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("just some notes\n")
    cli = Cli(bogus, capsys)
    assert "not a beliefupdate journal" in cli.fails("list")
    assert bogus.read_text() == "just some notes\n"


def test_db_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BELIEFUPDATE_DB", str(tmp_path / "env.sqlite3"))
    assert main(["add", "From the environment"]) == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_sqlalchemy_url_is_accepted(tmp_path, capsys):
    cli = Cli(f"sqlite:///{tmp_path / 'url.sqlite3'}", capsys)
    cli.ok("add", "Via a URL")
    assert (tmp_path / "url.sqlite3").exists()


def test_version_and_usage_errors(cli, capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("beliefupdate ")
    assert "invalid choice" in cli.fails("frobnicate")
    assert "unrecognized arguments" in cli.fails("list", "--bogus")


def test_installed_command_exits_2_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "beliefupdate", "--db", str(tmp_path / "j.sqlite3"), "checkin", "1", "50%"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    # checkin does not start a journal: the mistyped (here: missing) journal is what is reported.
    assert result.stderr == f"beliefupdate: error: no journal at {tmp_path / 'j.sqlite3'} (add a proposition to start one)\n"
    assert not (tmp_path / "j.sqlite3").exists()


def test_list_shows_the_last_real_change_after_the_next_befores_are_recorded(seeded):
    seeded.ok("log", "Lunch with Priya", "--at", "2026-11-28T12:00", "--credence", "1", "45%", "-",
              "--credence", "2", "60%", "-")
    listing = seeded.ok("list")
    assert "+20 pp" in listing and "+30 pp" in listing and "±0" not in listing
    # When the change happened, not when the before repeated it.
    assert "2026-11-26 18:30" in listing and "2026-11-28" not in listing

    doc = json.loads(seeded.ok("list", "--json"))
    lab = doc["propositions"][0]
    assert lab["last_change"] == pytest.approx(0.2) and lab["last_change_from"] == 0.25
    assert lab["last_change_at"] == "2026-11-26T17:30:00+00:00"
    # The fields of version 1 keep their meaning: against the previous record.
    assert (lab["current"], lab["previous"], lab["change"], lab["current_at"]) == (
        0.45, 0.45, 0.0, "2026-11-28T11:00:00+00:00"
    )


COWORKERS = "Coworkers matter for where I'd learn fastest"


def test_log_with_a_belief_born_in_the_conversation(seeded):
    seeded.ok("log", "Lunch with Sam", "--with", "Sam", "--credence", "1", "45%", "40%", "--new-credence", COWORKERS, "80%")
    listing = seeded.ok("conversations")
    assert f"#3 new -> 80%  {COWORKERS}" in listing
    shifts = json.loads(seeded.ok("conversations", "--json"))["conversations"][0]["shifts"]
    born = next(s for s in shifts if s["proposition_handle"] == 3)
    assert (born["new"], born["before"], born["change"]) == (True, None, None)
    assert not any(s["new"] for s in shifts if s["proposition_handle"] != 3)
    stats = seeded.ok("stats")
    assert "#2" in stats and "1/1 moved" in stats and "1 new belief formed" in stats
    assert "Sam: 2 conversation(s)" in stats and ", 1 new belief formed" in stats.split("Who moves you most")[1]
    doc = json.loads(seeded.ok("stats", "--json"))
    assert doc["conversations"][0]["new_beliefs"] == 1 and doc["people"][0]["new_beliefs"] == 1


def test_finish_with_a_belief_born_in_the_conversation(seeded):
    seeded.ok("log", "Lunch", "--credence", "1", "45%", "-")
    seeded.ok("finish", "Lunch", "--new-credence", COWORKERS, "70%")
    assert f"#3 new -> 70%  {COWORKERS}" in seeded.ok("conversations")


@pytest.mark.parametrize("argv, message", [
    (["--new-credence", LAB.upper(), "80%"], "already says that"),
    (["--new-credence", COWORKERS, "-"], "needs its after"),
    (["--new-credence", COWORKERS, "180%"], "180%"),
])
def test_a_refused_new_belief_writes_nothing(seeded, argv, message):
    before = journal_counts(seeded.db)
    assert message in seeded.fails("log", "Lunch", "--credence", "1", "45%", "40%", *argv)
    assert journal_counts(seeded.db) == before


def test_the_first_add_without_db_makes_the_default_journal_and_its_folder(tmp_path, monkeypatch, capsys):
    """What the README's first command does on a new machine: no --db, no data folder yet."""
    monkeypatch.delenv("BELIEFUPDATE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nothing-yet"))
    assert main(["add", "Timelines are short"]) == 0
    assert capsys.readouterr().out.strip() == "1"
    assert (tmp_path / "nothing-yet" / "beliefupdate" / "journal.sqlite3").is_file()
