"""Files shipped inside the package: found the same way from a source tree and from a wheel."""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

APP_ID = "org.beliefupdate.BeliefUpdate"
SAMPLE = "sample-journal.json"


def _files() -> Traversable:
    return resources.files("beliefupdate") / "resources"


def read_bytes(name: str) -> bytes:
    return (_files() / name).read_bytes()


def app_icon() -> QIcon:
    from PySide6.QtCore import QBuffer, QByteArray, QSize
    from PySide6.QtGui import QIcon, QImageReader, QPixmap

    # Rendered from bytes so it works from a zipped wheel too, where there is no file path.
    svg = QByteArray(read_bytes(f"{APP_ID}.svg"))
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        buffer = QBuffer(svg)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if not image.isNull():
            icon.addPixmap(QPixmap.fromImage(image))
    return icon


def sample_journal_dict() -> dict[str, object]:
    data = json.loads(read_bytes(SAMPLE).decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{SAMPLE} is not a journal export")  # shipped with the package: a broken build
    return data
