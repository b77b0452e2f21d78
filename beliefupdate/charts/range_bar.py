"""The bar above the history chart: which dates it shows, its scale, and buttons for the chart's actions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

PRESETS = (
    ("All time", None),
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
    ("Custom", "custom"),
)
_CUSTOM = len(PRESETS) - 1


class RangeBar(QWidget):
    """The range preset, the first and last day, the log-odds box, and a button per action.

    It says what the user chose by signal and leaves the drawing to the chart; the chart
    tells it what to show when the range is set another way.
    """

    # A range the user chose, as POSIX times: None means from the first record / up to now.
    range_chosen = Signal(object, object)
    log_odds_toggled = Signal(bool)
    implied_toggled = Signal(bool)

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.range_combo = QComboBox()
        for label, _days in PRESETS:
            self.range_combo.addItem(label)
        self.range_combo.setToolTip("Which part of the history to show")
        self.range_combo.setAccessibleName("Chart range")
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit, tip in ((self.from_edit, "First day shown"), (self.to_edit, "Last day shown")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setToolTip(tip)
        self.log_box = QCheckBox("Log-odds")
        self.log_box.setToolTip(
            "Equal steps are equal evidence: moving from 50% to 75% is as big as from 75% to 90%"
        )
        self.implied_box = QCheckBox("Show implied (cruxes)")
        self.implied_box.setToolTip(
            "A dashed line in a belief's colour: the P(B) its cruxes imply, P(B|A)·P(A) + P(B|¬A)·(1 − P(A)), "
            "from the values you held at each time"
        )

        dates = QHBoxLayout()
        dates.addWidget(self.range_combo)
        dates.addWidget(self.from_edit)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.to_edit)
        dates.addStretch(1)
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self.log_box)
        tools.addWidget(self.implied_box)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            tools.addWidget(button)
        # One row when it fits; on a narrow chart the tools go under the dates instead of clipping them.
        self._bar = bar = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addLayout(dates, 1)
        bar.addLayout(tools)
        self._parts = (dates, tools)
        # As tall as its rows, like the controls in it: the plot below takes the rest.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.range_combo.currentIndexChanged.connect(self._preset_chosen)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        self.log_box.toggled.connect(self.log_odds_toggled)
        self.implied_box.toggled.connect(self.implied_toggled)

    # -- what the chart tells it ----------------------------------------------------

    def show_range(self, since: datetime | None, until: datetime | None, span: tuple[float, float] | None) -> None:
        """A range set by the program: All time when both are None, otherwise Custom; nothing is emitted."""
        self.show_dates(since, until, span)
        self.range_combo.blockSignals(True)
        self.range_combo.setCurrentIndex(0 if since is None and until is None else _CUSTOM)
        self.range_combo.blockSignals(False)

    def show_dates(self, since: datetime | None, until: datetime | None, span: tuple[float, float] | None) -> None:
        """Put the days in the date fields; a missing side comes from ``span`` (the records shown, which is
        what the plot spans), or today."""
        if (since is None or until is None) and span is not None:
            since = since or datetime.fromtimestamp(span[0]).astimezone()
            until = until or datetime.fromtimestamp(span[1]).astimezone()
        today = datetime.now().astimezone()
        for edit, value in ((self.from_edit, since or today), (self.to_edit, until or today)):
            local = value.astimezone()
            edit.blockSignals(True)
            edit.setDate(QDate(local.year, local.month, local.day))
            edit.blockSignals(False)

    def set_dates_enabled(self, enabled: bool) -> None:
        self.from_edit.setEnabled(enabled)
        self.to_edit.setEnabled(enabled)

    def set_log_odds(self, on: bool) -> None:
        if self.log_box.isChecked() != on:
            self.log_box.setChecked(on)

    def preset_name(self) -> str:
        return PRESETS[self.range_combo.currentIndex()][0]

    def choose_preset(self, name: object) -> None:
        """Choose a preset by its name, as a user would; a custom range or an unknown name is left alone."""
        names = [label for label, days in PRESETS if days != "custom"]
        if name in names:
            self.range_combo.setCurrentIndex(names.index(name))

    # -- what the user does -----------------------------------------------------------

    def _preset_chosen(self, index: int) -> None:
        days = PRESETS[index][1]
        if isinstance(days, str):  # "custom"
            self._dates_edited()
            return
        if days is None:
            self.range_chosen.emit(None, None)
            return
        now = datetime.now().astimezone()
        since = now - timedelta(days=days)
        self.show_dates(since, now, None)
        self.range_chosen.emit(since.timestamp(), None)

    def _dates_edited(self, *_args: object) -> None:
        first = self.from_edit.date()
        last = self.to_edit.date()
        if last < first:
            first, last = last, first
        since = datetime(first.year(), first.month(), first.day()).astimezone()
        until = datetime(last.year(), last.month(), last.day()).astimezone() + timedelta(days=1)
        self.range_combo.blockSignals(True)
        self.range_combo.setCurrentIndex(_CUSTOM)
        self.range_combo.blockSignals(False)
        self.range_chosen.emit(since.timestamp(), until.timestamp())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        one_row = sum(part.sizeHint().width() for part in self._parts) + self._bar.spacing()
        self._bar.setDirection(QBoxLayout.Direction.LeftToRight if self.width() >= one_row
                               else QBoxLayout.Direction.TopToBottom)
