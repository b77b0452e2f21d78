"""What a person sends: clicks at the places they see and keys to whatever has the focus.

Tests that claim to check a click or a key go through these, never through a
selection set by the API or a slot called directly.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


def show(qtbot, window: QWidget) -> QWidget:
    """Show ``window`` and give it the keyboard, as the window manager would."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow)
    # The main window builds its chart right after its first paint; a person sees it appear.
    qtbot.waitUntil(lambda: getattr(window, "chart", True) is not None)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier, times: int = 1) -> QWidget | None:
    """Press ``k`` ``times`` times where the focus is; returns the widget that has the focus after, if any."""
    for _ in range(times):
        qtbot.keyClick(focused(), k, modifiers)
    return QApplication.focusWidget()


def type_text(qtbot, text: str) -> QWidget:
    qtbot.keyClicks(focused(), text)
    return focused()


def click_row(qtbot, view: QAbstractItemView, row: int, modifiers=Qt.KeyboardModifier.NoModifier,
              column: int | None = None) -> QModelIndex:
    """Click the middle of a visible cell of ``row`` in ``view`` (the given column, or the widest one)."""
    model = view.model()
    cols = [column] if column is not None else range(model.columnCount())
    index = max((model.index(row, c) for c in cols), key=lambda i: view.visualRect(i).width())
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid() and view.viewport().rect().contains(rect.center()), f"row {row} is not on screen"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers, rect.center())
    return index


def row_of(view: QAbstractItemView, column: int, text_start: str) -> int:
    model = view.model()
    for r in range(model.rowCount()):
        if str(model.index(r, column).data()).startswith(text_start):
            return r
    raise AssertionError(f"no row starts with {text_start!r}")
