"""A new format is one module and one registration: the command line and the window pick it up."""

import uuid
from datetime import UTC, datetime

import pytest

from beliefupdate.cli import main
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import JournalData, Proposition
from beliefupdate.interchange import registry

MAGIC = "# propositions, one a line"


def _parse(sample):
    lines = [line.strip() for line in sample.text.splitlines()[1:] if line.strip()]
    if not lines:
        raise InvalidInput(f"{sample.path}: no propositions in it")
    at = datetime(2026, 1, 1, tzinfo=UTC)
    props = tuple(Proposition(str(uuid.uuid5(uuid.NAMESPACE_URL, t)), 0, t, "", (), at) for t in lines)
    return registry.Parsed(JournalData(propositions=props))


LINES = registry.Importer(
    name="lines",
    title="List of propositions",
    described="a list of propositions",
    patterns=("*.txt",),
    sniff=lambda sample: (sample.text or "").startswith(MAGIC),
    parse=_parse,
    origin="a list",
)


@pytest.fixture
def lines_format():
    registry.importers()  # the built-in formats first, as a module of the package would be
    registry.register(LINES)
    yield LINES
    registry.unregister(LINES.name)


def test_the_built_in_formats_register_themselves():
    names = [i.name for i in registry.importers()]
    assert names == ["beliefupdate", "fatebook"]
    assert registry.accepted() == "a beliefupdate JSON export or a Fatebook CSV export"


def test_a_registered_format_is_imported_by_the_command_line(lines_format, tmp_path, capsys):
    path = tmp_path / "mine.txt"
    path.write_text(f"{MAGIC}\nRemote work suits me\nI should learn Rust\n", encoding="utf-8")
    db = str(tmp_path / "j.sqlite3")
    assert main(["--db", db, "import", str(path)]) == 0
    assert capsys.readouterr().out == "imported 2 propositions, 0 people, 0 conversations, 0 credences from a list\n"
    assert main(["--db", db, "list"]) == 0
    assert "I should learn Rust" in capsys.readouterr().out


def test_a_registered_format_is_named_where_formats_are_listed(lines_format, tmp_path, capsys):
    other = tmp_path / "budget.csv"
    other.write_text("date,amount\n2026-01-01,12\n", encoding="utf-8")
    db = tmp_path / "j.sqlite3"
    assert main(["--db", str(db), "import", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "(a beliefupdate JSON export, a Fatebook CSV export or a list of propositions)" in err
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "a list of propositions into the journal" in " ".join(capsys.readouterr().out.split())

