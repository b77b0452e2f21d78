"""The two backends a journal can live on, for tests: a SQLite file, and a database on the
throwaway PostgreSQL server that scripts/test starts (its admin URL in $BELIEFUPDATE_TEST_POSTGRES)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

ADMIN_ENV = "BELIEFUPDATE_TEST_POSTGRES"
MISSING_ENV = "BELIEFUPDATE_TEST_POSTGRES_MISSING"


def admin_url() -> str | None:
    return os.environ.get(ADMIN_ENV) or None


def why_no_server() -> str:
    reason = os.environ.get(MISSING_ENV) or f"${ADMIN_ENV} is not set (scripts/test starts a server and sets it)"
    return f"no PostgreSQL server: {reason}"


def _admin():
    import psycopg

    url = admin_url()
    assert url is not None
    return psycopg.connect(url, autocommit=True)


def new_database() -> str:
    """A fresh empty database on the test server; its URL (with the test password in it). Named for the
    pytest-xdist worker that made it (gw0, gw1, ...), so that one left behind by a killed run says whose it was."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"bu_{worker}_{uuid.uuid4().hex[:16]}"
    with _admin() as conn:
        # FILE_COPY: a third of WAL_LOG's time on a server without fsync.
        conn.execute(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY')
    url = admin_url()
    assert url is not None
    return url.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    name = url.rsplit("/", 1)[-1]
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# One database at the newest schema, emptied before each test that asks for a journal: creating
# and migrating a database costs about a second, emptying it a few milliseconds. Per process, so
# each pytest-xdist worker has one of its own (emptying it ends the connections to it).
_reused: list[str] = []


def journal_database() -> str:
    """An empty journal database at the newest schema, with a fresh identity (reused between tests)."""
    if _reused:
        try:
            _empty(_reused[0])
            return _reused[0]
        except Exception:  # a test changed it beyond emptying: start again with a new one
            drop_database(_reused.pop())
    url = new_database()
    from beliefupdate.store.journal import Journal

    Journal.open(url).close()
    _reused.append(url)
    return url


def _empty(url: str) -> None:
    import psycopg

    from beliefupdate.store.schema_versions import HEAD

    name = url.rsplit("/", 1)[-1]
    with _admin() as admin:
        # A connection a test left open (a window, a listener) must not hold a lock on a table.
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
    with psycopg.connect(url, autocommit=True) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != HEAD:
            raise RuntimeError(f"the reused test database is at {revision}, not {HEAD}")
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            " AND tablename NOT IN ('alembic_version', 'journal_identity')"
        )]
        conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        conn.execute("UPDATE journal_identity SET uuid = %s", (str(uuid.uuid4()),))


def drop_reused() -> None:
    while _reused:
        drop_database(_reused.pop())


@contextmanager
def database() -> Iterator[str]:
    url = new_database()
    try:
        yield url
    finally:
        drop_database(url)


def journal_state(db: str) -> str:
    """A digest of everything a journal holds: a file's bytes, or a server database's records
    with their versions. Equal before and after: nothing was written."""
    import hashlib

    if "://" not in db:
        # The write-ahead log beside the file too: a commit lands there first.
        digest = hashlib.sha256()
        for part in (db, db + "-wal"):
            if os.path.exists(part):
                with open(part, "rb") as f:
                    digest.update(f.read())
        return digest.hexdigest()
    from beliefupdate.store.journal import Journal

    with Journal.open(db) as j:
        data = j.export_data()
    versions = [(p.id, p.version) for p in data.propositions] + [(c.id, c.version) for c in data.conversations]
    return hashlib.sha256(repr((data, versions)).encode()).hexdigest()
