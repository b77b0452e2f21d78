"""What an empty journal shows: what the app is for, and two ways to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from beliefupdate.ui.resources import app_icon

EXPLANATION = (
    "beliefupdate keeps the propositions you are weighing and how likely you think each one is. "
    "Note your credence before and after every conversation, paper or AI chat, and see which ones actually moved you."
)


class FirstRunPanel(QWidget):
    add_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Getting started")
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("<h2>Your journal is empty</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(EXPLANATION)
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setFixedWidth(560)
        self.add_button = QPushButton("Add your first proposition")
        self.add_button.setAccessibleName("Add your first proposition")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_requested)
        self.sample_button = QPushButton("Open the sample journal")
        self.sample_button.setAccessibleName("Open the sample journal")
        self.sample_button.setToolTip("Opens a copy of a small example journal; your own journal is not changed.")
        self.sample_button.clicked.connect(self.sample_requested)
        for b in (self.add_button, self.sample_button):
            b.setMinimumHeight(b.sizeHint().height() + 8)
            b.setMinimumWidth(220)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(2)
        column.addWidget(icon)
        column.addWidget(title)
        # Centred by stretches, not by an alignment flag: with one, a wrapped label gets no height for its lines.
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(self.explanation)
        text_row.addStretch(1)
        column.addLayout(text_row)
        column.addSpacing(16)
        column.addLayout(buttons)
        tip = QLabel("Later: Ctrl+N adds a proposition, Ctrl+L logs a conversation, Ctrl+Z undoes anything.")
        tip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tip.setEnabled(False)
        column.addSpacing(8)
        column.addWidget(tip)
        column.addStretch(3)
