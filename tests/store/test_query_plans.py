"""The queries behind the window's first paint and `list` read credences through indexes.

A journal holds a hundred times more credences than propositions: a query that walks
the credences table instead of searching its index makes `list` and the first paint
grow with years of history. SQLite's plan (EXPLAIN QUERY PLAN) is the same for a small
file as for a large one until ANALYZE is run, which the app never does, so a small
journal shows the plan a large one gets.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.journal import Journal

T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)
BY_PROPOSITION = "USING INDEX ix_credences_proposition_id_recorded_at"


@pytest.fixture
def journal(tmp_path):
    j = Journal.open(tmp_path / "plans.sqlite3")
    ids = [j.add_proposition(f"Proposition number {n}", tags=[f"t{n % 3}"]).id for n in range(6)]
    for n in range(20):
        entries = [CredenceEntry(pid, 0.3 + n / 100, 0.4 + n / 100, "") for pid in ids[n % 3: n % 3 + 3]]
        j.log_conversation(f"Talk {n}", entries, person="Sam", occurred_at=T0 + timedelta(days=n))
    # A conversation that moved nobody: a list without the trend reads further back for it.
    j.log_conversation("Talk that changed nothing", [CredenceEntry(ids[0], 0.5, 0.5, "")], occurred_at=T0 + timedelta(days=30))
    yield j
    j.close()


def plans(journal, read):
    """Each SELECT that ``read`` runs, with the lines of its query plan."""
    statements = []

    def seen(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, params))

    event.listen(journal.engine, "before_cursor_execute", seen)
    try:
        read(journal)
    finally:
        event.remove(journal.engine, "before_cursor_execute", seen)
    raw = journal.engine.raw_connection()
    try:
        return [
            (sql, [row[-1] for row in raw.cursor().execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()])
            for sql, params in statements
        ]
    finally:
        raw.close()


def credence_scans(plan):
    """Plan lines that read the credences table row by row (a covering index read whole is a count)."""
    return [line for line in plan if re.match(r"SCAN credences(_\d+)?\b", line) and "COVERING INDEX" not in line]


def _ids(journal, table, n):
    with journal.engine.connect() as conn:
        return [i for (i,) in conn.exec_driver_sql(f"SELECT id FROM {table} LIMIT {n}")]


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda j: j.summaries(include_archived=True), id="first paint"),
        pytest.param(lambda j: j.summaries(), id="list"),
        pytest.param(lambda j: j.summaries(tag="t1"), id="list --tag"),
        pytest.param(lambda j: j.summaries(trend=False), id="list without the trend"),
        pytest.param(lambda j: j.history(j.find_proposition("2").id), id="history"),
        pytest.param(lambda j: j.summaries(include_archived=True, ids=_ids(j, "propositions", 2)),
                     id="the propositions an edit touched"),
        pytest.param(lambda j: j.conversation_overviews(_ids(j, "conversations", 1)),
                     id="the conversations an edit touched"),
    ],
)
def test_credences_are_searched_through_an_index_never_scanned(journal, read):
    found = plans(journal, read)
    assert found
    for sql, plan in found:
        assert not credence_scans(plan), f"{plan}\nfor\n{sql}"


def test_each_propositions_newest_credences_come_from_its_index(journal):
    found = plans(journal, lambda j: j.summaries())
    recent = [plan for sql, plan in found if "coalesce" in sql.lower()]
    assert len(recent) == 1
    plan = recent[0]
    assert any(line.startswith("SCAN propositions") for line in plan), plan
    assert any(line.startswith("SEARCH credences ") and BY_PROPOSITION in line for line in plan), plan


def test_a_list_without_the_trend_reads_further_back_only_for_who_did_not_move(journal):
    found = plans(journal, lambda j: j.summaries(trend=False))
    recent = [(sql, plan) for sql, plan in found if "coalesce" in sql.lower()]
    assert len(recent) == 2
    assert " IN " not in recent[0][0] and " IN " in recent[1][0]
    for _sql, plan in recent:
        assert any(line.startswith("SEARCH credences ") and BY_PROPOSITION in line for line in plan), plan


def test_an_edits_few_propositions_are_searched_not_walked(journal):
    """Showing an edit again reads its propositions by their ids, not every proposition's credences."""
    ids = _ids(journal, "propositions", 2)
    found = plans(journal, lambda j: j.summaries(include_archived=True, ids=ids))
    assert found
    for sql, plan in found:
        assert not any(line.startswith("SCAN propositions") for line in plan), f"{plan}\nfor\n{sql}"
        assert not any(re.match(r"SCAN credences(_\d+)?\b", line) for line in plan), f"{plan}\nfor\n{sql}"


def test_an_edits_conversation_is_searched_not_every_conversations_credences(journal):
    ids = _ids(journal, "conversations", 1)
    found = plans(journal, lambda j: j.conversation_overviews(ids))
    assert found
    for sql, plan in found:
        assert not any(re.match(r"SCAN (credences|conversations)(_\d+)?\b", line) for line in plan), \
            f"{plan}\nfor\n{sql}"
