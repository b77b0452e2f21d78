"""Keeping dialogs alive while they are open, without hanging them on someone else's attributes."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class DialogKeeper:
    """Holds each dialog its owner opened until the dialog finishes.

    A window-modal dialog shown with open() returns at once; this holds the Python
    side of it (its commit callback, say) while the user is filling it in. A dialog
    with a parent is deleted with its parent; one without goes when it is let go.
    """

    def __init__(self) -> None:
        self._open: list[QDialog] = []

    def open(self, dialog: QDialog) -> QDialog:
        self._open.append(dialog)
        dialog.finished.connect(lambda _result: self._finished(dialog))
        dialog.open()
        return dialog

    def _finished(self, dialog: QDialog) -> None:
        if dialog in self._open:
            self._open.remove(dialog)
