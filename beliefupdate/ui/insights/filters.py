"""The Insights view's person and tag filters: the same Filter that `stats --person/--tag` builds."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from beliefupdate.domain.measures.report import Filter

ALL_PEOPLE = "All people"
ALL_TAGS = "All tags"

PERSON_TIP = (
    "Only conversations with this person (as stats --person): movement, drift and reaction from the credences "
    "logged in them; scores and calibration score every credence you held on the propositions they touched, "
    "from their first conversation on."
)
TAG_TIP = "Only propositions with this tag, in every measure (as stats --tag)."


def _combo(name: str, everything: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMinimumContentsLength(10)
    combo.addItem(everything, "")
    return combo


def _labelled(text: str, combo: QComboBox) -> QLabel:
    label = QLabel(text)
    label.setBuddy(combo)  # its mnemonic (Alt+letter) puts the keyboard on the combo box
    return label


class FilterBar(QWidget):
    """Two labelled combo boxes; ``changed`` when the user (or a vanished choice) changes the filter."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Insights filters")
        self.person = _combo("Insights person filter", ALL_PEOPLE, PERSON_TIP)
        self.tag = _combo("Insights tag filter", ALL_TAGS, TAG_TIP)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(_labelled("&Person:", self.person))
        layout.addWidget(self.person)
        layout.addSpacing(8)
        layout.addWidget(_labelled("&Tag:", self.tag))
        layout.addWidget(self.tag)
        layout.addStretch(1)
        for combo in (self.person, self.tag):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def filter(self) -> Filter:
        return Filter(person=self.person.currentData() or None, tag=self.tag.currentData() or None)

    def set_choices(self, people: tuple[str, ...], tags: tuple[str, ...]) -> None:
        """Offer these; a choice that is no longer in the journal falls back to all (and says ``changed``)."""
        before = self.filter()
        for combo, names in ((self.person, people), (self.tag, tags)):
            wanted = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for name in names:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(combo.findData(wanted), 0) if wanted else 0)
            combo.blockSignals(False)
        if self.filter() != before:
            self.changed.emit()

    def describe(self) -> str:
        """'with Sam, tagged career', or '' for the whole journal."""
        f = self.filter()
        parts = ([f"with {f.person}"] if f.person else []) + ([f"tagged {f.tag}"] if f.tag else [])
        return ", ".join(parts)
