"""Putting a backup back into a journal on a database server.

All in one transaction, which first keeps writers out (EXCLUSIVE locks on the
journal's tables: readers, pg_dump among them, go on), then saves the journal
as it is, then replaces its content and announces the change. Nothing another
device writes can fall between the saved copy and the restore, and if
anything fails nothing is half-written: the journal stays as it was.

A pg_dump backup is run by the app itself, its COPY blocks fed through the
driver, so psql is not needed; a snapshot of the tables has its schema made
by the migrations up to its revision and its rows put back as they were.
Either is then brought up to date in the same transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, MetaData, insert, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from beliefupdate.domain.errors import InvalidInput, JournalUnavailable, UserError
from beliefupdate.store.backups import BackupKind, RestoreResult
from beliefupdate.store.location import Location
from beliefupdate.store.schema_versions import check_revision
from beliefupdate.store.server.backup import (
    TABLES_FORMAT,
    backups_dir,
    list_in,
    make_server_backup,
    server_identity,
    shared_dir,
)
from beliefupdate.store.watch import announce_change

_COPY = re.compile(r"^COPY (\S+) \(.*\) FROM stdin;$")


@dataclass(frozen=True)
class _Tables:
    """A snapshot of every table's rows (backup.py, without pg_dump)."""

    revision: str
    tables: dict[str, tuple[list[str], list[list[Any]]]]
    identity: str | None


@dataclass(frozen=True)
class _Dump:
    """A plain pg_dump script: SQL between COPY blocks, each block with its rows."""

    steps: list[tuple[str, str | None]]  # (SQL, or a COPY statement with its rows)
    identity: str | None


def find_server_backup(engine: Engine, location: Location, ref: str) -> Path:
    """A backup named by its path, its file name in the backups folder, or its number (1 = newest)."""
    given = Path(ref).expanduser()
    if given.is_file():
        return given.absolute()
    with engine.connect() as conn:
        identity = server_identity(conn)
    if (backups_dir(identity) / ref).is_file():
        return backups_dir(identity) / ref
    backups = list_in(identity, location)
    if ref.strip().isascii() and ref.strip().isdigit():
        n = int(ref)
        if 1 <= n <= len(backups):
            return backups[n - 1].path
        raise InvalidInput(f"there is no backup #{n}; {len(backups)} backups are in {backups_dir(identity)}")
    raise InvalidInput(f"no backup {ref!r}: give a file, or a number from the list of backups")


def check_server_backup(engine: Engine, location: Location, backup: Path, other_journal: bool) -> None:
    """Refuse, before anything is asked or written, a backup that cannot be restored here."""
    _read(engine, location, backup, other_journal)


def restore_on_server(engine: Engine, location: Location, backup: Path, *, other_journal: bool = False) -> RestoreResult:
    backup = backup.absolute()
    content, keep = _read(engine, location, backup, other_journal)
    with engine.connect() as conn:
        mine = server_identity(conn)
    with engine.connect() as conn:
        try:
            with conn.begin():
                tables = inspect(conn).get_table_names()
                conn.execute(text(f"LOCK TABLE {', '.join(_quoted(t) for t in tables)} IN EXCLUSIVE MODE"))
                saved = make_server_backup(engine, location, BackupKind.BEFORE_RESTORE, conn=conn)
                if isinstance(content, _Dump):
                    _run_dump(conn, tables, content, backup.name)
                else:
                    _put_tables(conn, tables, content, backup.name)
                _bring_up_to_date(conn, identity=keep or content.identity or mine)
                if keep is not None:
                    conn.execute(text("UPDATE journal_identity SET uuid = :u WHERE id = 1"), {"u": keep})
                with Session(bind=conn) as s:
                    announce_change(s)
        finally:
            # The dump sets session settings (an empty search_path among them) that must not outlive it.
            conn.invalidate()
    return RestoreResult(backup, saved.path)


def _read(engine: Engine, location: Location, backup: Path, other_journal: bool) -> tuple[_Dump | _Tables, str | None]:
    """The backup's content, and the identity the journal must keep (None: the backup's own)."""
    if not backup.is_file():
        raise InvalidInput(f"no backup at {backup}")
    with engine.connect() as conn:
        mine = server_identity(conn)
    raw = backup.read_bytes()
    name = backup.name
    if raw.startswith(b"SQLite format 3\x00"):
        raise InvalidInput(
            f"{name} is a copy of a journal file; to bring its records here, run 'beliefupdate --db FILE copy-to URL'"
        )
    content = _parse_tables(raw, name) if raw.lstrip().startswith(b"{") else _parse_dump(raw, name)
    theirs = content.identity
    # A copy from before journals had an identity is the journal's if it is in the journal's folder.
    ours = mine is not None and (theirs == mine or (theirs is None and backup.parent == shared_dir() / mine))
    if not ours and not other_journal and (theirs is not None or mine is not None):
        raise InvalidInput(
            f"{name} is not a backup of {location.display}, or cannot be told to be one; "
            "to restore it anyway, add --other-journal"
        )
    return content, (mine if theirs is not None and theirs != mine else None)


def _parse_tables(raw: bytes, name: str) -> _Tables:
    try:
        obj = json.loads(raw.decode("utf-8"))
        if obj.get("format") != TABLES_FORMAT:
            raise ValueError(obj.get("format"))
        check_revision(obj["revision"], name)
        tables = {t: (list(v["columns"]), [list(r) for r in v["rows"]]) for t, v in obj["tables"].items()}
        identity = next((row[1] for row in tables.get("journal_identity", ([], []))[1]), None)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        raise InvalidInput(f"{name} is neither a pg_dump of a journal nor a snapshot of one") from None
    return _Tables(obj["revision"], tables, identity)


def _parse_dump(raw: bytes, name: str) -> _Dump:
    try:
        lines = raw.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is neither a pg_dump of a journal nor a snapshot of one") from None
    if not any(line.startswith("-- PostgreSQL database dump") for line in lines[:5]):
        raise InvalidInput(f"{name} is neither a pg_dump of a journal nor a snapshot of one")
    steps: list[tuple[str, str | None]] = []
    sql: list[str] = []
    identity = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _COPY.match(line.rstrip("\n"))
        if m:
            end = lines.index("\\.\n", i + 1) if "\\.\n" in lines[i + 1:] else None
            if end is None:
                raise InvalidInput(f"{name} is cut short: a table's rows do not end")
            steps.append(("".join(sql), None))
            sql = []
            rows = "".join(lines[i + 1 : end])
            steps.append((line.rstrip("\n").rstrip(";"), rows))
            if m[1] == "public.journal_identity" and rows:
                identity = rows.split("\t")[1].strip()
            i = end + 1
            continue
        if not line.startswith("\\"):  # psql's own commands (\restrict) are for psql, not the server
            sql.append(line)
        i += 1
    steps.append(("".join(sql), None))
    if not any("CREATE TABLE public.alembic_version" in s for s, _ in steps):
        raise JournalUnavailable(f"{name} is not a dump of a beliefupdate journal")
    return _Dump(steps, identity)


def _run_dump(conn: Connection, tables: list[str], dump: _Dump, name: str) -> None:
    import psycopg  # only a server journal comes here, and one needs the driver

    # Whatever the journal holds now goes, not just what the dump names: a table a newer
    # schema added would otherwise stay beside the older ones the dump brings back.
    if tables:
        conn.execute(text(f"DROP TABLE IF EXISTS {', '.join(_quoted(t) for t in tables)} CASCADE"))
    search_path = conn.execute(text("SHOW search_path")).scalar()
    raw = conn.connection.driver_connection
    assert raw is not None  # an open connection has one
    try:
        with raw.cursor() as cur:
            for statement, rows in dump.steps:
                if rows is None:
                    if statement.strip():
                        cur.execute(statement)
                else:
                    with cur.copy(statement) as copy:
                        copy.write(rows)
        # The dump empties search_path for itself; what follows finds, and makes, tables where they were.
        conn.execute(text("SELECT pg_catalog.set_config('search_path', :p, false)"), {"p": search_path})
    except psycopg.Error as e:
        said = str(e).strip().splitlines()
        raise UserError(
            f"{name} could not be restored ({said[0] if said else type(e).__name__}); the journal was left as it was"
        ) from None


def _bring_up_to_date(conn: Connection, *, identity: str | None) -> None:
    """Upgrade a dump of an older schema here and now, keeping the journal's identity; the
    dump itself is the copy an upgrade is otherwise preceded by."""
    from beliefupdate.store import migrate
    from beliefupdate.store.schema_versions import HEAD

    if conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() != HEAD:
        migrate.upgrade(conn, identity=identity)


def _put_tables(conn: Connection, tables: list[str], snapshot: _Tables, name: str) -> None:
    """The schema at the snapshot's revision, made afresh, filled with its rows as they were."""
    from beliefupdate.store import migrate

    if tables:
        conn.execute(text(f"DROP TABLE IF EXISTS {', '.join(_quoted(t) for t in tables)} CASCADE"))
    migrate.upgrade(conn, snapshot.revision)
    meta = MetaData()
    meta.reflect(conn)
    ordered = meta.sorted_tables
    for table in reversed(ordered):  # what the migrations wrote (the identity, the revision) goes too
        conn.execute(table.delete())
    for table in ordered:
        if table.name not in snapshot.tables:
            raise InvalidInput(f"{name} has no table {table.name}; nothing was restored")
        columns, rows = snapshot.tables[table.name]
        times = {c.name for c in table.columns if isinstance(c.type, DateTime)}
        values = [
            {c: (datetime.fromisoformat(v) if c in times and v is not None else v) for c, v in zip(columns, row, strict=True)}
            for row in rows
        ]
        if values:
            conn.execute(insert(table), values)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
