"""Saying in the status bar where a file went, with a way to open its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

SHOWN_MS = 20000


class SavedNotice(QWidget):
    """``Chart saved to /path/x.png  [Open folder]`` in the status bar, until the next message or 20 s."""

    def __init__(self, bar: QStatusBar):
        super().__init__(bar)
        self.setAccessibleName("Saved file")
        self.label = QLabel()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("Open folder")
        self.open_button.setAccessibleName("Open the folder of the saved file")
        self.open_button.clicked.connect(self.open_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        self.path: Path | None = None
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        self._bar = bar
        bar.addWidget(self, 1)
        bar.messageChanged.connect(lambda text: self.hide() if text else None)
        self.hide()

    def announce(self, what: str, path: str | Path) -> None:
        self.path = Path(path)
        self._bar.clearMessage()
        self.label.setText(f"{what} saved to {self.path}")
        self.label.setToolTip(str(self.path))
        self.show()
        self._timer.start()

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
