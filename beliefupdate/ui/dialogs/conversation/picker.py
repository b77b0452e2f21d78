"""The Add line of the log dialog: a field that finds a proposition by number or words, a
completer popup, the recent ones as buttons, and an offer to add words that name none as a new one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QPushButton, QWidget

from beliefupdate.domain.types import PropositionSummary
from beliefupdate.ui.dialogs.base import mark_invalid, problem_label
from beliefupdate.ui.dialogs.conversation.entry_row import label_of
from beliefupdate.ui.dialogs.conversation.new_belief_row import NEW_OFFER
from beliefupdate.ui.dialogs.conversation.row import Row, elide, is_handle
from beliefupdate.ui.overflow_row import OverflowRow

MAX_SUGGESTIONS = 4


class PropositionPicker(QObject):
    """Finds what to add; the dialog says what is on offer (``available``), what is in the
    conversation already (``rows``), and adds: ``add`` a proposition by id, ``add_new`` words as a
    new one (returning the row, or None when it was not added).

    ``births``: words that name no proposition may become one (not while editing a conversation).
    """

    def __init__(self, parent: QWidget, *, available: Callable[[], list[PropositionSummary]],
                 rows: Callable[[], Sequence[Row]], add: Callable[[str], object],
                 add_new: Callable[[str], Row | None], births: bool):
        super().__init__(parent)
        self._available = available
        self._rows = rows
        self._add = add
        self._add_new = add_new
        self._births = births
        self.field = QLineEdit()
        self.field.setAccessibleName("Add a proposition")
        self.field.setPlaceholderText("Type to find a proposition and press Enter to add it")
        self.completer = QCompleter([], self.field)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated.connect(self.add_from_text)
        self.field.setCompleter(self.completer)
        self.field.installEventFilter(self)
        self.problem = problem_label("Why nothing was added")
        self.field.textEdited.connect(self._forget_problem)
        # Text that names no proposition can be one first thought of in this conversation.
        self.new_button = QPushButton()
        self.new_button.setAutoDefault(False)
        self.new_button.setVisible(False)
        self.new_button.setToolTip("A belief you had not considered before this conversation: it gets an after only")
        self.new_button.clicked.connect(lambda: self.add_new(self.field.text()))
        self.field.textChanged.connect(self._offer_new)
        # While the popup is open it takes the keyboard, and the completer's own handling of
        # Enter only closes it unless a row is highlighted; this filter runs first.
        self._popup().installEventFilter(self)
        self.suggest_row = OverflowRow()
        self.suggestions = self.suggest_row.row
        self.suggestions.addStretch(1)
        self.suggestion_buttons: list[QPushButton] = []

    def refresh(self) -> None:
        """Offer what is available now: in the popup, and the most recently moved as buttons."""
        available = self._available()
        model = self.completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList([label_of(s.proposition) for s in available])
        for b in self.suggestion_buttons:
            self.suggestions.removeWidget(b)
            b.hide()
            b.deleteLater()
        self.suggestion_buttons = []
        recent = sorted((s for s in available if s.current_at), key=lambda s: s.current_at or 0, reverse=True)
        for s in recent[:MAX_SUGGESTIONS]:
            p = s.proposition
            button = QPushButton(f"+ #{p.handle} {elide(p.text, 28)}")
            button.setToolTip(f"Add #{p.handle}: {p.text}")
            button.setAccessibleName(f"Add #{p.handle} {p.text}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, pid=p.id: self._add(pid))
            self.suggestions.insertWidget(self.suggestions.count() - 1, button)
            button.show()
            self.suggestion_buttons.append(button)
        self.suggest_row.fit()

    def can_be_new(self, text: str) -> bool:
        """Whether ``text`` can be a new proposition here: it names none on offer or in the conversation."""
        text = text.strip()
        if not self._births or not text or is_handle(text):
            return False
        key = text.casefold()
        return not any(key in label_of(s.proposition).casefold() for s in self._available()) and \
            not any(r.named_by(text) for r in self._rows())

    def add_new(self, text: str) -> bool:
        """Add ``text`` as a proposition first thought of in the conversation, if it can be one."""
        text = " ".join(text.split())
        if not self.can_be_new(text) or self._add_new(text) is None:
            return False
        self._clear()
        return True

    def add_from_text(self, text: str, *, first_of_many: bool = False) -> bool:
        """Add the proposition ``text`` names; ``first_of_many`` takes the top one the popup lists."""
        text = text.strip()
        if not text:
            return False
        available = self._available()
        exact = [s for s in available if label_of(s.proposition).casefold() == text.casefold()]
        matches = exact or [s for s in available if text.casefold() in label_of(s.proposition).casefold()]
        if is_handle(text):
            matches = [s for s in available if s.proposition.handle == int(text[1:])]
        if first_of_many:
            matches = matches[:1]
        if not matches and self.can_be_new(text):
            return self.add_new(text)
        if len(matches) != 1:
            mark_invalid(self.field, self._why_not_added(text, len(matches)), self.problem)
            return False
        mark_invalid(self.field, "", self.problem)
        self._clear()
        self._add(matches[0].proposition.id)
        return True

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a completer makes its popup when first asked for it
        return popup

    def _clear(self) -> None:
        # Cleared again after the completer has finished writing its choice into the field.
        QTimer.singleShot(0, self.field.clear)
        self.field.clear()

    def _forget_problem(self, _text: str) -> None:
        parent = self.parent()
        if isinstance(parent, QWidget) and self.problem.isVisibleTo(parent):
            mark_invalid(self.field, "", self.problem)

    def _why_not_added(self, text: str, matching: int) -> str:
        if matching:
            return f"{matching} propositions match; type more"
        listed = [r for r in self._rows() if r.named_by(text)]
        if listed:
            return f"{listed[0].called()} is already in this conversation" if len(listed) == 1 else \
                "Already in this conversation"
        return "No proposition matches"

    def _offer_new(self, text: str) -> None:
        offer = self.can_be_new(text)
        shown = " ".join(text.split())
        self.new_button.setText(NEW_OFFER.format(elide(shown, 40)) if offer else "")
        self.new_button.setAccessibleName(NEW_OFFER.format(shown) if offer else "")
        self.new_button.setVisible(offer)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        popup = self._popup()
        if (obj in (self.field, popup) and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.field.text().strip()):
            if popup.isVisible():
                # The popup lists what matches: Enter takes the highlighted row, else the top one.
                current = popup.currentIndex()
                text = current.data() if current.isValid() else self.field.text()
                popup.hide()
                self.add_from_text(text, first_of_many=True)
            else:
                self.add_from_text(self.field.text())
            return True  # Enter here adds; it must not accept the dialog
        return super().eventFilter(obj, event)
