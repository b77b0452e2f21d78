"""The one place the app asks for a file name: the window's File menu, the start-up's "open another
journal" and the chart's export dialog all go through these two functions, so there is a single seam
to answer them (tests do, through one fixture) instead of Qt's static methods patched where each caller
happens to import them. It lives beside the chart's export dialog, the lowest layer that asks, because
charts may not import the window."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget


def open_file_name(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    """The existing file chosen, or "" when the dialog was cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path


def save_file_name(parent: QWidget | None, title: str, suggested: str, filters: str, selected: str = "",
                   confirm_overwrite: bool = True) -> str:
    """The file name chosen to write, or "" when the dialog was cancelled."""
    options = QFileDialog.Option(0) if confirm_overwrite else QFileDialog.Option.DontConfirmOverwrite
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters, selected, options)
    return path
