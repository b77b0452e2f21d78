"""backup, backups, restore, CSV export and format-detecting import, driven as a user types them."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beliefupdate.store.files import backup as B
from beliefupdate.store.journal import Journal
from tests.command import Cli

LAB = "Working directly on AI safety at a large lab is my highest-impact option"
HARD = "AI safety is one hard problem rather than many moderate ones"
FATEBOOK_HEADER = (
    "Question title,Multiple choice option,Forecast created by,Forecast (scale = 0-1),Forecast created at,"
    "Question created by,Question created at,Question resolve by,Resolution,Resolved at,"
    "Your Brier score for this question,Your relative Brier score for this question,Question notes,"
    "Question shared with,Question shared publicly,Question comments,Question tags"
)


@pytest.fixture
def journal_db(journal_path):
    """Backups beside the journal's file, CSV and imports into files: the `cli` of these tests works on SQLite."""
    return str(journal_path)


@pytest.fixture
def seeded(cli):
    cli.ok("add", LAB, "--tag", "career")
    cli.ok("add", HARD, "--tag", "worldview")
    cli.ok("log", "Coffee with a friend on a lab safety team", "--with", "Sam", "--at", "2026-11-26T18:30",
           "--credence", "1", "25%", "45%", "--credence", "2", "30", "60")
    cli.ok("checkin", "1", "50%", "--note", "=slept on it", "--at", "2026-11-28T09:00")
    return cli


def counts(db) -> tuple[int, int, int]:
    with Journal.open(db) as j:
        data = j.export_data()
    return len(data.propositions), len(data.conversations), len(data.credences)


def digest(path) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)


# -- backups --------------------------------------------------------------------


def test_backup_backups_and_restore(seeded, tmp_path, no_terminal):
    folder = B.backups_dir(Path(seeded.db))
    assert folder.parent == tmp_path / "backups"
    assert seeded.ok("backup").startswith(f"backed up to {folder}/journal-manual-")
    listing = seeded.ok("backups")
    assert "made by hand" in listing and "daily" in listing and f"in {folder}" in listing
    doc = json.loads(seeded.ok("backups", "--json"))
    assert doc["format"] == "beliefupdate-backups" and doc["version"] == 1
    assert [b["number"] for b in doc["backups"]] == [1, 2]
    manual = next(b for b in doc["backups"] if b["kind"] == "manual")

    seeded.ok("delete", "1", "--yes")
    assert counts(seeded.db) == (1, 1, 2)
    assert "--yes" in seeded.fails("restore", manual["file"])  # asks first; without a terminal, refuses
    assert counts(seeded.db) == (1, 1, 2)
    out = seeded.ok("restore", manual["file"], "--yes")
    assert out.startswith(f"restored {seeded.db} from {manual['file']}; the journal as it was is kept as ")
    assert counts(seeded.db) == (2, 1, 5)
    kinds = [b["kind"] for b in json.loads(seeded.ok("backups", "--json"))["backups"]]
    assert kinds[0] == "before-restore"


def test_restore_asks_on_a_terminal(seeded, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    seeded.ok("backup")
    seeded.ok("add", "Added after the backup")
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "cancelled" in seeded.fails("restore", "1")
    assert counts(seeded.db)[0] == 3
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    seeded.ok("restore", "1")
    assert counts(seeded.db)[0] == 2


def test_backup_to_a_chosen_place(seeded, tmp_path):
    out = tmp_path / "copy.sqlite3"
    assert seeded.ok("backup", str(out)) == f"backed up to {out}\n"
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    assert "already exists" in seeded.fails("backup", str(out))
    folder = tmp_path / "usb stick"
    folder.mkdir()
    assert seeded.ok("backup", str(folder)).startswith(f"backed up to {folder}/journal-backup-")
    assert "does not exist" in seeded.fails("backup", str(tmp_path / "nope" / "x.sqlite3"))


def test_backups_and_restore_work_when_the_journal_cannot_be_opened(seeded, tmp_path):
    seeded.ok("backup")
    path = tmp_path / "journal.sqlite3"
    data = bytearray(path.read_bytes())
    data[4096:8192] = bytes(4096)  # a page of zeros
    path.write_bytes(bytes(data))
    damaged = digest(path)
    err = seeded.fails("list")
    assert "is damaged" in err and "backups are in" in err
    assert digest(path) == damaged
    assert "made by hand" in seeded.ok("backups")
    out = seeded.ok("restore", "1", "--yes")
    kept = out.strip().rsplit(" kept as ", 1)[1]
    assert digest(kept) == damaged
    assert counts(seeded.db) == (2, 1, 5)


def test_restore_refuses_a_file_that_is_not_a_journal(seeded, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a journal")
    assert "not a beliefupdate journal" in seeded.fails("restore", str(notes), "--yes")
    assert "no backup #4" in seeded.fails("restore", "4", "--yes")
    other = seeded.on(tmp_path / "other.sqlite3")
    assert "no backups yet" in other.ok("backups")


def test_backup_refuses_a_missing_journal(tmp_path, capsys):
    cli = Cli(tmp_path / "missing.sqlite3", capsys)
    assert "no journal at" in cli.fails("backup")
    assert not (tmp_path / "missing.sqlite3").exists()


def test_backups_need_a_journal_file(tmp_path, capsys):
    cli = Cli("sqlite://", capsys)
    assert "only for journal files" in cli.fails("backups")


# -- export -----------------------------------------------------------------------


def test_export_picks_the_format_from_the_extension(seeded, tmp_path):
    long_csv, wide_csv = tmp_path / "journal.csv", tmp_path / "matrix.CSV"
    assert seeded.ok("export", str(long_csv)) == f"exported 2 propositions, 1 conversations, 5 credences to {long_csv}\n"
    with open(long_csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["proposition", "tags", "conversation"] and len(rows) == 6
    assert rows[-1][-1] == "'=slept on it"
    assert seeded.ok("export", str(wide_csv), "--shape", "wide") == f"exported 2 propositions over 3 days to {wide_csv}\n"
    with open(wide_csv, encoding="utf-8-sig", newline="") as f:
        wide = list(csv.reader(f))
    assert wide == [["date", LAB, HARD], ["2026-11-26", "0.45", "0.6"], ["2026-11-27", "0.45", "0.6"],
                    ["2026-11-28", "0.5", "0.6"]]
    assert "--shape is for CSV" in seeded.fails("export", str(tmp_path / "x.json"), "--shape", "wide")
    assert "end in .json or .csv" in seeded.fails("export", str(tmp_path / "x.xlsx"))
    assert "invalid choice" in seeded.fails("export", str(long_csv), "--shape", "tall")


# -- import -------------------------------------------------------------------------


def test_import_merges_by_id_into_a_journal_that_has_some_of_the_records(seeded, tmp_path, capsys):
    full = tmp_path / "full.json"
    seeded.ok("export", str(full))
    doc = json.loads(full.read_text())
    part = {**doc, "credences": doc["credences"][:2], "conversations": doc["conversations"], "people": doc["people"]}
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps(part))

    other = seeded.on(tmp_path / "other.sqlite3")
    other.ok("import", str(partial))
    other.ok("add", "Only in the other journal")
    out = other.ok("import", str(full))
    assert out == "imported 0 propositions, 0 people, 0 conversations, 3 credences; 6 already present\n"
    assert counts(other.db) == (3, 1, 5)


def fatebook_csv(tmp_path):
    path = tmp_path / "fatebook.csv"
    path.write_text(
        FATEBOOK_HEADER + "\n"
        + '"Will I take the lab job?",,"Alex",0.4,2024-01-05 10:00:5,"Alex",2024-01-05 10:00:5,,"YES",2024-02-01 10:00:0,,,,,false,,"career"\n'
        + '"Will I take the lab job?",,"Alex",0.7,2024-01-20 10:00:0,"Alex",2024-01-05 10:00:5,,"YES",2024-02-01 10:00:0,,,,,false,,"career"\n'
        + '"Will I take the lab job?",,"Sam",0.9,2024-01-21 10:00:0,"Alex",2024-01-05 10:00:5,,"YES",2024-02-01 10:00:0,,,,,false,,"career"\n',
        encoding="utf-8",
    )
    return path


def test_import_detects_a_fatebook_export(seeded, tmp_path):
    out = seeded.ok("import", str(fatebook_csv(tmp_path)))
    assert out == (
        "imported 1 proposition, 0 people, 0 conversations, 2 credences from a Fatebook export; "
        "left out 1 forecasts by people other than Alex\n"
    )
    doc = json.loads(seeded.ok("history", "Will I take the lab job?", "--json"))
    assert doc["proposition"]["resolution"] == "true" and doc["proposition"]["tags"] == ["career"]
    assert [c["probability"] for c in doc["credences"]] == [0.4, 0.7]
    assert "0 propositions" in seeded.ok("import", str(fatebook_csv(tmp_path)))


def big_file(path):
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk
    return path


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.json", "", "is empty"),
        ("picture.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not a text file"),
        ("broken.json", '{"format": "beliefupdate", "version": 1, "propositions": [', "malformed JSON at line 1"),
        ("future.json", '{"format": "beliefupdate", "version": 2}', "export version 2 is not supported"),
        ("nan.json", '{"format": "beliefupdate", "version": 1, "credences": [{"probability": NaN}]}', "probability' is nan"),
        ("journal.csv", "proposition,tags,conversation,person,kind,phase,probability,recorded_at,note\n",
         "is a beliefupdate CSV export"),
        ("budget.csv", "date,amount\n2026-01-01,12\n", "not a file beliefupdate can import"),
        ("huge.json", big_file, "over the 50 MB import limit"),
        ("fatebook.csv", FATEBOOK_HEADER + "\n\"Q\",,\"Alex\",2,2024-01-05 10:00:5,\"Alex\",2024-01-05 10:00:5,,,,,,,,,,\n",
         "row 2, field 'Forecast (scale = 0-1)' is 2"),
    ],
)
def test_import_refuses_a_bad_file_whole(seeded, tmp_path, name, content, message):
    path = tmp_path / name
    if callable(content):
        content(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = counts(seeded.db)
    assert message in seeded.fails("import", str(path))
    assert counts(seeded.db) == before


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["credences"][0].update(probability=-0.2), "credences[0]: field 'probability' is -0.2"),
        (lambda d: d["credences"][1].pop("phase"), "credences[1]: missing required field 'phase'"),
        (lambda d: d["credences"][2].update(proposition_id="no-such-id"), "proposition_id no-such-id is unknown"),
        (lambda d: d["conversations"][0].update(person_id="nobody"), "person_id nobody is not among the people"),
        (lambda d: d["propositions"][1].pop("text"), "propositions[1]: missing required field 'text'"),
    ],
)
def test_import_names_the_first_invalid_record_and_imports_nothing(seeded, tmp_path, capsys, mutate, message):
    path = tmp_path / "export.json"
    seeded.ok("export", str(path))
    doc = json.loads(path.read_text())
    mutate(doc)
    path.write_text(json.dumps(doc))
    fresh = seeded.on(tmp_path / "fresh.sqlite3")
    fresh.ok("add", "Already here")
    assert message in fresh.fails("import", str(path))
    assert counts(fresh.db) == (1, 0, 0)


def test_commands_from_a_real_process(seeded, tmp_path):
    """The installed command, not just main(): exit codes and one-line errors."""
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "beliefupdate", "--db", seeded.db, *a], capture_output=True, text=True, timeout=60
    )
    ok = run("backup")
    assert ok.returncode == 0 and ok.stdout.startswith("backed up to ")
    bad = run("restore", "99", "--yes")
    assert bad.returncode == 2 and bad.stderr.startswith("beliefupdate: error: there is no backup #99")


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "name, argv",
    [
        # A journal may be named anything, even like an export or a picture.
        ("j.json", ["export", "{j}"]),
        ("j.csv", ["export", "{j}", "--shape", "wide"]),
        ("j.json", ["export", "{folder}/backups/latest.json"]),
        ("j.json", ["export", "{folder}/backups/../j.json"]),
        ("j.png", ["chart", "{j}", "-p", "1"]),
        ("j.sqlite3", ["chart", "{folder}/backups/chart.png", "-p", "1"]),
        ("j.svg", ["calibration", "{j}"]),
        ("j.sqlite3", ["backup", "{j}"]),
        ("j.sqlite3", ["backup", "{j}-wal"]),
        ("j.sqlite3", ["backup", "{j}-shm"]),
        ("j.sqlite3", ["backup", "{folder}/backups"]),
    ],
    ids=lambda v: v if isinstance(v, str) else " ".join(v).replace("{", "").replace("}", ""),
)
def test_no_output_is_written_onto_the_journal_or_its_backups(name, argv, tmp_path, capsys):
    journal = tmp_path / name
    cli = Cli(journal, capsys)
    cli.ok("add", LAB)
    cli.ok("checkin", "1", "40%")
    cli.ok("resolve", "1", "true")
    cli.ok("backup")
    before = _files(tmp_path)
    err = cli.fails(*[a.format(j=journal, folder=tmp_path) for a in argv])
    assert "write to another file" in err, err
    assert _files(tmp_path) == before
    cli.ok("list")
