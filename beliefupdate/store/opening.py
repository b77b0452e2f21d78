"""Opening a journal wherever it lives: a file (files/opening.py), or a database reached
by URL (a PostgreSQL server, or SQLite in memory), created or brought up to date here.

Nothing is written until the place is known to hold one of ours (or nothing):
another program's tables and newer-version journals are refused.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from beliefupdate.domain.errors import JournalUnavailable
from beliefupdate.store.engine import make_engine
from beliefupdate.store.files.opening import open_file
from beliefupdate.store.location import Location
from beliefupdate.store.schema_versions import HEAD, check_revision


def open_engine(location: Location) -> Engine:
    """An engine on an up-to-date journal: created if new, backed up and upgraded if old."""
    if location.path is not None:
        return open_file(location)
    engine = make_engine(location.url)
    try:
        return _open_server(engine, location)
    except BaseException:
        engine.dispose()
        raise


def _open_server(engine: Engine, location: Location) -> Engine:
    from sqlalchemy.exc import DBAPIError

    from beliefupdate.store.db_errors import check_server_version, connect_failure, user_error

    try:
        conn = engine.connect()
    except DBAPIError as e:
        raise (connect_failure(e, engine.url, location.display) or e) from None
    try:
        with conn, conn.begin():
            if engine.dialect.name == "postgresql":
                check_server_version(conn, location.display)
            made = _bring_up_to_date(engine, conn, location)
        if made is not None:  # now that the upgrade is committed, the journal's identity can be read
            from beliefupdate.store.server import backup

            backup.file_with_journal(engine, made)
    except DBAPIError as e:
        raise (user_error(e, location.display) or e) from None
    return engine


# Any fixed number: PostgreSQL advisory locks are named by numbers, this one by the app.
MIGRATION_LOCK = 0x42454C55


def _bring_up_to_date(engine: Engine, conn: Connection, location: Location) -> Path | None:
    """Create or upgrade the journal on a server, in the one transaction ``conn`` is in.

    An up-to-date journal, what nearly every opening finds, takes no lock. Devices that
    open a new or old journal at the same moment take turns (an advisory lock held until
    the transaction ends): the first creates or upgrades it, the others then find it up
    to date. A failed upgrade leaves the schema as it was, since PostgreSQL undoes the
    DDL with the transaction. An upgrade of a journal on a server is preceded by a
    snapshot of it; returns that snapshot's path.
    """
    if _revision(conn, location) == HEAD:
        return None
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        # Read again under the lock: another device may have just created or upgraded it.
        revision = _revision(conn, location)
        if revision == HEAD:
            return None
    else:
        revision = _revision(conn, location)
    made = None
    if revision is not None and conn.dialect.name == "postgresql":
        from beliefupdate.store.server import backup

        made = backup.backup_before_migration(engine, location, revision)
    from beliefupdate.store import migrate  # Alembic: only when there is something to create or upgrade

    migrate.upgrade(conn)
    return made


def _revision(conn: Connection, location: Location) -> str | None:
    """The journal's schema revision, None for an empty database; refuses another program's tables."""
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" in tables:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        check_revision(revision, location.display)
        return str(revision)
    if tables:
        raise JournalUnavailable(f"{location.display} holds another program's tables, not a beliefupdate journal")
    return None
