"""Keeping a window within its screen: a saved or default size may be larger than the screen it opens on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(window: QWidget) -> None:
    """Keep the window within its screen's available area: a saved or default size may be larger."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    # What the window manager adds around the window; before the first showing it may not be
    # known yet, so a title bar's worth is kept free at least.
    side = max(frame.width() - window.width(), 0)
    top = max(frame.height() - window.height(), 32)
    window.resize(min(window.width(), area.width() - side), min(window.height(), area.height() - top))
    width, height = window.width() + side, window.height() + top
    x = min(max(frame.x(), area.left()), area.right() - width + 1)
    y = min(max(frame.y(), area.top()), area.bottom() - height + 1)
    window.move(max(x, area.left()), max(y, area.top()))
