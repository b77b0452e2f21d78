"""Backups of a journal on a database server, kept on this computer.

They go where a file journal's do, in a ``backups/<its UUID>/`` folder, that
folder being the one beside the default journal in the app's data folder (a
server journal has no file to put them beside). Each is one consistent
snapshot:

- ``pg_dump`` in plain SQL, when it is on PATH and at least as new as the
  server (an older pg_dump refuses a newer server). Plain SQL rather than the
  custom format: a journal is small, so compression buys little, and a plain
  dump can be read, searched and put back by hand with nothing but psql; the
  app restores it itself (restore.py).
- else every table's rows as stored (``beliefupdate-tables`` JSON), read in one
  REPEATABLE READ, read-only transaction, so it is one moment of the journal.
  Not the export format: that belongs to interchange, which the store must
  not know, and it reads the schema the app expects, which a journal about to
  be upgraded does not have yet; this one holds the journal whole, at its
  schema revision, identity included.

Point-in-time recovery and replication are the server's business, not these copies'.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import MetaData, inspect, select, text
from sqlalchemy.engine import URL, Connection, Engine, make_url

from beliefupdate.domain.errors import UserError
from beliefupdate.store.atomic import disk_errors, fsync
from beliefupdate.store.backups import (
    BACKUPS_FOLDER,
    Backup,
    BackupKind,
    canonical,
    free_name,
    make_folder,
    newest_first,
    scan,
)
from beliefupdate.store.location import Location, default_path

log = logging.getLogger(__name__)

SUFFIXES = ("sql", "json")
TABLES_FORMAT = "beliefupdate-tables"


def shared_dir() -> Path:
    """The local folder holding each server journal's backups folder."""
    return default_path().parent / BACKUPS_FOLDER


def server_identity(conn: Connection) -> str | None:
    """The UUID inside the journal on the server; None before schema 0003 gave it one."""
    if "journal_identity" not in inspect(conn).get_table_names():
        return None
    return canonical(conn.execute(text("SELECT uuid FROM journal_identity WHERE id = 1")).scalar())


def backups_dir(identity: str | None) -> Path:
    return shared_dir() / identity if identity else shared_dir()


def stem(location: Location) -> str:
    # The database's name, made safe to be part of a file name.
    return re.sub(r"[^\w.-]", "_", location.name) or "journal"


def list_server_backups(engine: Engine, location: Location) -> list[Backup]:
    with engine.connect() as conn:
        identity = server_identity(conn)
    return list_in(identity, location)


def list_in(identity: str | None, location: Location) -> list[Backup]:
    found = []
    if identity:
        found += scan(backups_dir(identity), stem=None, before_identity=False, suffixes=SUFFIXES)
    else:
        found += scan(shared_dir(), stem=stem(location), before_identity=True, suffixes=SUFFIXES)
    return newest_first(found)


def make_server_backup(
    engine: Engine,
    location: Location,
    kind: BackupKind,
    *,
    target: Path | None = None,
    from_revision: str | None = None,
    conn: Connection | None = None,
) -> Backup:
    """A snapshot of the journal, into its backups folder or to ``target``.

    ``conn``: a transaction of the caller's that has kept writers out (restore);
    without pg_dump the snapshot is read in it, so that it is what that transaction sees.
    """
    now = datetime.now(UTC)
    with contextlib.ExitStack() as stack:
        if conn is None:
            conn = stack.enter_context(
                engine.connect().execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            )
        identity = server_identity(conn)
        use_pg_dump = pg_dump_usable(conn)
        suffix = "sql" if use_pg_dump else "json"
        if target is None:
            folder = backups_dir(identity)
            with disk_errors(shared_dir()):
                shared_dir().parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            for level in (shared_dir(), folder):
                make_folder(level)
            target = free_name(folder, stem(location), kind, now, suffix, from_revision=from_revision)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            with disk_errors(target):
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as f:
                    if use_pg_dump:
                        _pg_dump(location, f)
                    else:
                        f.write(_json_snapshot(conn))
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, target)
                with contextlib.suppress(OSError):
                    fsync(target.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return Backup(target, kind, now.replace(microsecond=0), target.stat().st_size, from_revision)


def backup_before_migration(engine: Engine, location: Location, from_revision: str) -> Path:
    """The snapshot an upgrade is preceded by; see file_with_journal for one made before schema 0003."""
    return make_server_backup(engine, location, BackupKind.BEFORE_MIGRATION, from_revision=from_revision).path


def file_with_journal(engine: Engine, made: Path) -> Path:
    """Move a copy made before the journal had an identity, into the folder of the one
    the upgrade gave it; should the move fail, the copy stays where it was made."""
    with engine.connect() as conn:
        identity = server_identity(conn)
    if identity is None or made.parent != shared_dir():
        return made
    target = backups_dir(identity) / made.name
    try:
        make_folder(target.parent)
        os.replace(made, target)
    except (OSError, UserError) as e:
        log.warning("could not move %s into %s: %s", made, target.parent, e)
        return made
    return target


def pg_dump_usable(conn: Connection) -> bool:
    mine = pg_dump_major()
    server = conn.dialect.server_version_info
    return mine is not None and server is not None and isinstance(server[0], int) and mine >= server[0]


def pg_dump_major() -> int | None:
    """pg_dump's major version, or None if there is none on PATH."""
    program = shutil.which("pg_dump")
    if program is None:
        return None
    try:
        said = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"\)\s*(\d+)", said)
    return int(m[1]) if m else None


def libpq_target(location: Location) -> tuple[str, dict[str, str]]:
    """The server as libpq's tools take it: a URL without the password, which goes into
    their environment instead, as a command line can be read by every user of the machine."""
    url = make_url(location.url)
    bare = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return bare.render_as_string(hide_password=False), env


def _pg_dump(location: Location, out: IO[bytes]) -> None:
    dbname, env = libpq_target(location)
    command = ["pg_dump", "--format=plain", "--clean", "--if-exists", "--no-owner", "--no-privileges",
               "--dbname", dbname]
    done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=env, text=True)
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.strip()]
        raise UserError(f"pg_dump could not back up {location.display}: {said[-1] if said else 'no reason given'}")


def _json_snapshot(conn: Connection) -> bytes:
    return (json.dumps(_tables(conn), ensure_ascii=False, indent=2, default=_plain) + "\n").encode("utf-8")


def _tables(conn: Connection) -> dict[str, Any]:
    """Every table's rows as stored, whatever the schema's revision."""
    meta = MetaData()
    meta.reflect(conn)
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return {
        "format": TABLES_FORMAT,
        "revision": revision,
        "tables": {
            t.name: {"columns": list(t.columns.keys()), "rows": [list(r) for r in conn.execute(select(t))]}
            for t in meta.sorted_tables
        },
    }


def _plain(value: object) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a table snapshot")
