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
    """A fresh empty database on the test server; its URL (with the test password in it)."""
    name = f"bu_{uuid.uuid4().hex[:16]}"
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
        with open(db, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    from beliefupdate.store.journal import Journal

    with Journal.open(db) as j:
        data = j.export_data()
    versions = [(p.id, p.version) for p in data.propositions] + [(c.id, c.version) for c in data.conversations]
    return hashlib.sha256(repr((data, versions)).encode()).hexdigest()
