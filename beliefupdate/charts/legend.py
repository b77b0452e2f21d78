"""The legend under the history chart: each proposition shown, in its colour."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

from beliefupdate.charts.colours import Theme, series_colour
from beliefupdate.charts.series import IMPLIED_LEGEND, ChartData

_TEXT_PX = 360


class Legend(QScrollArea):
    """One line of entries that wraps; many propositions would push the plot away, so past a few lines it scrolls."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._line = QFontMetrics(self.label.font()).lineSpacing()
        self.setVisible(False)

    def show_series(self, data: ChartData, theme: Theme) -> None:
        fm = QFontMetrics(self.label.font())
        parts = []
        tips = []
        for s in data.series:
            p = s.track.proposition
            colour = series_colour(p.id, theme.name, data.slots)
            text = fm.elidedText(p.text, Qt.TextElideMode.ElideRight, _TEXT_PX)
            # Non-breaking spaces: the legend wraps between entries, never inside one.
            words = html.escape(text).replace(" ", "&nbsp;")
            parts.append(f'<span style="color:{colour}; font-weight:bold">━━</span>&nbsp;{words}')
            tips.append(f"#{p.handle} {p.text}")
        if any(len(sr.step_x) for sr in data.implied):
            parts.append(f'<span style="color:{theme.muted_text}; font-weight:bold">╍╍</span>&nbsp;'
                         + html.escape(IMPLIED_LEGEND).replace(" ", "&nbsp;"))
            tips.append(IMPLIED_LEGEND)
        self.label.setText("&nbsp;&nbsp;&nbsp; ".join(parts))
        self.label.setToolTip("\n".join(tips))
        self.setVisible(True)

    def clear(self) -> None:
        """Empty, but keeping its place: showing and hiding it would resize the plot each time."""
        self.label.clear()

    def fit(self, lines: int) -> None:
        """As tall as its text, up to ``lines`` lines; past that it scrolls."""
        height = self.label.heightForWidth(max(self.viewport().width(), 100))
        self.setFixedHeight(max(min(height, self._line * lines), self._line))
