"""The calibration chart: points where the bins put them, in every format, and clean refusals from the command."""

import argparse
import os
import subprocess
import sys
import textwrap

import pytest

from beliefupdate.charts.calibration import CalibrationOptions, export_calibration, paint, point_colour
from beliefupdate.charts.colours import LIGHT
from beliefupdate.cli_commands import calibration as calibration_command
from beliefupdate.domain.errors import InvalidInput, NotFound, UserError
from beliefupdate.domain.measures import calibration_table
from beliefupdate.domain.types import CredenceEntry, Resolution

from .conftest import at
from .test_export import load_png, near_colour, pixels, rasterise_pdf, rasterise_svg, same_picture


def parse(*argv):
    parser = argparse.ArgumentParser(prog="beliefupdate")
    calibration_command.add_parser(parser.add_subparsers())
    return parser.parse_args(["calibration", *map(str, argv)])


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def forecast(journal, text, credence, came_true, day=1):
    p = journal.add_proposition(text, ["forecast"], created_at=at(f"2026-03-{day:02d}"))
    journal.log_conversation(f"About {text}", [CredenceEntry(p.id, 0.5, credence)], occurred_at=at(f"2026-03-{day:02d}"))
    journal.resolve_proposition(p.id, Resolution.TRUE if came_true else Resolution.FALSE, at=at("2026-05-01"))
    return p


@pytest.fixture
def forecasts(journal):
    """Four at 70% (three came true) and two at 20% (neither did): bins 70-80% and 20-30%."""
    for i, truth in enumerate((True, True, True, False)):
        forecast(journal, f"Seventy {i}", 0.7, truth, day=i + 1)
    forecast(journal, "Twenty a", 0.2, False, day=10)
    forecast(journal, "Twenty b", 0.2, False, day=11)
    journal.add_proposition("Still open")
    return journal


def plot_of(bins, options):
    """Where the plot square lies for these options (the same layout the files get)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(options.width, options.height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        return paint(painter, bins, options)
    finally:
        painter.end()


def spot(plot, x, y):
    return plot.left() + x * plot.width(), plot.bottom() - y * plot.height()


def check_picture(img, bins, options):
    assert img.shape == (options.height, options.width, 3)
    assert (img[3, 3] == [255, 255, 255]).all() and (img[-3, -3] == [255, 255, 255]).all(), "white page"
    plot = plot_of(bins, options)
    colour = point_colour(LIGHT).name()
    # Tight enough to tell the blue points from the grey diagonal's antialiased edge.
    assert near_colour(img, *spot(plot, 0.7, 0.75), colour, tolerance=25), "the 70% bin: 3 of 4 came true"
    assert near_colour(img, *spot(plot, 0.2, 0.0), colour, tolerance=25), "the 20% bin: none came true"
    assert not near_colour(img, *spot(plot, 0.45, 0.45), colour, radius=4, tolerance=25), "empty bins draw no point"
    # The diagonal runs through the middle of the plot.
    assert near_colour(img, *spot(plot, 0.5, 0.5), LIGHT.muted_text, radius=3, tolerance=70)


def bins_of(journal):
    from beliefupdate.domain.measures import resolved_forecasts

    data = journal.export_data()
    return calibration_table((f.probability, f.outcome) for f in resolved_forecasts(data.propositions, data.credences))


def test_png_has_the_asked_size_a_white_page_and_points_where_the_bins_are(qapp, forecasts, out, capsys):
    assert calibration_command.run(parse(out / "c.png", "--width", 900, "--height", 800), forecasts) == 0
    options = CalibrationOptions(900, 800)
    check_picture(load_png(out / "c.png"), bins_of(forecasts), options)
    assert "c.png (PNG, 900×800 px, 6 resolved propositions in 2 bins)" in capsys.readouterr().out


def test_svg_rendered_independently_matches_the_png(qapp, forecasts, tmp_path):
    bins, options = bins_of(forecasts), CalibrationOptions(960, 720, "How calibrated am I?")
    export_calibration(bins, tmp_path / "c.svg", options)
    export_calibration(bins, tmp_path / "c.png", options)
    svg = (tmp_path / "c.svg").read_text()
    assert "How calibrated am I?" in svg and "n = 4" in svg and "n = 2" in svg
    from_svg = rasterise_svg(tmp_path / "c.svg", tmp_path / "from_svg.png")
    check_picture(from_svg, bins, options)
    same_picture(from_svg, load_png(tmp_path / "c.png"))


def test_pdf_rendered_independently_matches_the_png(qapp, forecasts, tmp_path):
    bins, options = bins_of(forecasts), CalibrationOptions(960, 720)
    export_calibration(bins, tmp_path / "c.pdf", options)
    export_calibration(bins, tmp_path / "c.png", options)
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    from_pdf = rasterise_pdf(tmp_path / "c.pdf", tmp_path / "from_pdf")
    check_picture(from_pdf, bins, options)
    same_picture(from_pdf, load_png(tmp_path / "c.png"))


@pytest.mark.parametrize("size", [(320, 320), (2400, 900), (500, 1400)])
def test_any_size_keeps_the_whole_plot_on_the_page(qapp, forecasts, size):
    from PySide6.QtGui import QImage, QPainter

    bins, options = bins_of(forecasts), CalibrationOptions(*size)
    image = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    plot = paint(painter, bins, options)
    painter.end()
    assert plot.left() > 0 and plot.top() > 0 and plot.right() < size[0] and plot.bottom() < size[1]
    assert abs(plot.width() - plot.height()) < 1, "a square, so the diagonal is at 45°"
    img = pixels(image)
    # Nothing is drawn in the outermost pixels: labels are not cut off at the edges.
    assert (img[:2] == 255).all() and (img[-2:] == 255).all() and (img[:, :2] == 255).all() and (img[:, -2:] == 255).all()


@pytest.mark.parametrize(
    "argv, error, message",
    [
        (["--width", "9000"], InvalidInput, "outside 320..8000"),
        (["--height", "100"], InvalidInput, "outside 320..8000"),
        (["--title", "  "], InvalidInput, "--title is empty"),
    ],
)
def test_bad_requests_fail_with_a_clear_message_and_no_file(qapp, forecasts, out, argv, error, message):
    with pytest.raises(error, match=message):
        calibration_command.run(parse(out / "c.png", *argv), forecasts)
    assert list(out.iterdir()) == []


def test_unknown_extension_and_unwritable_places(qapp, forecasts, out):
    with pytest.raises(InvalidInput, match=r"end the name in \.png, \.svg or \.pdf"):
        calibration_command.run(parse(out / "c.jpeg"), forecasts)
    with pytest.raises(UserError, match="does not exist"):
        calibration_command.run(parse(out / "nowhere" / "c.png"), forecasts)
    (out / "taken.png").mkdir()
    with pytest.raises(UserError, match="it is a folder"):
        calibration_command.run(parse(out / "taken.png"), forecasts)
    assert [p.name for p in out.iterdir()] == ["taken.png"]


def test_no_resolved_propositions_exits_2_with_a_clear_message_and_no_file(journal_path, journal, out, capsys):
    from beliefupdate.cli import main

    p = journal.add_proposition("Open question")
    journal.check_in(p.id, 0.6)
    ambiguous = journal.add_proposition("Ambiguous one")
    journal.check_in(ambiguous.id, 0.3)
    journal.resolve_proposition(ambiguous.id, Resolution.AMBIGUOUS)
    assert main(["--db", str(journal_path), "calibration", str(out / "c.png")]) == 2
    err = capsys.readouterr().err
    assert "no resolved propositions to draw" in err and err.count("\n") == 1
    assert list(out.iterdir()) == []


def test_cli_errors_exit_2_without_a_file(journal_path, forecasts, out, capsys):
    from beliefupdate.cli import main

    for argv in ([str(out / "c.gif")], [str(out / "c.png"), "--width", "10"], [str(out / "no" / "c.png")]):
        assert main(["--db", str(journal_path), "calibration", *argv]) == 2
    assert list(out.iterdir()) == []
    assert main(["--db", str(journal_path), "calibration", str(out / "c.svg")]) == 0
    assert [p.name for p in out.iterdir()] == ["c.svg"]


def test_the_command_loads_no_qt_until_it_runs_and_then_shows_no_window(journal_path, forecasts, out):
    """A fresh process with no display and no Qt platform chosen: offscreen, automatically, and never a window."""
    script = textwrap.dedent(
        f"""
        import argparse, sys
        from beliefupdate.cli_commands import calibration as calibration_command
        parser = argparse.ArgumentParser()
        calibration_command.add_parser(parser.add_subparsers())
        args = parser.parse_args(["calibration", {str(out / "c.png")!r}])
        loaded = [m for m in ("PySide6", "numpy") if m in sys.modules]
        from beliefupdate.store.journal import Journal
        with Journal.open({str(journal_path)!r}) as journal:
            code = calibration_command.run(args, journal)
        from PySide6.QtGui import QGuiApplication
        app = QGuiApplication.instance()
        print(loaded, code, app.platformName(), len(app.topLevelWindows()))
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[] 0 offscreen 0"
    assert load_png(out / "c.png").shape == (1000, 1200, 3)


def test_bins_without_forecasts_are_refused_by_the_exporter_too(qapp, tmp_path):
    with pytest.raises(NotFound, match="no resolved propositions"):
        export_calibration(calibration_table([]), tmp_path / "c.png", CalibrationOptions())
    assert not (tmp_path / "c.png").exists()
