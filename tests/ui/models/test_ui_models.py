from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.ui.models.base import ID_ROLE
from beliefupdate.ui.models.conversations import AWAITING_ROLE, ConversationsModel, ShiftsModel
from beliefupdate.ui.models.history import HistoryModel
from beliefupdate.ui.models.propositions import PropositionFilter, PropositionsModel, build_rows


def props_model(journal):
    model = PropositionsModel()
    model.set_rows(build_rows(journal.summaries(include_archived=True)))
    return model


def texts(proxy, column=PropositionsModel.TEXT):
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, sample):
    model = props_model(sample)
    qtmodeltester.check(model)
    proxy = PropositionFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    convs = ConversationsModel()
    convs.set_rows(sample.conversation_overviews())
    qtmodeltester.check(convs)
    shifts = ShiftsModel()
    shifts.set_rows(sample.conversations()[0].shifts)
    qtmodeltester.check(shifts)
    history = HistoryModel()
    history.set_rows(sample.history(sample.propositions()[0].id))
    qtmodeltester.check(history)


def test_proposition_row_shows_credence_change_and_direction(journal):
    p = journal.add_proposition("Coworkers matter a lot", ["career"])
    journal.log_conversation("Coffee", [CredenceEntry(p.id, 0.4, 0.8)])
    model = props_model(journal)
    cell = lambda col: model.index(0, col).data()
    assert cell(PropositionsModel.CREDENCE) == "80%"
    assert cell(PropositionsModel.CHANGE) == "▲ +40 pp"
    assert cell(PropositionsModel.TAGS) == "career"
    assert cell(PropositionsModel.WHEN) == "just now"



def test_the_next_conversations_before_does_not_hide_the_last_change(journal):
    p = journal.add_proposition("Coworkers matter a lot", ["career"])
    three_days_ago = datetime.now(UTC) - timedelta(days=3)
    journal.log_conversation("Coffee", [CredenceEntry(p.id, 0.4, 0.6)], occurred_at=three_days_ago)
    journal.log_conversation("Lunch", [CredenceEntry(p.id, 0.6, None)])
    model = props_model(journal)
    cell = lambda col, role=Qt.ItemDataRole.DisplayRole: model.index(0, col).data(role)
    assert cell(PropositionsModel.CHANGE) == "▲ +20 pp"
    assert cell(PropositionsModel.WHEN) == "3 d ago"
    assert cell(PropositionsModel.CHANGE, Qt.ItemDataRole.ToolTipRole) == "40% → 60%"

def test_sorting_uses_raw_values_and_puts_missing_credences_first(journal):
    a = journal.add_proposition("alpha")
    b = journal.add_proposition("beta")
    journal.add_proposition("gamma without credence")
    journal.check_in(a.id, 0.9)
    journal.check_in(b.id, 0.1)  # "10%" sorts after "9%" as text; as a number it must not
    journal.check_in(a.id, 0.09)
    proxy = PropositionFilter()
    proxy.setSourceModel(props_model(journal))
    proxy.sort(PropositionsModel.CREDENCE, Qt.SortOrder.AscendingOrder)
    assert texts(proxy, PropositionsModel.CREDENCE) == ["—", "9%", "10%"]


def test_filter_by_search_tag_and_archived(sample):
    proxy = PropositionFilter()
    proxy.setSourceModel(props_model(sample))
    everything = proxy.rowCount()
    assert not any("PhD" in t for t in texts(proxy))  # archived: hidden by default
    proxy.set_show_archived(True)
    assert proxy.rowCount() == everything + 1
    proxy.set_search("  INTERPRETABILITY  work ")  # words in any order, any case
    assert [t.split("  (")[0] for t in texts(proxy)] == [
        "I need a PhD to do useful interpretability work",
    ]
    proxy.set_search("skills evals")  # a tag and a word of the text
    assert len(texts(proxy)) == 1
    proxy.set_search("")
    proxy.set_tag("skills")
    assert sorted(texts(proxy)) == sorted(
        p.text for p in sample.propositions() if "skills" in p.tags
    )


def test_awaiting_conversations_stand_out(sample):
    model = ConversationsModel()
    model.set_rows(sample.conversation_overviews())
    awaiting = [r for r in range(model.rowCount()) if model.index(r, 0).data(AWAITING_ROLE)]
    assert len(awaiting) == 1
    index = model.index(awaiting[0], ConversationsModel.MOVED)
    assert index.data() == "awaiting 3 afters"
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    finished = model.index((awaiting[0] + 1) % model.rowCount(), ConversationsModel.MOVED)
    assert "moved" in finished.data()


def test_conversations_are_newest_first(sample):
    model = ConversationsModel()
    model.set_rows(sample.conversation_overviews())
    dates = [model.index(r, ConversationsModel.WHEN).data() for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert model.index(0, 0).data(ID_ROLE) == sample.conversations()[0].conversation.id


def test_history_is_shown_in_local_time(journal):
    p = journal.add_proposition("x")
    journal.check_in(p.id, 0.5, at=datetime(2026, 7, 1, 10, 0, tzinfo=UTC))
    model = HistoryModel()
    model.set_rows(journal.history(p.id))
    assert model.index(0, HistoryModel.WHEN).data() == "2026-07-01 12:00"  # Europe/Berlin in summer
    assert model.index(0, HistoryModel.PHASE).data() == "check-in"


def test_a_screen_reader_hears_the_trend_only_in_the_trend_column(journal):
    """Empty cells (no tags, no change yet) used to be read out as the row's trend."""
    p = journal.add_proposition("Remote work suits me")
    journal.check_in(p.id, 0.6)
    model = props_model(journal)
    spoken = [model.index(0, c).data(Qt.ItemDataRole.AccessibleTextRole) for c in range(model.columnCount())]
    assert spoken[PropositionsModel.TREND] == "trend over 1 credences"
    assert spoken[PropositionsModel.TAGS] == "" and spoken[PropositionsModel.CHANGE] == ""
    assert spoken[PropositionsModel.CREDENCE] == "60%"
