"""CSV exports: the long and wide shapes, read back by Python's csv module and, where it is
installed, by LibreOffice itself; formulas never run and numbers stay numbers."""

from __future__ import annotations

import csv
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from beliefupdate.domain.types import Credence, CredenceEntry, JournalData, Phase
from beliefupdate.interchange.csv_export import LONG_COLUMNS, neutralise, unneutralise, wide_rows, write_csv

T0 = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)

HOSTILE = [
    "=1+1 is two",
    "+44 is the prefix for calls to the UK",
    "-5 degrees tomorrow, says the forecast",
    "@channel will notice",
    "'already quoted",
    "=HYPERLINK(\"http://example.com\",\"click\")",
    "Plain 'text' with \"quotes\", commas; and a\nnewline",
    "עברית RTL and emoji 🙂👍🏽 mixed",
]


def read(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def hostile_journal(journal):
    ids = [journal.add_proposition(text, tags=["=cmd", "plain"]).id for text in HOSTILE]
    journal.log_conversation(
        "-conversation title", [CredenceEntry(pid, 0.25, 0.5, note="@SUM(1)") for pid in ids],
        person='=HYPERLINK("http://evil")', occurred_at=T0,
    )
    journal.check_in(ids[0], 1.0, note="+1 for this", at=T0 + timedelta(hours=1))
    # Typed text is trimmed, but imported notes keep their leading whitespace.
    journal.import_data(
        JournalData(
            credences=tuple(
                Credence(f"imported-{i}", ids[1], None, Phase.CHECK_IN, 0.5, T0 + timedelta(hours=2 + i), note)
                for i, note in enumerate(["\tindented with a tab", "\rafter a carriage return", "\nafter a line feed"])
            )
        )
    )
    return journal


def test_long_shape_has_one_row_per_credence(rich_journal, tmp_path):
    data = rich_journal.export_data()
    out = tmp_path / "journal.csv"
    assert write_csv(data, out, "long") == len(data.credences)
    rows = read(out)
    assert tuple(rows[0]) == LONG_COLUMNS
    assert len(rows) == 1 + len(data.credences)
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    coffee_before = next(
        r for r in records if r["conversation"] == "Coffee with a friend on a lab safety team" and r["phase"] == "before"
        and r["proposition"].startswith("Working")
    )
    assert coffee_before == {
        "proposition": "Working directly on AI safety at a large lab is my highest-impact option",
        "tags": "career ai-safety",
        "conversation": "Coffee with a friend on a lab safety team",
        "person": "Sam",
        "kind": "conversation",
        "phase": "before",
        "probability": "0.25",
        "recorded_at": "2026-11-26 17:30:00",
        "note": "",  # the reason it moved is the after's
    }
    coffee_after = next(r for r in records if r["conversation"] == coffee_before["conversation"]
                        and r["phase"] == "after" and r["proposition"] == coffee_before["proposition"])
    assert coffee_after["note"] == "they described the day-to-day"
    check_in = next(r for r in records if r["note"] == "slept on it")
    assert (check_in["conversation"], check_in["person"], check_in["kind"], check_in["phase"]) == ("", "", "", "check-in")
    assert [r["recorded_at"] for r in records] == sorted(r["recorded_at"] for r in records)


def test_text_that_a_spreadsheet_would_run_is_neutralised(journal, tmp_path):
    data = hostile_journal(journal).export_data()
    out = tmp_path / "journal.csv"
    write_csv(data, out, "long")
    rows = read(out)[1:]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell
    assert {unneutralise(r[0]) for r in rows} == set(HOSTILE)
    assert {r[0] for r in rows if r[0].startswith("'")} == {neutralise(t) for t in HOSTILE if t[0] in "=+-@\t\r\n'"}
    assert rows[0][1] == "'=cmd plain"
    assert {r[2] for r in rows if r[2]} == {"'-conversation title"}
    assert {r[3] for r in rows if r[3]} == {"'=HYPERLINK(\"http://evil\")"}
    assert {r[8] for r in rows if r[8]} == {
        "'@SUM(1)", "'+1 for this", "'\tindented with a tab", "'\rafter a carriage return", "'\nafter a line feed"
    }
    # Numbers are bare in the file, not quoted as text.
    raw = out.read_text(encoding="utf-8-sig")
    assert ",0.25,2026-11-26 17:30:00," in raw and ",1.0,2026-11-26 18:30:00," in raw


def test_wide_shape_has_a_row_per_day_and_the_credence_that_stood(journal):
    lab = journal.add_proposition("Working at a large lab is my best option")
    phd = journal.add_proposition("A PhD is worth it for me")
    journal.add_proposition("Never given a credence")
    journal.log_conversation("Coffee", [CredenceEntry(lab.id, 0.2, 0.4)], occurred_at=T0)  # 18:30 in Berlin
    journal.check_in(lab.id, 0.5, at=T0 + timedelta(hours=2))  # same day, later: this one stands
    # 23:30 UTC on the 27th is already the 28th in Berlin, where the tests run.
    journal.check_in(phd.id, 0.7, at=datetime(2026, 11, 27, 23, 30, tzinfo=UTC))
    journal.check_in(lab.id, 0.1, at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    rows = wide_rows(journal.export_data())
    assert rows == [
        ["date", "Working at a large lab is my best option", "A PhD is worth it for me", "Never given a credence"],
        ["2026-11-26", "0.5", "", ""],
        ["2026-11-27", "0.5", "", ""],
        ["2026-11-28", "0.5", "0.7", ""],
        ["2026-11-29", "0.5", "0.7", ""],
        ["2026-11-30", "0.1", "0.7", ""],
    ]


def test_wide_shape_column_names_are_neutralised_and_unique(journal):
    first = journal.add_proposition("=A claim")
    journal.set_archived(first.id)
    journal.add_proposition("=A claim")
    assert wide_rows(journal.export_data())[0] == ["date", "'=A claim (#1)", "'=A claim (#2)"]


def test_wide_shape_of_an_empty_journal_is_just_its_header(journal, tmp_path):
    journal.add_proposition("Nothing logged yet")
    out = tmp_path / "wide.csv"
    assert write_csv(journal.export_data(), out, "wide") == 0
    assert read(out) == [["date", "Nothing logged yet"]]


def test_export_is_atomic_and_leaves_no_temporary_file(journal, tmp_path):
    journal.add_proposition("A claim")
    out = tmp_path / "journal.csv"
    out.write_text("old export")
    write_csv(journal.export_data(), out, "long")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("journal.sqlite3")) == ["journal.csv"]
    assert out.read_bytes().startswith(b"\xef\xbb\xbfproposition,")  # a BOM, so Excel reads UTF-8


# -- a real spreadsheet program -----------------------------------------------

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_cells(csv_path, tmp_path) -> list[list[dict]]:
    """Open a CSV in LibreOffice Calc (headless) and return each cell's type, value, text and formula."""
    outdir = tmp_path / "converted"
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
         "--infilter=CSV:44,34,76,1", "--convert-to", "fods", "--outdir", str(outdir), str(csv_path)],
        check=True, capture_output=True, timeout=180,
    )
    root = ET.parse(outdir / (csv_path.stem + ".fods")).getroot()
    rows = []
    for row in root.iter(f"{{{NS['table']}}}table-row"):
        cells = []
        for cell in row.findall("table:table-cell", NS):
            repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
            info = {
                "type": cell.get(f"{{{NS['office']}}}value-type"),
                "value": cell.get(f"{{{NS['office']}}}value") or cell.get(f"{{{NS['office']}}}date-value"),
                "formula": cell.get(f"{{{NS['table']}}}formula"),
                "text": "\n".join(_paragraph_text(p) for p in cell.findall("text:p", NS)),
            }
            cells.extend([info] * min(repeat, 50))
        rows.append(cells)
    return rows


def _paragraph_text(p) -> str:
    parts = [p.text or ""]
    for child in p:
        tag = child.tag.split("}")[1]
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{NS['text']}}}c", "1")))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
def test_libreoffice_runs_no_formula_and_reads_numbers_and_dates(journal, tmp_path):
    data = hostile_journal(journal).export_data()
    long_csv, wide_csv, control = tmp_path / "long.csv", tmp_path / "wide.csv", tmp_path / "control.csv"
    write_csv(data, long_csv, "long")
    write_csv(data, wide_csv, "wide")
    control.write_text("a\n=1+1\n", encoding="utf-8")

    # The check can see a formula when there is one.
    assert libreoffice_cells(control, tmp_path)[1][0]["formula"] == "of:=1+1"

    rows = libreoffice_cells(long_csv, tmp_path)
    assert [c["text"] for c in rows[0][:9]] == list(LONG_COLUMNS)
    assert len(rows) >= 1 + len(data.credences)
    for row in rows[1 : 1 + len(data.credences)]:
        assert all(c["formula"] is None for c in row)
        proposition, probability, recorded_at = row[0], row[6], row[7]
        assert proposition["type"] == "string" and unneutralise(proposition["text"]).strip() in {t.strip() for t in HOSTILE}
        assert probability["type"] == "float" and float(probability["value"]) in (0.25, 0.5, 1.0)
        assert recorded_at["type"] == "date" and recorded_at["value"].startswith("2026-11-26T")
    person = next(r[3] for r in rows[1:] if r[3]["text"])
    assert person["type"] == "string" and person["text"] == "'=HYPERLINK(\"http://evil\")"

    wide = libreoffice_cells(wide_csv, tmp_path)
    assert all(c["formula"] is None for row in wide for c in row)
    assert wide[1][0]["type"] == "date" and wide[1][0]["value"] == "2026-11-26"
    assert [c["type"] for c in wide[1][1 : 1 + len(HOSTILE)]] == ["float"] * len(HOSTILE)
