"""The Insights tabs: one page per question, its tables, summaries and plot, and what fills each from a measurement.

A tab is filled when it is first shown after a measurement, not before: ten thousand
rows take a while, and most people look at one tab at a time.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from beliefupdate.ui.insights import texts
from beliefupdate.ui.insights.boxes import Page, TableBox, text_label
from beliefupdate.ui.insights.data import BinRow, Insights
from beliefupdate.ui.insights.movement_models import (
    ConversationMovementModel,
    KindsModel,
    PeopleModel,
    SourcesModel,
    TagTruthModel,
)
from beliefupdate.ui.insights.outcome_models import CalibrationModel, CoherenceModel, ScoresModel
from beliefupdate.ui.insights.path_models import (
    ConversationDriftModel,
    PredictionsModel,
    PropositionDriftModel,
    ReactionModel,
)
from beliefupdate.ui.insights.plot import CalibrationPlot
from beliefupdate.ui.insights.table_model import InsightModel, Target

# The accessible name of each table, by its key (the key names its saved header and its empty text).
NAMES = {
    "conversations": "Conversation movement", "people": "Who moves me most", "kinds": "Kinds of source",
    "drift_propositions": "Drift by proposition", "drift_conversations": "Drift by conversation",
    "predictions": "Predicted updates", "reaction": "Over- or under-reaction", "scores": "Resolution scores",
    "calibration": "Calibration table", "tags": "Toward the truth by tag", "coherence": "Coherence of cruxes",
}


class InsightTabs(QTabWidget):
    chosen = Signal(object)  # the Target of a row or a calibration point the person chose
    headers_changed = Signal()  # a table was sorted or a column resized: worth keeping

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Insights tabs")
        self.setDocumentMode(True)
        self.setUsesScrollButtons(True)
        self.boxes: dict[str, TableBox] = {}
        self.tab_of: dict[str, str] = {}  # box key -> the name of its tab
        self.summaries: dict[str, QLabel] = {}
        self.insights: Insights | None = None
        self._filled: set[int] = set()  # tabs showing self.insights
        self._build()
        self.currentChanged.connect(self._fill)

    # -- construction -------------------------------------------------------

    def _box(self, key: str, model: InsightModel[Any], stretch: int, sort_column: int,
             order: Qt.SortOrder = Qt.SortOrder.DescendingOrder, title: str = "") -> TableBox:
        box = TableBox(NAMES[key], model, stretch, (sort_column, order), texts.EMPTY[key], title)
        box.view.clicked.connect(lambda index, b=box: self._chosen(b, index))
        box.view.selectionModel().currentRowChanged.connect(lambda index, _old, b=box: self._moved_to(b, index))
        box.view.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self.headers_changed.emit())
        box.view.horizontalHeader().sectionResized.connect(lambda *_: self.headers_changed.emit())
        self.boxes[key] = box
        return box

    def _page(self, name: str, explanation: str, *parts: QWidget, summary_key: str = "") -> QWidget:
        page = Page()
        page.setAccessibleName(name)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(4)
        explain = text_label(explanation)
        explain.setAccessibleName(f"{name}: what it means")
        layout.addWidget(explain)
        if summary_key:
            summary = text_label(rich=True)
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
        self.addTab(scroll, name)
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

    def _build(self) -> None:
        C = ConversationMovementModel
        self._page("Conversations", texts.CONVERSATIONS,
                   self._box("conversations", C(self), C.TITLE, C.WHEN), summary_key="conversations")

        S = SourcesModel
        people = self._box("people", PeopleModel(self), S.LABEL, S.RANK, Qt.SortOrder.AscendingOrder,
                           title="Who moves me most")
        kinds = self._box("kinds", KindsModel(self), S.LABEL, S.RANK, Qt.SortOrder.AscendingOrder,
                          title="By kind of source")
        self._page("People", texts.PEOPLE, self._side_by_side("sources", people, kinds, sizes=[300, 160],
                                                              orientation=Qt.Orientation.Vertical))

        T = TagTruthModel
        self._page("Tags", texts.TAGS, self._box("tags", T(self), T.TAG, T.TAG, Qt.SortOrder.AscendingOrder),
                   summary_key="tags")

        P, D = PropositionDriftModel, ConversationDriftModel
        by_prop = self._box("drift_propositions", P(self), P.TEXT, P.TOTAL, title="By proposition")
        by_conv = self._box("drift_conversations", D(self), D.TITLE, D.WHEN, title="By conversation")
        self._page("Drift", texts.DRIFT, self._side_by_side("drift", by_prop, by_conv, sizes=[600, 540]),
                   summary_key="drift")

        R = PredictionsModel
        self._page("Predictions", texts.PREDICTIONS,
                   self._box("predictions", R(self), R.ADVICE, R.WHEN), summary_key="predictions")

        X = ReactionModel
        self.reaction_totals = text_label()
        self.reaction_totals.setAccessibleName("Over- or under-reaction: totals")
        self.momentum = text_label()
        self.momentum.setAccessibleName("Momentum or zig-zag")
        self._page("Reaction", texts.REACTION, self.reaction_totals, self.momentum,
                   self._box("reaction", X(self), X.TEXT, X.X), summary_key="reaction")

        K = ScoresModel
        self._page("Scores", texts.SCORES, self._box("scores", K(self), K.TEXT, K.BRIER), summary_key="scores")

        B = CalibrationModel
        self.plot = CalibrationPlot()
        self.plot.bin_chosen.connect(self._bin_chosen)
        cal = self._box("calibration", B(self), B.INTERVAL, B.BIN, Qt.SortOrder.AscendingOrder)
        self._page("Calibration", texts.CALIBRATION,
                   self._side_by_side("calibration", cal, self.plot, sizes=[560, 360]), summary_key="calibration")

        H = CoherenceModel
        self._page("Coherence", texts.COHERENCE, self._box("coherence", H(self), H.ARITHMETIC, H.GAP),
                   summary_key="coherence")

    # -- showing ------------------------------------------------------------

    def show_insights(self, ins: Insights, described: str) -> None:
        """Show ``ins``, measured through filters ``described`` ("" for none): the current tab now, each
        other tab when it is first opened."""
        self.insights = ins
        self._filled = set()
        for key, box in self.boxes.items():
            box.empty.setText(texts.filtered_empty(described) if described else texts.EMPTY[key])
        self._fill(self.currentIndex())

    def _fill(self, tab: int) -> None:
        if self.insights is None or tab in self._filled or tab < 0:
            return
        self._filled.add(tab)
        ins, b, r = self.insights, self.boxes, self.insights.report
        name = self.tabText(tab)
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
        for i in range(self.count()):
            if self.tabText(i) == name:
                self.setCurrentIndex(i)
                return
        raise KeyError(name)

    def _summary(self, key: str, text: str) -> None:
        label = self.summaries[key]
        label.setText(text)
        label.setVisible(bool(text))

    # -- choosing rows -----------------------------------------------------

    def _moved_to(self, box: TableBox, index: QModelIndex | QPersistentModelIndex) -> None:
        # A mouse press also moves the current row; the click that follows does the choosing.
        if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._chosen(box, index)

    def _chosen(self, box: TableBox, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid() and (target := box.model.target_at(index.row())) is not None:
            self.chosen.emit(target)

    def _bin_chosen(self, row: BinRow) -> None:
        box = self.boxes["calibration"]
        i = box.model.row_of(box.model.row_id(row))
        if i >= 0:
            box.view.selectRow(i)
        if row.proposition_ids:
            self.chosen.emit(Target(proposition_ids=row.proposition_ids))
