"""`beliefupdate chart`: writes the chart, or refuses cleanly (UserError, no file) for a bad request."""

import argparse
import os
import subprocess
import sys
import textwrap

import pytest

from beliefupdate.cli_commands import chart as command
from beliefupdate.domain.errors import InvalidInput, NotFound, UserError

from .test_export import load_png


def parse(*argv):
    parser = argparse.ArgumentParser(prog="beliefupdate")
    command.add_parser(parser.add_subparsers())
    return parser.parse_args(["chart", *map(str, argv)])


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_writes_each_format_with_the_asked_size(qapp, journal, career, out, capsys):
    for name in ("c.png", "c.svg", "c.pdf"):
        args = parse(out / name, "--proposition", "1", "-p", "#4", "--width", 1200, "--height", 700)
        assert command.run(args, journal) == 0
        assert (out / name).stat().st_size > 1000
    assert load_png(out / "c.png").shape == (700, 1200, 3)
    said = capsys.readouterr().out
    assert "c.png (PNG, 1200×700 px, 2 propositions, 5 conversations)" in said


def test_tag_since_until_title_and_log_odds(qapp, journal, career, out):
    args = parse(out / "c.svg", "--tag", "career", "--since", "2026-03-01", "--until", "2026-04-01",
                 "--title", "Should I join a lab?", "--log-odds")
    command.run(args, journal)
    svg = (out / "c.svg").read_text()
    assert "Should I join a lab?" in svg
    assert "1 Mar – 1 Apr 2026" in svg
    assert "log-odds" in svg
    assert "Transformative AI" not in svg  # not tagged career
    assert "Coffee with Sam about team culture" in svg
    assert "Mock interview" not in svg  # after --until


def test_without_a_selection_draws_every_proposition_with_credences(qapp, journal, career, out):
    journal.add_proposition("Never asked")
    command.run(parse(out / "all.svg"), journal)
    svg = (out / "all.svg").read_text()
    assert "Transformative AI arrives before 2035" in svg
    assert "Never asked" not in svg


@pytest.mark.parametrize(
    "argv, error, message",
    [
        (["--proposition", "99"], NotFound, "no proposition #99"),
        (["--proposition", "Something nobody wrote"], NotFound, "no proposition matches"),
        (["--tag", "hobbies"], NotFound, "no proposition is tagged 'hobbies'"),
        (["--since", "2026-06-01", "--until", "2026-07-01"], NotFound, "no credences recorded"),
        (["--since", "2026-04-01", "--until", "2026-03-01"], InvalidInput, "must be before"),
        (["--since", "next tuesday"], InvalidInput, "cannot read 'next tuesday' as a time"),
        (["--width", "9000"], InvalidInput, "outside 320..8000"),
        (["--height", "100"], InvalidInput, "outside 320..8000"),
        (["--title", "  "], InvalidInput, "--title is empty"),
    ],
)
def test_bad_requests_fail_with_a_clear_message_and_no_file(qapp, journal, career, out, argv, error, message):
    with pytest.raises(error, match=message):
        command.run(parse(out / "c.png", *argv), journal)
    assert list(out.iterdir()) == []


def test_empty_journal_has_nothing_to_draw(qapp, journal, out):
    with pytest.raises(NotFound, match="no credences to draw yet"):
        command.run(parse(out / "c.png"), journal)
    assert list(out.iterdir()) == []


def test_unknown_extension_and_missing_folder(qapp, journal, career, out):
    with pytest.raises(InvalidInput, match=r"end the name in \.png, \.svg or \.pdf"):
        command.run(parse(out / "c.jpeg"), journal)
    with pytest.raises(UserError, match="does not exist"):
        command.run(parse(out / "nowhere" / "c.png"), journal)
    assert list(out.iterdir()) == []


def test_messages_fit_on_one_line(qapp, journal, career, out):
    for argv in (["--proposition", "zzzz"], ["--since", "2026-06-01", "--until", "2026-07-01"]):
        with pytest.raises(UserError) as caught:
            command.run(parse(out / "c.png", *argv), journal)
        assert "\n" not in str(caught.value)


def test_runs_without_any_display_and_shows_no_window(journal_path, career, out):
    """A fresh process with no DISPLAY and no Qt platform chosen: offscreen, automatically."""
    script = textwrap.dedent(
        f"""
        import argparse
        from beliefupdate.cli_commands import chart as command
        from beliefupdate.store.journal import Journal
        from PySide6.QtGui import QGuiApplication
        parser = argparse.ArgumentParser()
        command.add_parser(parser.add_subparsers())
        args = parser.parse_args(["chart", {str(out / "c.png")!r}, "-p", "1"])
        with Journal.open({str(journal_path)!r}) as journal:
            code = command.run(args, journal)
        app = QGuiApplication.instance()
        print(code, app.platformName(), len(app.topLevelWindows()))
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 offscreen 0"
    assert load_png(out / "c.png").shape == (900, 1600, 3)


EXPORT_PROBE = """
import sys
from beliefupdate.cli import main
for name, extra in (("c.png", []), ("c.svg", ["--log-odds"]), ("c.pdf", [])):
    assert main(["--db", sys.argv[1], "chart", sys.argv[2] + "/" + name, "-p", "1", "-p", "2", *extra]) == 0
print("numpy loaded:", "numpy" in sys.modules)
"""


def test_exporting_a_chart_does_not_load_numpy(tmp_path):
    # NumPy takes a tenth of a second to load: a chart drawn from the command line does without it.
    from beliefupdate.domain.types import CredenceEntry
    from beliefupdate.store.journal import Journal

    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        first = journal.add_proposition("Interpretability will matter for alignment within five years")
        second = journal.add_proposition("I should take a job at a large AI lab")
        journal.log_conversation("Coffee with Sam", [CredenceEntry(first.id, 0.4, 0.6, ""), CredenceEntry(second.id, 0.3, 0.2, "")],
                                 person="Sam")
        journal.log_conversation("Reading group", [CredenceEntry(first.id, 0.6, 0.7, "")])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", EXPORT_PROBE, str(path), str(tmp_path)], capture_output=True, text=True,
                         timeout=120, check=True, env=env)
    assert "numpy loaded: False" in out.stdout, out.stdout + out.stderr
    assert all((tmp_path / name).stat().st_size > 1000 for name in ("c.png", "c.svg", "c.pdf"))
