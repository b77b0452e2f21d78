"""Writing the printed chart as PNG, SVG or PDF.

All three paint the same :mod:`picture` with QPainter: PNG onto a QImage, SVG
through QSvgGenerator and PDF through QPdfWriter. pyqtgraph's own exporters
are not used: its SVG exporter fails on recent PySide6 and rounds epoch-second
coordinates, and its images come out black and unlabelled.

The file is rendered in memory and then written next to its destination and
renamed into place, so a failure never leaves a partial or empty file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPaintDevice, QPainter, QPdfWriter

from beliefupdate.charts.page import PrintOptions
from beliefupdate.charts.picture import paint
from beliefupdate.charts.series import ChartData, default_title
from beliefupdate.charts.sizes import MAX_SIZE, MIN_SIZE
from beliefupdate.domain.errors import InvalidInput, UserError
from beliefupdate.store.atomic import sync_folder

FORMATS = ("png", "svg", "pdf")
_DPI = 96
# Qt's PNG quality picks zlib's effort: 70 is its fast level, twice as quick to write a
# chart as the default and about 1% larger.
_PNG_QUALITY = 70


def format_of(path: str | os.PathLike[str]) -> str:
    """'png', 'svg' or 'pdf' from the file name, or InvalidInput."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise InvalidInput(f"cannot tell the chart format from {os.fspath(path)!r} ({shown}); end the name in .png, .svg or .pdf")
    return suffix


def check_size(width: int, height: int) -> None:
    for name, value in (("width", width), ("height", height)):
        if not (MIN_SIZE <= value <= MAX_SIZE):
            raise InvalidInput(f"chart {name} {value} px is outside {MIN_SIZE}..{MAX_SIZE} px")


def render(data: ChartData, fmt: str, options: PrintOptions) -> bytes:
    """The chart as the bytes of a .png, .svg or .pdf file."""
    check_size(options.width, options.height)
    return render_painting(
        fmt, options.width, options.height, lambda painter: paint(painter, data, options),
        title=_title(data, options), description="Belief history exported by beliefupdate",
    )


Draw = Callable[[QPainter], object]


def render_painting(fmt: str, width: int, height: int, draw: Draw, *, title: str, description: str) -> bytes:
    """Whatever ``draw`` paints on a ``width`` x ``height`` pixel page, as a .png, .svg or .pdf file."""
    if fmt == "png":
        return _png(width, height, draw)
    if fmt == "svg":
        return _svg(width, height, draw, title, description)
    if fmt == "pdf":
        return _pdf(width, height, draw, title)
    raise InvalidInput(f"unknown chart format {fmt!r}; use png, svg or pdf")


def paint_image(width: int, height: int, draw: Draw) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(_DPI / 0.0254))
    image.setDotsPerMeterY(round(_DPI / 0.0254))
    _paint_on(image, draw)
    return image


def _paint_on(device: QPaintDevice, draw: Draw) -> None:
    painter = QPainter(device)
    try:
        draw(painter)
    finally:
        painter.end()


def _png(width: int, height: int, draw: Draw) -> bytes:
    image = paint_image(width, height, draw)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub types the format as bytes, but the binding refuses bytes and takes str.
    if not image.save(buffer, "PNG", _PNG_QUALITY):  # type: ignore[call-overload]
        raise UserError("could not encode the chart as PNG")
    buffer.close()
    return bytes(array.data())


def _svg(width: int, height: int, draw: Draw, title: str, description: str) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(_DPI)
    generator.setTitle(title)
    generator.setDescription(description)
    _paint_on(generator, draw)
    buffer.close()
    return bytes(array.data())


def _pdf(width: int, height: int, draw: Draw, title: str) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    # One page exactly the chart's size: pixels at 96 dpi, in points (1/72 in).
    size = QSizeF(width * 72 / _DPI, height * 72 / _DPI)
    writer.setPageLayout(
        QPageLayout(QPageSize(size, QPageSize.Unit.Point, "chart"), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(title)
    writer.setCreator("beliefupdate")
    _paint_on(writer, draw)
    buffer.close()
    return bytes(array.data())


def _title(data: ChartData, options: PrintOptions) -> str:
    return options.title if options.title is not None else default_title(data.propositions)


def write(path: str | os.PathLike[str], content: bytes) -> None:
    """Write ``content`` to ``path`` all at once, or raise UserError and leave nothing behind."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"cannot write {os.fspath(path)!r}: folder {os.fspath(folder)!r} does not exist")
    if target.is_dir():
        raise UserError(f"cannot write {os.fspath(path)!r}: it is a folder")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as e:
        raise UserError(f"cannot write {os.fspath(path)!r}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())  # on disk before it takes the name, or a power cut could leave it empty there
        os.replace(temp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(e, OSError):
            raise UserError(f"cannot write {os.fspath(path)!r}: {e.strerror or e}") from None
        raise
    sync_folder(folder)


def export_chart(data: ChartData, path: str | os.PathLike[str], options: PrintOptions) -> str:
    """Render ``data`` into ``path`` (format from its extension); returns the format."""
    fmt = format_of(path)
    if not data.has_data:
        raise InvalidInput("nothing to export: no credence was recorded in the chosen range")
    ensure_gui()
    write(path, render(data, fmt, options))
    return fmt


_app = None


def ensure_gui() -> None:
    """A Qt GUI application for painting, created offscreen when none exists.

    Exports never show a window, so the offscreen platform is right even on a
    desktop, and it is the only one that works without a display.
    """
    global _app
    if QGuiApplication.instance() is not None:
        return
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["beliefupdate"])
