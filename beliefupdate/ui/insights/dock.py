"""The Insights view as a dock of the main window, opened from View > Insights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

if TYPE_CHECKING:  # the window has them loaded; this module, loaded with the menus, stays light
    from beliefupdate.ui.selection import Selection
    from beliefupdate.ui.session import JournalSession
    from beliefupdate.ui.settings import UiSettings


SHORTCUT = "Ctrl+Shift+I"


def install(window: QMainWindow, menu: QMenu, session: JournalSession, selection: Selection,
            settings: UiSettings | None) -> QAction:
    """Add the (hidden) dock to ``window`` and its toggle to ``menu``; the window's saved state may show it.

    The view measures ``session``'s journal and, when a row is chosen, selects in ``selection``.

    The view itself (and the measures, charts and numpy behind it) is built the
    first time the dock is shown, so a window that never shows it never pays for it.
    """
    dock = QDockWidget("Insights", window)
    dock.setObjectName("insights")  # restoreState finds it by this name
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()

    def build(visible: bool) -> None:
        if not visible or dock.widget() is not None:
            return
        # Opened for the first time, it takes at most a third of the window: the chart above must stay readable.
        window.resizeDocks([dock], [max(200, window.height() // 3)], Qt.Orientation.Vertical)
        from beliefupdate.ui.insights.view import InsightsView

        view = InsightsView(session, settings)
        view.conversation_chosen.connect(selection.select_conversation)
        view.propositions_chosen.connect(lambda ids: _select_propositions(session, selection, ids))
        # Its tables scroll: below their own wish, so that the window fits a small screen with it open.
        view.setMinimumSize(300, 150)
        dock.setWidget(view)

    dock.visibilityChanged.connect(build)

    action = dock.toggleViewAction()
    action.setText("&Insights")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setStatusTip("How each conversation moved you, who moves you, drift, predictions and calibration")
    menu.addAction(action)
    return action


def _select_propositions(session: JournalSession, selection: Selection, ids: list[str]) -> None:
    selection.select_propositions(ids)
    hidden = len(ids) - len(selection.proposition_ids())
    if hidden:
        which = "That proposition is" if len(ids) == 1 else f"{hidden} of those {len(ids)} propositions are"
        session.say(f"{which} hidden by the list's search, tag or archive filter.", 8000)
