"""The log dialog applies cruxes: when a conversation moves A, the row of B (which depends on A) says
what the cruxes imply for B now, and a button takes it as B's after. The user always decides."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Protocol

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.measures.coherence import implied, latest_conditionals
from beliefupdate.domain.types import JournalData, PropositionSummary
from beliefupdate.ui.credence_field import CredenceField

INDENT = 276  # under the row's fields, past its label, as the expectation hint is


class CruxHint(QWidget):
    """One line under a row: what the cruxes imply, and a button to act on it; hidden when there is nothing."""

    def __init__(self, handle: int):
        super().__init__()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(f"Cruxes for #{handle}")
        self.button = QPushButton()
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: self._act and self._act())
        self._act: Callable[[], object] | None = None
        line = QHBoxLayout(self)
        line.setContentsMargins(INDENT, 0, 0, 0)
        line.addWidget(self.label, 1)
        line.addWidget(self.button)
        self.setVisible(False)

    def say(self, text: str, button: str, act: Callable[[], object]) -> None:
        self.label.setText(text)
        self.button.setText(button)
        self.button.setAccessibleName(f"{button}: {text}")
        self._act = act
        self.setVisible(True)

    def clear(self) -> None:
        self._act = None
        self.setVisible(False)


class Linked(Protocol):
    """A row as the cruxes see it: the proposition it moves, from its before to its after, and the
    line under it where they speak."""

    proposition_id: str
    before: CredenceField
    after: CredenceField
    crux: CruxHint


class CruxSuggestions:
    """Works out, from the rows as typed, what each crux implies; ``cruxes`` are the journal's links."""

    def __init__(self, cruxes: JournalData, summaries: Mapping[str, PropositionSummary]):
        self.links = cruxes.crux_links
        self.conditionals = latest_conditionals(cruxes.crux_credences)
        self.summaries = summaries

    def update(self, rows: Iterable[Linked], add: Callable[[str], object]) -> None:
        """Put each hint on its row: on B's row when it is there, else on A's with a button that adds B."""
        by_id = {r.proposition_id: r for r in rows}
        for r in by_id.values():
            r.crux.clear()
        for link in self.links:
            a_row = by_id.get(link.on_id)
            t, f = self.conditionals.get(link.id, (None, None))
            if a_row is None or t is None or f is None or link.proposition_id not in self.summaries:
                continue
            a_now, a_before = a_row.after.value(), a_row.before.value()
            if a_now is None or a_now == a_before:
                continue  # the conversation has not moved A (yet)
            value = round(implied(a_now, t, f), 3)
            b = self.summaries[link.proposition_id].proposition
            a = self.summaries[link.on_id].proposition
            why = (f"#{a.handle} at {format_credence(a_now)}: {format_credence(t)} × {format_credence(a_now)} + "
                   f"{format_credence(f)} × {format_credence(1 - a_now)}")
            b_row = by_id.get(link.proposition_id)
            if b_row is not None:
                b_row.crux.say(f"Your cruxes imply #{b.handle} ≈ {format_credence(value)} now ({why}).",
                               "Take it as the after", partial(_take, b_row, value))
            elif a_row.crux.isHidden():  # one hint to a row: the first link that moved it
                a_row.crux.say(f"#{b.handle} depends on this: your cruxes imply it ≈ {format_credence(value)} now "
                               f"({why}).", f"Add #{b.handle}", partial(add, b.id))


def _take(row: Linked, value: float) -> None:
    row.after.set_value(value)
    row.after.edit.setFocus()
