"""Opening journals: fresh ones at head, old ones backed up and upgraded, anything else refused untouched.

Every schema revision has a fixture journal in tests/fixtures (journal-<revision>.sqlite3,
made by make_journal_v<revision>.py) with the data it holds beside it (.expected.json).
"""

import json
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from beliefupdate.domain.errors import JournalUnavailable
from beliefupdate.interchange.exchange import to_dict
from beliefupdate.store.backups import BackupKind
from beliefupdate.store.files.backup import list_backups
from beliefupdate.store.journal import Journal
from beliefupdate.store.schema_versions import APPLICATION_ID, HEAD, KNOWN_REVISIONS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
JOURNALS = sorted(FIXTURES.glob("journal-*.sqlite3"))


def sql(path, query):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def revision_of(path):
    return sql(path, "SELECT version_num FROM alembic_version")[0][0]


def expected_for(fixture):
    return json.loads(fixture.with_suffix(".expected.json").read_text(encoding="utf-8"))


def folder_state(folder):
    """Every file below ``folder`` with its bytes: a refusal must leave all of it as it was."""
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- fixtures of every revision ---------------------------------------------------


def test_there_is_a_fixture_journal_for_every_schema_revision():
    assert {p.name for p in JOURNALS} >= {f"journal-{r}.sqlite3" for r in KNOWN_REVISIONS}
    for fixture in JOURNALS:
        assert fixture.with_suffix(".expected.json").exists(), fixture


@pytest.mark.parametrize("fixture", JOURNALS, ids=[p.stem for p in JOURNALS])
def test_opening_an_old_journal_loses_nothing(fixture, tmp_path):
    expected = expected_for(fixture)
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(fixture, path)
    assert revision_of(path) == expected["revision"]

    with Journal.open(path) as j:
        exported = to_dict(j.export_data())
        handles = {
            "propositions": {p.id: p.handle for p in j.propositions()},
            "conversations": {s.conversation.id: s.conversation.handle for s in j.conversations()},
        }
        # Everyday reads work on the upgraded journal.
        assert j.summaries(include_archived=True)
        for p in j.propositions():
            j.history(p.id)

    for section in [k for k, v in expected["export"].items() if isinstance(v, list)]:
        got = {r["id"]: r for r in exported[section]}
        want = {r["id"]: r for r in expected["export"][section]}
        assert got.keys() == want.keys(), section
        for rid, record in want.items():
            # Later revisions may add fields; what was there must be unchanged.
            assert {k: got[rid][k] for k in record} == record, (section, rid)
    assert handles == expected["handles"]
    assert revision_of(path) == HEAD

    # An identity of its own: kept if it had one, a fresh one if not.
    identity = sql(path, "SELECT uuid FROM journal_identity")
    assert len(identity) == 1 and str(uuid.UUID(identity[0][0])) == identity[0][0]
    if "identity" in expected:
        assert identity[0][0] == expected["identity"]

    # Only the copy made before migrating, listed among the journal's own: a daily one may sit beside it.
    backups = [b.path for b in list_backups(path) if b.kind is BackupKind.BEFORE_MIGRATION]
    if expected["revision"] == HEAD:
        assert backups == []
    else:
        assert len(backups) == 1
        assert backups[0].parent == tmp_path / "backups" / identity[0][0]
        assert expected["revision"] in backups[0].name
        assert revision_of(backups[0]) == expected["revision"]
        assert sql(backups[0], "SELECT count(*) FROM credences") == [(len(expected["export"]["credences"]),)]


@pytest.mark.parametrize("fixture", JOURNALS, ids=[p.stem for p in JOURNALS])
def test_an_upgraded_journal_takes_new_entries(fixture, tmp_path):
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(fixture, path)
    with Journal.open(path) as j:
        p = j.add_proposition("Something new after the upgrade")
        assert p.handle == max(q.handle for q in j.propositions())
        j.check_in(p.id, 0.4)
    with Journal.open(path) as j:
        assert j.find_proposition("Something new").id == p.id


def test_an_upgraded_0001_journal_takes_expected_afters(tmp_path):
    from beliefupdate.domain.measures.prediction import prediction_checks
    from beliefupdate.domain.types import CredenceEntry

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0001.sqlite3", path)
    with Journal.open(path) as j:
        # Nothing was predicted before the column existed.
        assert all(c.expected_after is None for c in j.export_data().credences)
        lab, phd = j.find_proposition("1"), j.find_proposition("2")
        walk = j.find_conversation("Thinking it over")  # started in 0001, befores only
        coffee = j.find_conversation("Coffee with a friend")
        new = j.log_conversation("Lunch with a lab recruiter", [CredenceEntry(lab.id, 0.5, None, expected_after=0.7)])
        # An old before gets an expectation as the conversation is finished...
        j.finish_conversation(walk.id, [CredenceEntry(phd.id, None, 0.6, expected_after=0.55)])
        # ... or by editing a conversation logged before the upgrade.
        j.edit_conversation(coffee.id, entries=[CredenceEntry(lab.id, 0.25, 0.45, expected_after=0.0),
                                                CredenceEntry(phd.id, 0.3, 0.6)])

    with Journal.open(path) as j:
        expectations = {
            (s.conversation.handle, sh.proposition_handle): sh.expected_after
            for s in j.conversations() for sh in s.shifts if sh.expected_after is not None
        }
        assert expectations == {(new.handle, 1): 0.7, (walk.handle, 2): 0.55, (coffee.handle, 1): 0.0}
        history = [(e.credence.phase.value, e.credence.probability, e.credence.expected_after)
                   for e in j.history(phd.id) if e.conversation and e.conversation.id == walk.id]
        assert history == [("before", 0.55, 0.55), ("after", 0.6, None)]
        checks = prediction_checks(sh for s in j.conversations() for sh in s.shifts)
        assert sorted((c.before, c.expected, c.after) for c in checks) == [
            (0.25, 0.0, 0.45), (0.5, 0.7, None), (0.55, 0.55, 0.6)]
    assert revision_of(path) == HEAD


def test_the_database_itself_keeps_expected_afters_on_befores_within_0_to_1(tmp_path):
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0001.sqlite3", path)
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    try:
        for phase, value, constraint in [("after", 0.5, "ck_credences_expected_after_on_before"),
                                         ("check-in", 0.5, "ck_credences_expected_after_on_before"),
                                         ("before", 1.5, "ck_credences_expected_after_range"),
                                         ("before", -0.1, "ck_credences_expected_after_range")]:
            with pytest.raises(sqlite3.IntegrityError, match=constraint):
                conn.execute("UPDATE credences SET expected_after = ? WHERE phase = ?", (value, phase))
        conn.execute("UPDATE credences SET expected_after = 0.5 WHERE phase = 'before'")
    finally:
        conn.close()


def test_a_fresh_journal_is_created_at_head(journal_path):
    with Journal.open(journal_path) as j:
        assert j.is_empty()
    assert revision_of(journal_path) == HEAD
    assert sql(journal_path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert not (journal_path.parent / "backups").exists()
    # An identity of its own from the start, never that of another new journal.
    other = journal_path.with_name("other.sqlite3")
    Journal.open(other).close()
    identities = sql(journal_path, "SELECT uuid FROM journal_identity") + sql(other, "SELECT uuid FROM journal_identity")
    assert len(identities) == len(set(identities)) == 2


def test_a_journal_at_head_is_opened_without_a_backup(tmp_path):
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    Journal.open(path).close()
    assert not list((tmp_path / "backups").glob("*-before-migration-*"))


def test_upgrades_that_rebuild_a_table_keep_the_rows_pointing_at_it(tmp_path, monkeypatch):
    # SQLite alters a table by copying it and dropping the old one; with foreign
    # keys enforced, the drop would cascade into credences and tags. A future
    # migration will do exactly that, so the upgrade path is exercised now.
    from alembic.migration import MigrationContext
    from alembic.operations import Operations

    from beliefupdate.store import migrate
    from beliefupdate.store.files import opening

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0001.sqlite3", path)
    counts_before = sql(path, "SELECT (SELECT count(*) FROM credences), (SELECT count(*) FROM proposition_tags)")

    def rebuild_propositions(conn, target="head", **_):
        ops = Operations(MigrationContext.configure(conn))
        with ops.batch_alter_table("propositions", recreate="always") as batch:
            batch.add_column(sa.Column("extra", sa.Text(), nullable=True))

    monkeypatch.setattr(migrate, "upgrade", rebuild_propositions)
    monkeypatch.setattr(opening, "HEAD", "0002")
    Journal.open(path).close()

    assert sql(path, "SELECT (SELECT count(*) FROM credences), (SELECT count(*) FROM proposition_tags)") == counts_before
    assert "extra" in [row[1] for row in sql(path, "PRAGMA table_info(propositions)")]
    # Foreign keys are back on for the journal's own work afterwards. (This journal
    # now has a column no real migration makes, so a real one is opened for that.)
    monkeypatch.undo()
    with Journal.open(tmp_path / "another.sqlite3") as j, j.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_failed_upgrade_leaves_the_journal_at_its_old_revision(tmp_path, monkeypatch):
    from beliefupdate.store import migrate
    from beliefupdate.store.files import opening

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0001.sqlite3", path)

    def half_then_fail(conn, target="head", **_):
        conn.exec_driver_sql("DELETE FROM credences")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(migrate, "upgrade", half_then_fail)
    monkeypatch.setattr(opening, "HEAD", "0002")
    with pytest.raises(RuntimeError, match="migration bug"):
        Journal.open(path)
    monkeypatch.undo()
    assert revision_of(path) == "0001"
    assert sql(path, "SELECT count(*) FROM credences") == [(len(expected_for(FIXTURES / "journal-0001.sqlite3")
                                                             ["export"]["credences"]),)]
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1


# -- refusals -----------------------------------------------------------------------


def _journal_at(path, revision):
    shutil.copyfile(FIXTURES / "journal-0001.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.commit()
    conn.close()


def _foreign_db(path, *, wal=False):
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine, not yours')")
    conn.commit()
    conn.close()


def _truncated(path, keep):
    data = (FIXTURES / "journal-0001.sqlite3").read_bytes()
    path.write_bytes(data[: keep(len(data))])


def _no_alembic(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + bytes(64)

REFUSALS = [
    ("empty-file", lambda p: p.write_bytes(b""), ["empty"]),
    ("text-file", lambda p: p.write_text("Dear diary,\nI changed my mind about the lab.\n"), ["not a SQLite"]),
    ("png-renamed", lambda p: p.write_bytes(PNG), ["not a SQLite"]),
    ("sqlite-header-only", lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(20)), ["damaged"]),
    ("other-program-sqlite", _foreign_db, ["another program"]),
    ("other-program-sqlite-wal", lambda p: _foreign_db(p, wal=True), ["another program"]),
    ("ours-without-schema-version", _no_alembic, ["damaged"]),
    ("from-the-future", lambda p: _journal_at(p, "9999"), ["newer version", "9999"]),
    ("truncated-to-header", lambda p: _truncated(p, lambda n: 100), ["damaged"]),
    ("truncated-to-one-page", lambda p: _truncated(p, lambda n: 4096), ["damaged"]),
    ("truncated-in-half", lambda p: _truncated(p, lambda n: n // 2), ["damaged"]),
    ("truncated-by-one-page", lambda p: _truncated(p, lambda n: n - 4096), ["damaged"]),
]


@pytest.mark.parametrize("make, words", [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_files_that_are_not_openable_journals_are_refused_untouched(tmp_path, make, words):
    path = tmp_path / "journal.sqlite3"
    make(path)
    before = folder_state(tmp_path)
    with pytest.raises(JournalUnavailable) as info:
        Journal.open(path)
    message = str(info.value)
    assert str(path) in message
    for word in words:
        assert word in message
    assert "\n" not in message
    assert folder_state(tmp_path) == before  # same bytes, and nothing new beside it


def test_a_path_in_a_missing_folder_is_refused_and_nothing_is_created(tmp_path):
    path = tmp_path / "no such folder" / "journal.sqlite3"
    with pytest.raises(JournalUnavailable, match="does not exist"):
        Journal.open(path)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_is_not_a_journal(tmp_path):
    with pytest.raises(JournalUnavailable, match="folder"):
        Journal.open(tmp_path)


def test_a_refused_journal_makes_no_backup(tmp_path):
    path = tmp_path / "journal.sqlite3"
    _journal_at(path, "9999")
    with pytest.raises(JournalUnavailable):
        Journal.open(path)
    assert not list((tmp_path / "backups").glob("*-before-migration-*"))


# -- the schema itself ----------------------------------------------------------------


def test_known_revisions_match_the_migration_scripts():
    from beliefupdate.store.migrate import script_revisions

    assert tuple(script_revisions()) == KNOWN_REVISIONS
    assert KNOWN_REVISIONS[-1] == HEAD


def test_models_match_the_migrations(journal):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from beliefupdate.store.models import Base

    with journal.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "render_as_batch": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_models_index_of_open_texts_is_partial_on_either_backend(journal):
    # compare_metadata does not compare an index's condition; the PostgreSQL one is added
    # to the model only when a server journal is opened (see models.for_postgresql).
    from sqlalchemy.schema import CreateIndex

    from beliefupdate.store.models import PropositionRow

    index = next(i for i in PropositionRow.__table__.indexes if i.name == "uq_propositions_text_key_open")
    ddl = " ".join(str(CreateIndex(index).compile(dialect=journal.engine.dialect)).split())
    assert ddl == "CREATE UNIQUE INDEX uq_propositions_text_key_open ON propositions (text_key) WHERE NOT archived"


def _check_constraints(engine):
    inspector = sa.inspect(engine)
    return {
        table: {(c["name"], " ".join(c["sqltext"].split())) for c in inspector.get_check_constraints(table)}
        for table in inspector.get_table_names() if table != "alembic_version"
    }


def test_check_constraints_match_the_models(tmp_path):
    # compare_metadata does not look at CHECK constraints: these are compared
    # by hand, on a fresh journal and on one upgraded from every older revision.
    from beliefupdate.store.models import Base

    want = {
        table.name: {(str(c.name), " ".join(str(c.sqltext).split()))
                     for c in table.constraints if isinstance(c, sa.CheckConstraint)}
        for table in Base.metadata.sorted_tables
    }
    assert ("ck_credences_expected_after_on_before", "expected_after IS NULL OR phase = 'before'") in want["credences"]
    paths = [tmp_path / "fresh.sqlite3"]
    Journal.open(paths[0]).close()
    for fixture in JOURNALS:
        paths.append(tmp_path / fixture.name)
        shutil.copyfile(fixture, paths[-1])
        Journal.open(paths[-1]).close()
    for path in paths:
        engine = sa.create_engine(f"sqlite:///{path}")
        try:
            assert _check_constraints(engine) == want, path.name
        finally:
            engine.dispose()


def test_downgrading_0002_drops_only_the_expectations(tmp_path):
    from alembic import command

    from beliefupdate.store import migrate

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0002.sqlite3", path)
    rows = ("SELECT id, proposition_id, conversation_id, phase, probability, recorded_at, note"
            " FROM credences ORDER BY id")
    credences = sql(path, rows)
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        # A plain engine: foreign keys off, as opening.py has them while migrating.
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0001")
        assert revision_of(path) == "0001"
        assert "expected_after" not in [r[1] for r in sql(path, "PRAGMA table_info(credences)")]
        assert sql(path, rows) == credences
        with engine.begin() as conn:
            migrate.upgrade(conn)
        assert sql(path, rows) == credences
        assert sql(path, "SELECT count(*) FROM credences WHERE expected_after IS NOT NULL") == [(0,)]
    finally:
        engine.dispose()


def test_migration_scripts_downgrade_and_upgrade_cleanly(tmp_path):
    # Not something the app does, but a broken downgrade betrays a migration
    # whose upgrade does not do what it says.
    from beliefupdate.store import migrate

    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            from alembic import command

            command.downgrade(migrate.alembic_config(conn), "base")
        assert sa.inspect(engine).get_table_names() == ["alembic_version"]
        with engine.begin() as conn:
            migrate.upgrade(conn)
        assert set(sa.inspect(engine).get_table_names()) >= {
            "propositions", "proposition_tags", "people", "conversations", "credences"}
    finally:
        engine.dispose()


def test_an_upgraded_0003_journal_takes_write_ups(tmp_path):
    from beliefupdate.domain.types import CredenceEntry

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0003.sqlite3", path)
    with Journal.open(path) as j:
        # Nothing was written before the columns existed.
        assert all((c.pre, c.post) == ("", "") for c in j.export_data().conversations)
        lab = j.find_proposition("1")
        dinner = j.find_conversation("Dinner with my partner")  # started in 0002, befores only
        coffee = j.find_conversation("Coffee with a friend")
        new = j.log_conversation("Lunch with a recruiter", [CredenceEntry(lab.id, 0.5, None)],
                                 pre="I expect *nothing* new.")
        j.finish_conversation(dinner.id, [], post="We talked about London after all.")
        j.edit_conversation(coffee.id, pre="What I thought", post="What changed | and why")

    with Journal.open(path) as j:
        got = {c.handle: (c.pre, c.post) for c in j.export_data().conversations if c.pre or c.post}
        assert got == {new.handle: ("I expect *nothing* new.", ""),
                       dinner.handle: ("", "We talked about London after all."),
                       coffee.handle: ("What I thought", "What changed | and why")}
        # The befores and afters were not touched by writing prose beside them.
        assert [sh.after for sh in j.conversation(dinner.id).shifts] == [None] * len(j.conversation(dinner.id).shifts)
    assert revision_of(path) == HEAD


def test_downgrading_0005_drops_only_the_write_ups(tmp_path):
    from alembic import command

    from beliefupdate.store import migrate

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0005.sqlite3", path)
    assert sql(path, "SELECT count(*) FROM conversations WHERE pre IS NOT NULL") == [(2,)]
    rows = "SELECT id, handle, title, person_id, kind, occurred_at, notes FROM conversations ORDER BY id"
    conversations, credences = sql(path, rows), sql(path, "SELECT * FROM credences ORDER BY id")
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0004")
        assert revision_of(path) == "0004"
        assert {"pre", "post"}.isdisjoint(r[1] for r in sql(path, "PRAGMA table_info(conversations)"))
        assert sql(path, rows) == conversations
        assert sql(path, "SELECT * FROM credences ORDER BY id") == credences
    finally:
        engine.dispose()


def test_downgrading_0006_drops_only_the_crux_links(tmp_path):
    from alembic import command

    from beliefupdate.store import migrate

    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-0006.sqlite3", path)
    assert sql(path, "SELECT count(*) FROM crux_credences") == [(4,)]
    everything = {t: sql(path, f"SELECT * FROM {t} ORDER BY 1") for t in ("propositions", "conversations", "credences")}
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "0005")
        assert revision_of(path) == "0005"
        tables = {r[0] for r in sql(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"crux_links", "crux_credences"}.isdisjoint(tables)
        assert {t: sql(path, f"SELECT * FROM {t} ORDER BY 1") for t in everything} == everything
    finally:
        engine.dispose()
