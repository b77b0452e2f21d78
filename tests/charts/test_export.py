"""Exported charts: each format has the asked size, a white page and the lines where the data puts them."""

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from beliefupdate.charts import series
from beliefupdate.charts.colours import series_colour
from beliefupdate.charts.export import export_chart, render, write
from beliefupdate.charts.page import PrintOptions, layout
from beliefupdate.domain.errors import InvalidInput, UserError

from .conftest import at

START = datetime(2026, 2, 1).astimezone().timestamp()
END = datetime(2026, 4, 20).astimezone().timestamp()


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())
    return raw[:, : w * 3].reshape(h, w, 3).astype(int)


def load_png(path) -> np.ndarray:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable image"
    return pixels(image)


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])


def near_colour(img: np.ndarray, x: float, y: float, colour: str, radius: int = 2, tolerance: int = 60) -> bool:
    """Whether some pixel within ``radius`` of (x, y) has ``colour``."""
    xi, yi = round(x), round(y)
    patch = img[yi - radius : yi + radius + 1, xi - radius : xi + radius + 1]
    return bool((np.abs(patch - rgb(colour)).max(axis=2) <= tolerance).any())


@pytest.fixture
def out(tmp_path):
    """An empty folder for exports (the journal lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def chart(qapp, journal, career):
    ids = [career.lab.id, career.impact.id, career.hired.id]
    return series.load(journal, ids, START, END)


def expected_points(chart, options):
    """Where known segments must be drawn: (x, y, colour) in pixels of the page."""
    lay = layout(chart, options)
    lab = series_colour(chart.series[0].track.id, "light", chart.slots)
    hired = series_colour(chart.series[2].track.id, "light", chart.slots)
    mid_march = (at("2026-03-02", 16).timestamp() + at("2026-03-18", 17).timestamp()) / 2
    late_march = (at("2026-03-18", 17).timestamp() + at("2026-04-06", 15).timestamp()) / 2
    return [
        # "I should take a job at a large AI lab" held at 68% between the coffee with Sam and Priya's call.
        (float(lay.x(mid_march)), float(lay.y(0.68)), lab),
        # "I can land a research role" held at 40% after Priya's call, until the mock interview.
        (float(lay.x(late_march)), float(lay.y(0.40)), hired),
    ], lay


def check_picture(img: np.ndarray, chart, options: PrintOptions) -> None:
    assert img.shape == (options.height, options.width, 3)
    points, lay = expected_points(chart, options)
    # White page: corners and the empty top of the plot (above 90%, where no series goes).
    for y, x in ((2, 2), (options.height - 3, options.width - 3), (2, options.width - 3)):
        assert (img[y, x] >= 250).all(), f"page not white at {(x, y)}: {img[y, x]}"
    empty = img[round(lay.y(0.97)), round(lay.plot.center().x()) - 40 : round(lay.plot.center().x()) + 40]
    assert (empty >= 200).all()
    for x, y, colour in points:
        assert near_colour(img, x, y, colour), f"no {colour} line at {(round(x), round(y))}: {img[round(y), round(x)]}"
        # ...and nothing of that colour well away from it, above or below.
        assert not near_colour(img, x, y - 40, colour, radius=1, tolerance=30)


def test_png_has_the_size_a_white_page_and_the_lines_at_their_places(chart, tmp_path):
    options = PrintOptions()
    path = tmp_path / "chart.png"
    assert export_chart(chart, path, options) == "png"
    img = load_png(path)
    assert img.shape == (900, 1600, 3)
    check_picture(img, chart, options)


def test_png_other_sizes_scale_the_picture(chart, tmp_path):
    for w, h in ((800, 450), (3200, 1200)):
        options = PrintOptions(width=w, height=h)
        export_chart(chart, tmp_path / f"c{w}.png", options)
        check_picture(load_png(tmp_path / f"c{w}.png"), chart, options)


def test_up_to_8000_px_wide_and_no_more(chart, tmp_path):
    options = PrintOptions(width=8000, height=1000)
    export_chart(chart, tmp_path / "wide.png", options)
    check_picture(load_png(tmp_path / "wide.png"), chart, options)
    with pytest.raises(InvalidInput, match="8000"):
        export_chart(chart, tmp_path / "wider.png", PrintOptions(width=8001))
    assert not (tmp_path / "wider.png").exists()


def test_svg_keeps_coordinates_small_and_names_a_common_font(chart, tmp_path):
    svg = render(chart, "svg", PrintOptions()).decode()
    assert 'viewBox="0 0 1600 900"' in svg
    geometry = re.findall(r'\s(?:x|y|x1|y1|x2|y2|cx|cy|rx|ry|width|height|points|d|transform)="([^"]*)"', svg)
    numbers = [float(n) for g in geometry for n in re.findall(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", g)]
    assert len(numbers) > 500
    # Epoch seconds (~1.7e9) would be rounded by SVG writers; the page is laid out in pixels.
    assert max(abs(n) for n in numbers) < 10_000
    assert "DejaVu Sans" in svg or "Liberation Sans" in svg
    assert "I should take a job at a large AI lab" in svg
    assert "Coffee with Sam about team culture" in svg


def rasterise_svg(svg_path, png_path):
    exe = shutil.which("rsvg-convert")
    if exe is None:
        pytest.skip("rsvg-convert (Debian package librsvg2-bin) is not installed; scripts/test installs it")
    subprocess.run([exe, str(svg_path), "-o", str(png_path)], check=True, timeout=60)
    return load_png(png_path)


def rasterise_pdf(pdf_path, png_base):
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.skip("pdftoppm (Debian package poppler-utils) is not installed; scripts/test installs it")
    subprocess.run([exe, "-r", "96", "-png", "-singlefile", str(pdf_path), str(png_base)], check=True, timeout=60)
    return load_png(f"{png_base}.png")


def same_picture(a: np.ndarray, b: np.ndarray) -> None:
    assert a.shape == b.shape
    diff = np.abs(a - b).max(axis=2)
    # Text is antialiased a little differently by each renderer; shapes and places agree.
    assert (diff > 80).mean() < 0.01, f"{(diff > 80).mean():.2%} of the pixels differ"
    assert diff.mean() < 4


def test_svg_rendered_independently_matches_the_png(chart, tmp_path):
    options = PrintOptions()
    export_chart(chart, tmp_path / "c.svg", options)
    export_chart(chart, tmp_path / "c.png", options)
    from_svg = rasterise_svg(tmp_path / "c.svg", tmp_path / "from_svg.png")
    check_picture(from_svg, chart, options)
    same_picture(from_svg, load_png(tmp_path / "c.png"))


def test_pdf_is_one_page_of_the_same_picture(chart, tmp_path):
    options = PrintOptions()
    export_chart(chart, tmp_path / "c.pdf", options)
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    export_chart(chart, tmp_path / "c.png", options)
    from_pdf = rasterise_pdf(tmp_path / "c.pdf", tmp_path / "from_pdf")
    check_picture(from_pdf, chart, options)
    same_picture(from_pdf, load_png(tmp_path / "c.png"))


def poppler(tool: str, *args) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} (Debian package poppler-utils) is not installed; scripts/test installs it")
    return subprocess.run([exe, *map(str, args)], check=True, timeout=60, capture_output=True, text=True).stdout


def test_pdf_is_one_page_the_charts_size_with_its_words_as_text(chart, tmp_path):
    options = PrintOptions(title="Should I join a lab?")
    export_chart(chart, tmp_path / "c.pdf", options)
    info = poppler("pdfinfo", tmp_path / "c.pdf")
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    # 1600 x 900 px at 96 dpi is 1200 x 675 pt.
    assert re.search(r"^Page size:\s+1200 x 675 pts", info, re.M), info
    assert re.search(r"^Title:\s+Should I join a lab\?$", info, re.M), info
    words = " ".join(poppler("pdftotext", "-layout", tmp_path / "c.pdf", "-").split())
    for text in ("Should I join a lab?", "Credence", "Date (local time", "100%", "I should take a job at a large AI lab",
                 "I can land a research role within six months", "Call with a former lab researcher (Priya)"):
        assert text in words, f"{text!r} not in the PDF's text: {words[:300]}"


def test_log_odds_export_puts_lines_on_the_log_odds_scale(chart, tmp_path):
    options = PrintOptions(log_odds=True)
    export_chart(chart, tmp_path / "log.png", options)
    img = load_png(tmp_path / "log.png")
    check_picture(img, chart, options)
    lay = layout(chart, options)
    # 50% sits in the middle of the axis, 90% nearer to it than on the linear scale.
    assert abs(lay.y(0.5) - lay.plot.center().y()) < 1
    assert lay.y(0.5) - lay.y(0.9) < lay.plot.height() * 0.4 * 0.5


def test_title_default_and_given(chart, tmp_path):
    assert "Belief history" in render(chart, "svg", PrintOptions()).decode()
    assert "Should I join a lab?" in render(chart, "svg", PrintOptions(title="Should I join a lab?")).decode()


def test_nothing_in_range_is_refused_and_writes_nothing(qapp, journal, career, out):
    empty = series.load(journal, [career.lab.id], at("2026-06-01").timestamp(), at("2026-07-01").timestamp())
    with pytest.raises(InvalidInput, match="no credence"):
        export_chart(empty, out / "none.png", PrintOptions())
    assert list(out.iterdir()) == []


def test_unknown_extension_is_refused(chart, out):
    with pytest.raises(InvalidInput, match=r"\.png, \.svg or \.pdf"):
        export_chart(chart, out / "chart.jpg", PrintOptions())
    with pytest.raises(InvalidInput, match="no extension"):
        export_chart(chart, out / "chart", PrintOptions())
    assert list(out.iterdir()) == []


def test_unwritable_places_fail_cleanly_and_leave_nothing(chart, tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        export_chart(chart, tmp_path / "missing" / "c.png", PrintOptions())
    (tmp_path / "folder.png").mkdir()
    with pytest.raises(UserError, match="is a folder"):
        export_chart(chart, tmp_path / "folder.png", PrintOptions())
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        # Root may write into a read-only folder; nobody may create files in /proc.
        target = locked / "c.png" if not _can_write(locked) else Path("/proc/beliefupdate-chart.png")
        with pytest.raises(UserError, match="cannot write"):
            export_chart(chart, target, PrintOptions())
        assert not target.exists()
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def _can_write(folder) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "c.png"
    target.write_bytes(b"old")

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("beliefupdate.charts.export.os.replace", broken)
    with pytest.raises(UserError, match="No space left"):
        write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.png"]


def test_an_exported_chart_marks_a_born_belief_with_a_star_in_its_colour(qapp, journal):
    from beliefupdate.domain.types import NewBelief

    journal.log_conversation("Coffee", [], occurred_at=at("2026-03-02", 16), new_beliefs=[NewBelief("Coworkers", 0.5)])
    born = journal.find_proposition("Coworkers")
    data = series.load(journal, [born.id], START, END)
    options = PrintOptions(width=3200, height=1800)  # large enough to tell its shape
    img = pixels(QImage.fromData(render(data, "png", options)))
    lay = layout(data, options)
    x, y = float(lay.x(at("2026-03-02", 16).timestamp())), float(lay.y(0.5))
    colour = series_colour(born.id, "light", data.slots)
    # Filled where its arms meet and above (its top point), empty at the sides of that point.
    r = 6.9 * lay.scale  # how far its points reach
    assert near_colour(img, x, y - r * 0.5, colour, radius=0)  # its top point
    # A dot would be filled here, beside that point, and the line runs lower.
    assert not near_colour(img, x + r * 0.35, y - r * 0.5, colour, radius=0)
