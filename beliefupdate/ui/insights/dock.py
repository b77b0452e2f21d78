"""The Insights view as a dock of the main window, opened from View > Insights."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from beliefupdate.ui.insights.view import InsightsView

SHORTCUT = "Ctrl+Shift+I"


def install(window, menu: QMenu) -> QAction:
    """Add the (hidden) dock to ``window`` and its toggle to ``menu``; the window's saved state may show it."""
    view = InsightsView(lambda: window.journal, window.settings)
    dock = QDockWidget("Insights", window)
    dock.setObjectName("insights")  # restoreState finds it by this name
    dock.setWidget(view)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    view.conversation_chosen.connect(window.select_conversation)
    view.propositions_chosen.connect(lambda ids: _select_propositions(window, ids))
    window.insights = view

    action = dock.toggleViewAction()
    action.setText("&Insights")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setStatusTip("How each conversation moved you, who moves you, drift, predictions and calibration")
    menu.addAction(action)
    return action


def _select_propositions(window, ids: list[str]) -> None:
    window.select_propositions(ids)
    hidden = len(ids) - len(window.selected_proposition_ids())
    if hidden:
        which = "That proposition is" if len(ids) == 1 else f"{hidden} of those {len(ids)} propositions are"
        window.statusBar().showMessage(f"{which} hidden by the list's search, tag or archive filter.", 8000)
