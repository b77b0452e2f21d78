"""How the main window lays out its panes: the lists and the chart on the left, the timeline and details on the right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from beliefupdate.ui.columns import ColumnFitter
from beliefupdate.ui.models.conversations import ConversationsModel
from beliefupdate.ui.models.propositions import PropositionsModel

if TYPE_CHECKING:
    from beliefupdate.ui.main_window import MainWindow


def panel(title: str, *widgets: QWidget, stretch_last: bool = True) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(4)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    for i, w in enumerate(widgets):
        layout.addWidget(w, 1 if (stretch_last and i == len(widgets) - 1) else 0)
    return box



@dataclass(frozen=True)
class Layout:
    left: QSplitter
    propositions: QWidget  # the list's panel, at the top of ``left``
    right: QSplitter
    main: QSplitter
    stack: QStackedWidget  # the first start's panel, or the panes
    fitters: list[ColumnFitter]  # kept for as long as the window: they fit the columns as it resizes


def lay_out(w: MainWindow) -> Layout:
    """The window's panes, splitters and their stretch; the first start's sizes (a saved state may replace them)."""
    props_panel = panel("Propositions", w.propositions.filters, w.props_view)
    chart_panel = panel("History", w.chart_host)
    left = QSplitter(Qt.Orientation.Vertical)
    left.setObjectName("left")
    left.addWidget(props_panel)
    left.addWidget(chart_panel)
    left.setSizes([400, 400])

    right = QSplitter(Qt.Orientation.Vertical)
    right.setObjectName("right")
    right.addWidget(panel("Conversations", w.convs_view))
    right.addWidget(panel("Conversation", w.conv_details))
    right.addWidget(panel("Proposition", w.prop_details))
    right.setSizes([250, 240, 270])

    main = QSplitter(Qt.Orientation.Horizontal)
    main.setObjectName("main")
    main.addWidget(left)
    main.addWidget(right)
    main.setSizes([720, 560])
    for s in (left, right, main):
        s.setChildrenCollapsible(False)

    stack = QStackedWidget()
    stack.addWidget(w.first_run)
    stack.addWidget(main)
    w.setCentralWidget(stack)
    w.resize(1280, 800)
    # The chart and the lists grow with the window; the detail panes take what is left.
    main.setStretchFactor(0, 3)
    main.setStretchFactor(1, 2)
    left.setStretchFactor(0, 1)
    left.setStretchFactor(1, 1)
    for view, height in ((w.props_view, 90), (w.convs_view, 90), (w.conv_details.shifts, 60),
                         (w.prop_details.history, 60)):
        view.setMinimumHeight(height)
    w.chart_host.setMinimumSize(320, 220)  # a plot still worth reading when Insights takes the rest
    P, C = PropositionsModel, ConversationsModel
    fitters = [
        ColumnFitter(w.props_view, P.TEXT, (P.TAGS, P.TREND, P.WHEN), 220),
        ColumnFitter(w.convs_view, C.TITLE, (C.KIND, C.PERSON), 160),
    ]
    return Layout(left, props_panel, right, main, stack, fitters)
