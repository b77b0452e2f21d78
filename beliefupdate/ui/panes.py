"""Moving the keyboard between the window's panes: Ctrl+1/2/3 to go to one, F6 and Shift+F6 to cycle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


@dataclass(frozen=True)
class Pane:
    name: str  # names the View menu's action: go_<name>
    title: str  # what the menu calls it
    target: Callable[[], QWidget | None]  # the widget that takes the keyboard; None while it does not exist
    area: Callable[[], QWidget]  # the focus counts as in this pane anywhere inside this widget


class Panes:
    def __init__(self, panes: list[Pane]):
        self.panes = panes

    def go(self, i: int) -> QWidget | None:
        target = self.panes[i].target()
        if target is None or not target.isVisible():
            return None
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(target, QAbstractItemView):
            _make_current(target)
        return target

    def current(self) -> int | None:
        focus = QApplication.focusWidget()
        for i, pane in enumerate(self.panes):
            area = pane.area()
            if focus is not None and (focus is area or area.isAncestorOf(focus)):
                return i
        return None

    def cycle(self, step: int) -> QWidget | None:
        now = self.current()
        start = (now + step) if now is not None else (0 if step > 0 else len(self.panes) - 1)
        for k in range(len(self.panes)):
            reached = self.go((start + k * step) % len(self.panes))
            if reached is not None:
                return reached
        return None


def _make_current(view: QAbstractItemView) -> None:
    """Arriving in a list with no row to act on, select the first one, as a click would."""
    sm = view.selectionModel()
    if sm.hasSelection() or view.model().rowCount() == 0:
        return
    index = view.model().index(0, 0)
    sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
