"""What the log dialog asks of a row (``Row``), and what its two kinds of row share (``RowBase``).

The dialog holds rows of two kinds: a proposition the journal has (entry_row) and one first
thought of in the conversation (new_belief_row). It never asks which kind a row is: each row
says what it adds to the draft, what is wrong with it, where Tab goes in it and what names it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from beliefupdate.domain.credence import format_change
from beliefupdate.ui.credence_field import CredenceField
from beliefupdate.ui.dialogs.base import ERROR_STYLE
from beliefupdate.ui.dialogs.conversation.cruxes import Linked
from beliefupdate.ui.dialogs.conversation.draft import Contribution
from beliefupdate.ui.evidence import evidence_text
from beliefupdate.ui.models.propositions import FALL, RISE

LABEL_WIDTH = 270
FIELD_WIDTH = 170
EXPECTED_WIDTH = 84
SHIFT_WIDTH = 124


def elide(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def is_handle(text: str) -> bool:
    """Whether ``text`` is a proposition's number as typed, ``#3``."""
    return text.startswith("#") and text[1:].isdigit()


class Row(Protocol):
    """One row of the dialog, whatever it stands for."""

    key: str  # one row per key in a conversation: a proposition's id, or the words of a new one
    after: CredenceField

    def widget(self) -> QWidget:
        """The row as laid out in the dialog."""
        ...

    def contribution(self) -> Contribution: ...

    def problem(self) -> str:
        """What blocks saving the row, in words; empty when nothing does."""
        ...

    def typed(self) -> tuple[object, ...]:
        """What was typed in it, to tell whether closing would lose anything."""
        ...

    def focus_chain(self) -> list[QWidget]:
        """Where Tab goes in it, in order."""
        ...

    def landing(self) -> QWidget:
        """Where the keyboard goes when the row above it is removed."""
        ...

    def named_by(self, text: str) -> bool:
        """Whether ``text`` typed in the Add field names this row."""
        ...

    def called(self) -> str:
        """How a message names it."""
        ...

    def linked(self) -> Linked | None:
        """The row as the cruxes see it; none for a belief born here, which no crux links yet."""
        ...


class RowBase(QWidget):
    """What both rows have: a label, a before and an after with the live shift between them, a
    reason, a remove button and a line for what is wrong. ``called`` names the row to a screen reader."""

    def __init__(self, label: str, called: str, on_change: Callable[[], None], on_remove: Callable[[QWidget], None],
                 removable: bool = True):
        super().__init__()
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.label.setFixedWidth(LABEL_WIDTH)
        self.before = CredenceField(f"Before for {called}")
        self.after = CredenceField(f"After for {called}")
        for f in (self.before, self.after):
            f.setFixedWidth(FIELD_WIDTH)
        self.shift = QLabel("")
        self.shift.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.shift.setAccessibleName(f"Shift for {called}")
        self.evidence = QLabel("")
        self.evidence.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.evidence.setAccessibleName(f"Evidence for {called}")
        self.evidence.setToolTip("The shift as evidence: bits (one bit doubles the odds) and the likelihood ratio")
        small = self.evidence.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.evidence.setFont(small)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(f"Reason for {called}")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setAccessibleName(f"Remove {called}")
        self.remove.setVisible(removable)
        self.remove.clicked.connect(lambda: on_remove(self))
        self.error = QLabel("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self._on_change = on_change

    def widget(self) -> QWidget:
        return self

    def problem(self) -> str:
        raise NotImplementedError

    def _lay_out(self, before_column: Sequence[QWidget], below: Sequence[QWidget | QLayout] = ()) -> None:
        """The row's line (label, ``before_column``, after, shift, reason, remove), its error, then ``below``."""
        shift_box = QWidget()
        shift_box.setFixedWidth(SHIFT_WIDTH)
        shift_layout = QVBoxLayout(shift_box)
        shift_layout.setContentsMargins(0, 0, 0, 0)
        shift_layout.setSpacing(0)
        shift_layout.addWidget(self.shift)
        shift_layout.addWidget(self.evidence)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        for w in before_column:
            line.addWidget(w)
        line.addWidget(self.after)
        line.addWidget(shift_box)
        line.addSpacing(8)
        line.addWidget(self.reason, 1)
        line.addWidget(self.remove)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 2, 0, 2)
        outer.setSpacing(2)
        outer.addLayout(line)
        outer.addWidget(self.error)
        for item in below:
            if isinstance(item, QLayout):
                outer.addLayout(item)
            else:
                outer.addWidget(item)

    def _watch(self, *fields: CredenceField) -> None:
        for f in fields:
            f.changed.connect(self._update)
            f.changed.connect(self._on_change)

    def _update(self) -> None:
        b, a = self.before.value(), self.after.value()
        self.after.set_resting_position(b)
        change = a - b if a is not None and b is not None else None
        self.shift.setText(format_change(change) if change is not None else "")
        self.evidence.setText(evidence_text(b, a) if a is not None and b is not None else "")
        self.shift.setAccessibleDescription(" · ".join(t for t in (self.shift.text(), self.evidence.text()) if t))
        color = (RISE if change > 0 else FALL).name() if change else ""
        self.shift.setStyleSheet(f"color: {color};" if color else "")
        problem = self.problem()
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        self._show_more(problem)

    def _show_more(self, problem: str) -> None:
        """What a kind of row says beyond the shift and its problem, after each change."""
