"""A credence input: type anything parse_credence reads (70%, 0.7, 3:1, 1 in 4) or drag the slider."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSlider, QWidget

from beliefupdate.domain.credence import CredenceError, format_credence, parse_credence


class CredenceField(QWidget):
    """Holds a probability, nothing (empty), or an error explaining what is wrong with the text."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, *, allow_empty: bool = True):
        super().__init__(parent)
        self._allow_empty = allow_empty
        self._value: float | None = None
        self._error = ""
        self._rest = 50
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("e.g. 70%")
        self.edit.setAccessibleName(f"{name} credence")
        self.edit.setAccessibleDescription("A percentage (70%), a probability (0.7), odds (3:1) or a frequency (1 in 4)")
        self.edit.setToolTip("70%, 0.7, 3:1 or 1 in 4")
        self.edit.setMaximumWidth(90)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(5)
        self.slider.setAccessibleName(f"{name} credence slider")
        self.slider.setMinimumWidth(80)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text field is the keyboard's way in
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addWidget(self.slider, 1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._typed)
        self.slider.valueChanged.connect(self._slid)
        self._typed("")

    # -- state --------------------------------------------------------------

    def value(self) -> float | None:
        return self._value

    def error(self) -> str:
        return self._error

    def is_valid(self) -> bool:
        return not self._error

    def set_value(self, p: float | None) -> None:
        text = "" if p is None else format_credence(p)
        self.edit.setText(text)
        # The text is rounded for reading; while it stands as shown, the value is the exact one
        # given, so a stored 33.33% saved again through a dialog is not cut to 33.3%.
        if p is not None and self.edit.text() == text:
            self._value = p

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def set_resting_position(self, p: float | None) -> None:
        """Where the slider rests while the field is empty (an after starts from its before)."""
        self._rest = 50 if p is None else round(p * 100)
        if self._value is None:
            self._move_slider(self._rest)

    def _move_slider(self, percent: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(percent)
        self.slider.blockSignals(False)

    # -- reactions ----------------------------------------------------------

    def _typed(self, text: str) -> None:
        if not text.strip():
            self._value = None
            self._error = "" if self._allow_empty else "enter a credence, e.g. 70%"
        else:
            try:
                self._value = parse_credence(text)
                self._error = ""
            except CredenceError as e:
                self._value = None
                self._error = str(e)
        self._move_slider(round(self._value * 100) if self._value is not None else self._rest)
        self._mark()
        self.changed.emit()

    def _slid(self, percent: int) -> None:
        self.edit.setText(f"{percent}%")

    def _mark(self) -> None:
        self.edit.setProperty("invalid", bool(self._error))
        # A red frame that keeps the palette's own colours; restyled only when the state flips.
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #c8463c; border-radius: 3px; }" if self._error else "")
        self.edit.setToolTip(self._error or "70%, 0.7, 3:1 or 1 in 4")
