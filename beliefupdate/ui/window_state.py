"""What the main window looked like and what it showed, kept between runs through the settings registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSplitter, QTableView

from beliefupdate.ui import settings_keys as keys
from beliefupdate.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from beliefupdate.ui.main_window import MainWindow


class WindowState:
    def __init__(self, window: MainWindow):
        self.w = window
        self.settings = window.settings

    def _splitters(self) -> dict[str, QSplitter]:
        w = self.w
        return {s.objectName(): s for s in (w.main_split, w.left_split, w.right_split)}

    def _headers(self) -> dict[str, QTableView]:
        w = self.w
        return {"propositions": w.props_view, "conversations": w.convs_view,
                "history": w.prop_details.history, "shifts": w.conv_details.shifts}

    def restore(self) -> None:
        """The window's size, place, splitters and columns; each only if it reads back as it was saved."""
        s, w = self.settings, self.w
        if (geometry := s.get(keys.WINDOW_GEOMETRY)) is not None:
            w.restoreGeometry(geometry)
        fit_to_screen(w)
        if (state := s.get(keys.WINDOW_STATE)) is not None:
            w.restoreState(state)
        for name, splitter in self._splitters().items():
            if (value := s.get(keys.SPLITTERS[name])) is not None:
                splitter.restoreState(value)
        for name, view in self._headers().items():
            if (value := s.get(keys.HEADERS[name])) is not None:
                view.horizontalHeader().restoreState(value)
        w.propositions.restore()

    def restore_chart(self) -> dict[str, object]:
        """The chart's view options as view_options() gave them last time."""
        s = self.settings
        return {**{name: s.get(key) for name, key in keys.CHART_SWITCHES.items()},
                **{name: s.get(key) for name, key in keys.CHART_TEXTS.items()}}

    def restore_selection(self, *, propositions: bool = True) -> None:
        """Select what was selected when this journal was last shown; nothing when it was another journal."""
        s, w = self.settings, self.w
        if s.get(keys.SELECTION_JOURNAL) != w.session.reader.location.reopen_spec:
            return
        if propositions:
            selected = s.get(keys.SELECTION_PROPOSITIONS)
            w.selection.select_propositions(selected)
        w.selection.select_conversation(s.get(keys.SELECTION_CONVERSATION))

    def save_selection(self) -> None:
        s, w = self.settings, self.w
        s.put(keys.SELECTION_JOURNAL, w.session.reader.location.reopen_spec)
        s.put(keys.SELECTION_PROPOSITIONS, w.selection.proposition_ids())
        s.put(keys.SELECTION_CONVERSATION, w.selection.conversation_id() or "")

    def save(self) -> None:
        s, w = self.settings, self.w
        s.put(keys.WINDOW_GEOMETRY, w.saveGeometry())
        s.put(keys.WINDOW_STATE, w.saveState())
        for name, splitter in self._splitters().items():
            s.put(keys.SPLITTERS[name], splitter.saveState())
        for name, view in self._headers().items():
            s.put(keys.HEADERS[name], view.horizontalHeader().saveState())
        w.propositions.save()
        if w.chart is not None:  # never built (closed before the first paint): the options kept stay
            options = w.chart.view_options()
            for name, switch in keys.CHART_SWITCHES.items():
                s.put(switch, bool(options[name]))
            for name, text in keys.CHART_TEXTS.items():
                s.put(text, str(options[name]))
        self.save_selection()
        s.sync()
