"""The Insights view: the measures of docs/measures.md as sortable tables, one tab per question.

Measuring a big journal takes seconds (reading 100k credences alone does), so it
runs on the session's read pool and only while the view is visible; the result is kept
until the journal changes (``journal_changed``), so showing the view again or
switching tabs costs nothing.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beliefupdate.domain.errors import ServerUnavailable, UserError
from beliefupdate.ui.insights import texts
from beliefupdate.ui.insights.data import BinRow, Insights, gather
from beliefupdate.ui.insights.filters import FilterBar
from beliefupdate.ui.insights.models import (
    CalibrationModel,
    CoherenceModel,
    ConversationDriftModel,
    ConversationMovementModel,
    InsightModel,
    PredictionsModel,
    PropositionDriftModel,
    ReactionModel,
    ScoresModel,
    SourcesModel,
    TagTruthModel,
    Target,
)
from beliefupdate.ui.insights.plot import CalibrationPlot
from beliefupdate.ui.panels import table
from beliefupdate.ui.settings import UiSettings
from beliefupdate.ui.settings_keys import INSIGHTS_HEADERS, INSIGHTS_TAB

log = logging.getLogger(__name__)


MAX_FITTED_WIDTH = 260  # a column sized to its contents grows no wider than this
FIT_SAMPLE_ROWS = 50  # sizing to contents looks at this many rows, not all ten thousand


def _label(text: str = "", *, italic: bool = False, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if italic:
        font = label.font()
        font.setItalic(True)
        label.setFont(font)
    return label


class _Page(QWidget):
    """A tab's page, asking its scroll area for no more height than its lines and tables need at least."""

    def heightForWidth(self, width: int) -> int:
        # The preferred height would scroll a page whose table could simply show fewer rows.
        layout = self.layout()
        return layout.minimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)


class TableBox(QWidget):
    """A titled table that says what is missing instead of showing no rows."""

    def __init__(self, name: str, model: InsightModel, stretch: int, sort: tuple[int, Qt.SortOrder],
                 empty: str, title: str = ""):
        super().__init__()
        self.name = name
        self.model = model
        self.view: QTableView = table(name, model, stretch)
        # The text column is sized like the others and the last column takes what is left over:
        # a stretched text column shrinks to nothing when a narrow split cannot hold every number.
        self.view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(*sort)
        self.view.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.fitted = False  # columns sized to their contents, or to what the user chose last time
        self.empty = _label(empty, italic=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setAccessibleName(f"{name}: nothing yet")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if title:
            layout.addWidget(QLabel(f"<b>{title}</b>"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.set_rows([])

    def set_rows(self, rows) -> None:
        current = self.view.currentIndex()
        keep = self.model.row_id(self.model.row(current.row())) if current.isValid() else None
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows and not self.fitted:
            self.fit_columns()
        if keep is not None and (row := self.model.row_of(keep)) >= 0:
            # Put the selection back without telling the main window again.
            sm = self.view.selectionModel()
            sm.blockSignals(True)
            sm.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                               | QItemSelectionModel.SelectionFlag.Rows)
            sm.blockSignals(False)
            self.view.viewport().update()


    def fit_columns(self) -> None:
        self.fitted = True
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column), MAX_FITTED_WIDTH))


class InsightsView(QWidget):
    conversation_chosen = Signal(str)
    propositions_chosen = Signal(list)
    updated = Signal()  # the tables show the journal as it is now

    def __init__(self, session, settings: UiSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Insights")
        self.session = session
        self.settings = settings
        self._version = 0  # bumped whenever the journal changes
        self._shown: tuple | None = None  # the (version, filter) the tables show
        self._asked: tuple | None = None  # the (version, filter) last sent to be measured
        session.changed.connect(self.journal_changed)
        session.replaced.connect(self.journal_changed)
        self.insights: Insights | None = None
        self._filled: set[int] = set()  # tabs showing self.insights

        self.filters = FilterBar()
        self.filters.changed.connect(self._refresh_if_needed)
        self.status = _label(italic=True)
        self.status.setAccessibleName("Insights status")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Insights tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.boxes: dict[str, TableBox] = {}
        self.tab_of: dict[str, str] = {}  # box key -> the name of its tab
        self.summaries: dict[str, QLabel] = {}
        self._build_tabs()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._restore()

    def sizeHint(self) -> QSize:
        # As a dock at the bottom of the window: room for a few rows, not a screenful.
        return QSize(900, 320)

    # -- construction -------------------------------------------------------

    def _box(self, key: str, model: InsightModel, stretch: int, sort_column: int, order=Qt.SortOrder.DescendingOrder,
             title: str = "") -> TableBox:
        names = {"conversations": "Conversation movement", "people": "Who moves me most", "kinds": "Kinds of source",
                 "drift_propositions": "Drift by proposition", "drift_conversations": "Drift by conversation",
                 "predictions": "Predicted updates", "reaction": "Over- or under-reaction",
                 "scores": "Resolution scores", "calibration": "Calibration table", "tags": "Toward the truth by tag",
                 "coherence": "Coherence of cruxes"}
        box = TableBox(names[key], model, stretch, (sort_column, order), texts.EMPTY[key], title)
        box.view.clicked.connect(lambda index, b=box: self._chosen(b, index))
        box.view.selectionModel().currentRowChanged.connect(lambda index, _old, b=box: self._moved_to(b, index))
        box.view.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._save_headers())
        box.view.horizontalHeader().sectionResized.connect(lambda *_: self._save_headers())
        self.boxes[key] = box
        return box

    def _page(self, name: str, explanation: str, *parts: QWidget, summary_key: str = "") -> QWidget:
        page = _Page()
        page.setAccessibleName(name)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(4)
        explain = _label(explanation)
        explain.setAccessibleName(f"{name}: what it means")
        layout.addWidget(explain)
        if summary_key:
            summary = _label(rich=True)
            summary.setAccessibleName(f"{name}: summary")
            summary.setVisible(False)
            self.summaries[summary_key] = summary
            layout.addWidget(summary)
        for i, part in enumerate(parts):
            layout.addWidget(part, 1 if i == len(parts) - 1 else 0)
        # In a short dock the page scrolls: squeezed below its wrapped lines' height, they would overlap.
        scroll = QScrollArea()
        scroll.setAccessibleName(name)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, name)
        for key in self.boxes:
            self.tab_of.setdefault(key, name)
        return page

    def _side_by_side(self, name: str, *widgets: QWidget, sizes: list[int] | None = None,
                      orientation: Qt.Orientation = Qt.Orientation.Horizontal) -> QSplitter:
        split = QSplitter(orientation)
        split.setObjectName(name)
        split.setChildrenCollapsible(False)
        for w in widgets:
            split.addWidget(w)
        if sizes:
            split.setSizes(sizes)
        return split

    def _build_tabs(self) -> None:
        C = ConversationMovementModel
        self._page("Conversations", texts.CONVERSATIONS,
                   self._box("conversations", C(self), C.TITLE, C.WHEN), summary_key="conversations")

        S = SourcesModel
        people = self._box("people", S("person", self), S.LABEL, S.RANK, Qt.SortOrder.AscendingOrder,
                           title="Who moves me most")
        kinds = self._box("kinds", S("kind", self), S.LABEL, S.RANK, Qt.SortOrder.AscendingOrder,
                          title="By kind of source")
        self._page("People", texts.PEOPLE, self._side_by_side("sources", people, kinds, sizes=[300, 160],
                                                                     orientation=Qt.Orientation.Vertical))

        T = TagTruthModel
        self._page("Tags", texts.TAGS, self._box("tags", T(self), T.TAG, T.TAG, Qt.SortOrder.AscendingOrder),
                   summary_key="tags")

        P, D = PropositionDriftModel, ConversationDriftModel
        by_prop = self._box("drift_propositions", P(self), P.TEXT, P.TOTAL, title="By proposition")
        by_conv = self._box("drift_conversations", D(self), D.TITLE, D.WHEN, title="By conversation")
        self._page("Drift", texts.DRIFT, self._side_by_side("drift", by_prop, by_conv, sizes=[600, 540]), summary_key="drift")

        R = PredictionsModel
        self._page("Predictions", texts.PREDICTIONS,
                   self._box("predictions", R(self), R.ADVICE, R.WHEN), summary_key="predictions")

        X = ReactionModel
        self.reaction_totals = _label()
        self.reaction_totals.setAccessibleName("Over- or under-reaction: totals")
        self.momentum = _label()
        self.momentum.setAccessibleName("Momentum or zig-zag")
        self._page("Reaction", texts.REACTION, self.reaction_totals, self.momentum,
                   self._box("reaction", X(self), X.TEXT, X.X), summary_key="reaction")

        K = ScoresModel
        self._page("Scores", texts.SCORES, self._box("scores", K(self), K.TEXT, K.BRIER), summary_key="scores")

        B = CalibrationModel
        self.plot = CalibrationPlot()
        self.plot.bin_chosen.connect(self._bin_chosen)
        cal = self._box("calibration", B(self), B.INTERVAL, B.BIN, Qt.SortOrder.AscendingOrder)
        self._page("Calibration", texts.CALIBRATION, self._side_by_side("calibration", cal, self.plot, sizes=[560, 360]),
                   summary_key="calibration")

        H = CoherenceModel
        self._page("Coherence", texts.COHERENCE, self._box("coherence", H(self), H.ARITHMETIC, H.GAP),
                   summary_key="coherence")
        self.tabs.currentChanged.connect(self._save_tab)
        self.tabs.currentChanged.connect(self._fill)

    # -- state kept between runs --------------------------------------------

    def _restore(self) -> None:
        if self.settings is None:
            return
        try:
            self.show_tab(self.settings.get(INSIGHTS_TAB))
        except KeyError:
            pass
        for key, box in self.boxes.items():
            if (state := self.settings.get(INSIGHTS_HEADERS[key])) is not None:
                header = box.view.horizontalHeader()
                box.fitted = header.restoreState(state)
                box.view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _save_tab(self, index: int) -> None:
        if self.settings is not None:
            self.settings.put(INSIGHTS_TAB, self.tabs.tabText(index))

    def _save_headers(self) -> None:
        if self.settings is None:
            return
        for key, box in self.boxes.items():
            self.settings.put(INSIGHTS_HEADERS[key], box.view.horizontalHeader().saveState())

    # -- keeping up with the journal ----------------------------------------

    def journal_changed(self, *_what) -> None:
        """The journal was written or replaced: measure again, now if visible, else when next shown."""
        self._version += 1
        self._refresh_if_needed()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refresh_if_needed()

    def _wanted(self) -> tuple:
        return self._version, self.filters.filter()

    @property
    def current(self) -> bool:
        """Whether the tables show the journal as it is now, through the chosen filters."""
        return self._shown == self._wanted()

    def _refresh_if_needed(self) -> None:
        if not self.isVisible() or self.current or self._asked == self._wanted():
            return
        wanted = self._asked = self._wanted()
        flt = wanted[1]
        self.status.setText("Measuring the journal…")
        # gather is looked up when the read runs, not now: tests stand in for it.
        self.session.read("insights", lambda journal: gather(journal, flt),
                          lambda result: self._finished(wanted, result))

    def _finished(self, wanted: tuple, result: object) -> None:
        if wanted != self._wanted():
            self._refresh_if_needed()  # the journal or the filter changed meanwhile; what came back is stale
            return
        if isinstance(result, ServerUnavailable):
            # The tables keep what they show; the session says why and reads again when it is back.
            self._asked = None
            self.status.setText("The server is away: these are the figures last measured." if self.insights else "")
            self.session.unreadable(result)
            return
        if isinstance(result, UserError):
            self.status.setText(f"Could not measure the journal: {result}")
            log.warning("insights: %s", result)
            return
        if isinstance(result, BaseException):
            raise result
        self.filters.set_choices(result.people_names, result.tags)
        if wanted != self._wanted():
            return  # the chosen person or tag has gone from the journal: measured again without it
        self._shown = wanted
        self.show_insights(result)
        self.status.setText("")
        self.updated.emit()

    # -- showing ------------------------------------------------------------

    def show_insights(self, ins: Insights) -> None:
        """Show ``ins``: the current tab now, each other tab when it is first opened (10k rows take a while)."""
        self.insights = ins
        self._filled = set()
        described = self.filters.describe()
        for key, box in self.boxes.items():
            box.empty.setText(texts.filtered_empty(described) if described else texts.EMPTY[key])
        self._fill(self.tabs.currentIndex())

    def _fill(self, tab: int) -> None:
        if self.insights is None or tab in self._filled or tab < 0:
            return
        self._filled.add(tab)
        ins, b, r = self.insights, self.boxes, self.insights.report
        name = self.tabs.tabText(tab)
        if name == "Conversations":
            b["conversations"].set_rows(ins.conversations)
            self._summary("conversations", texts.conversations_summary(ins))
        elif name == "People":
            b["people"].set_rows(ins.people)
            b["kinds"].set_rows(ins.kinds)
        elif name == "Tags":
            b["tags"].set_rows(ins.truth_by_tag)
            self._summary("tags", html.escape(texts.truth_summary(r.truth)))
        elif name == "Drift":
            b["drift_propositions"].set_rows(ins.drift_by_proposition)
            b["drift_conversations"].set_rows(ins.drift_by_conversation)
            lines = (texts.drift_summary(r.drift_summary), texts.drift_direction_text(r.drift_direction))
            self._summary("drift", "<br>".join(html.escape(line) for line in lines if line))
        elif name == "Predictions":
            b["predictions"].set_rows(ins.predictions)
            self._summary("predictions", texts.predictions_summary(r.prediction_summary))
        elif name == "Reaction":
            b["reaction"].set_rows(ins.reaction)
            self._summary("reaction", texts.reaction_reading(r.reaction) if r.reaction.propositions else "")
            self.reaction_totals.setText(texts.reaction_totals(r.reaction))
            self.reaction_totals.setVisible(bool(r.reaction.propositions))
            self.momentum.setText(texts.serial_text(r.serial))
            self.momentum.setVisible(bool(r.reaction.propositions))
        elif name == "Scores":
            b["scores"].set_rows(ins.scores)
            self._summary("scores", texts.scores_summary(r.scores, r.decomposition))
        elif name == "Calibration":
            filled = any(row.bin.count for row in ins.bins)
            b["calibration"].set_rows(ins.bins if filled else [])
            self.plot.set_bins(ins.bins)
            self.plot.setVisible(filled)
            self._summary("calibration", texts.calibration_summary(ins))
        elif name == "Coherence":
            b["coherence"].set_rows(r.coherence)
            self._room_for_gaps(b["coherence"])
            self._summary("coherence", html.escape(texts.coherence_summary(r.coherence, CoherenceModel.threshold)))

    def _room_for_gaps(self, box: TableBox) -> None:
        # Fitted to the first gaps shown, the column would cut a wider one that comes later ("+29.2…").
        header = box.view.horizontalHeader()
        wanted = box.view.fontMetrics().horizontalAdvance("−100 pp") + 28  # the sort arrow and margins
        if header.sectionSize(CoherenceModel.GAP) < wanted:
            header.resizeSection(CoherenceModel.GAP, wanted)

    def show_tab(self, name: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == name:
                self.tabs.setCurrentIndex(i)
                return
        raise KeyError(name)

    def _summary(self, key: str, text: str) -> None:
        label = self.summaries[key]
        label.setText(text)
        label.setVisible(bool(text))

    # -- choosing rows -----------------------------------------------------

    def _moved_to(self, box: TableBox, index: QModelIndex) -> None:
        # A mouse press also moves the current row; the click that follows does the choosing.
        if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._chosen(box, index)

    def _chosen(self, box: TableBox, index: QModelIndex) -> None:
        if index.isValid():
            self._emit(box.model.target_at(index.row()))

    def _bin_chosen(self, row: BinRow) -> None:
        box = self.boxes["calibration"]
        i = box.model.row_of(box.model.row_id(row))
        if i >= 0:
            box.view.selectRow(i)
        if row.proposition_ids:
            self._emit(Target(proposition_ids=row.proposition_ids))

    def _emit(self, target: Target | None) -> None:
        if target is None:
            return
        if target.conversation_id:
            self.conversation_chosen.emit(target.conversation_id)
        if target.proposition_ids:
            self.propositions_chosen.emit(list(target.proposition_ids))

    def box(self, key: str) -> TableBox:
        return self.boxes[key]
