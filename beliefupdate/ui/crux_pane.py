"""A proposition's cruxes in its pane: stated vs implied P(B), and whether they differ by more than a threshold."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.measures.coherence import DEFAULT_THRESHOLD, CruxCheck, checks_from
from beliefupdate.domain.types import Proposition
from beliefupdate.ui.reader import WindowReader

GAP_STYLE = "color: #b26b00;"  # amber, as the log dialog's hints: worth a thought, not an error


def crux_checks_of(journal: WindowReader, proposition_id: str) -> list[CruxCheck]:
    """The checks of the links touching a proposition (read in the pool, with its history)."""
    cruxes = journal.cruxes([proposition_id])
    if not cruxes.crux_links:
        return []  # most propositions have none: no need to read where every other one stands
    return checks_from(journal.summaries(include_archived=True), cruxes)


def crux_text(check: CruxCheck, threshold: float) -> str:
    """One link as the pane of B says it (plain text)."""
    on = f"#{check.on.handle} {check.on.text}"
    if check.implied is None:
        return f"Depends on {on}: {check.arithmetic()}."
    stated = format_credence(check.stated) if check.stated is not None else "no credence yet"
    text = (f"Depends on {on}. Stated {stated}, implied {format_credence(check.implied)}: "
            f"P(B) = {check.arithmetic()}.")
    if check.differs(threshold):
        text += f" They differ by more than {threshold * 100:.0f} pp."
    return text


class CruxSummary(QWidget):
    """What the selected proposition's crux links say; hidden when it has none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Cruxes")
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setAccessibleName("Cruxes of this proposition")
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 50)
        self.threshold.setValue(round(DEFAULT_THRESHOLD * 100))
        self.threshold.setSuffix(" pp")
        self.threshold.setAccessibleName("Say when stated and implied differ by more than")
        self.threshold.valueChanged.connect(lambda _v: self._show())
        limit = QHBoxLayout()
        limit.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Say when they differ by more than")
        caption.setWordWrap(True)  # the pane can be narrow: the window must not grow for this line
        caption.setBuddy(self.threshold)
        limit.addWidget(caption, 1)
        limit.addWidget(self.threshold)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lines)
        layout.addLayout(limit)
        self._proposition: Proposition | None = None
        self._checks: list[CruxCheck] = []
        self.setVisible(False)

    def show_checks(self, proposition: Proposition | None, checks: list[CruxCheck]) -> None:
        self._proposition, self._checks = proposition, checks
        self._show()

    def differing(self) -> list[CruxCheck]:
        return [c for c in self._checks if self._proposition and c.proposition.id == self._proposition.id
                and c.differs(self.threshold.value() / 100)]

    def _show(self) -> None:
        p = self._proposition
        if p is None or not self._checks:
            self.setVisible(False)
            return
        threshold = self.threshold.value() / 100
        lines = []
        for c in self._checks:
            if c.proposition.id == p.id:
                style = f' style="{GAP_STYLE}"' if c.differs(threshold) else ""
                lines.append(f"<span{style}>{html.escape(crux_text(c, threshold))}</span>")
            else:
                lines.append(html.escape(f"#{c.proposition.handle} {c.proposition.text} depends on this."))
        self.lines.setText("<br>".join(lines))
        self.setVisible(True)
