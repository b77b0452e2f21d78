"""Whether a journal's schema is exactly what its revision's migrations make.

A file can carry the application id and a known revision and still hold a
trigger that deletes credences, an extra index, or lack a table; SQLite would
run such a trigger on our writes. The schema is read from ``sqlite_master``
and SQLite's table-valued pragmas (cheap: no table is scanned) and compared
with the shape each revision should have, kept in ``schema_shapes`` so that
opening never imports Alembic to build it; a test rebuilds the shapes from the
migrations and checks they match.
"""

from __future__ import annotations

import sqlite3

from beliefupdate.store.schema_shapes import SHAPES

Shape = frozenset[tuple[object, ...]]

# SQLite's own tables (sqlite_stat1 after ANALYZE, say) are its business, not the schema's.
_OURS = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
_TABLES = f"sqlite_master m WHERE m.type = 'table' AND {_OURS}"
_QUERIES = (
    f"SELECT m.type, m.name, m.tbl_name FROM sqlite_master m WHERE {_OURS}",
    "SELECT 'column', m.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden"
    f" FROM {_TABLES.replace(' WHERE', ', pragma_table_xinfo(m.name) c WHERE', 1)}",
    "SELECT 'index of', m.name, i.name, i.\"unique\", i.origin, i.partial"
    f" FROM {_TABLES.replace(' WHERE', ', pragma_index_list(m.name) i WHERE', 1)}",
    "SELECT 'index column', i.name, k.seqno, k.name"
    f" FROM {_TABLES.replace(' WHERE', ', pragma_index_list(m.name) i, pragma_index_info(i.name) k WHERE', 1)}",
    # The id of a foreign key depends on the order a rebuild happened to list them in: left out.
    "SELECT 'foreign key', m.name, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete"
    f" FROM {_TABLES.replace(' WHERE', ', pragma_foreign_key_list(m.name) f WHERE', 1)}",
)


def shape_of(conn: sqlite3.Connection) -> Shape:
    return frozenset(tuple(row) for query in _QUERIES for row in conn.execute(query))


def schema_problem(conn: sqlite3.Connection, revision: str) -> str | None:
    """What is extra or missing in the schema for ``revision``, in words; None if it is exact."""
    want = SHAPES.get(revision)
    if want is None:
        return None
    got = shape_of(conn)
    if got == want:
        return None
    extra, missing = sorted(got - want, key=repr), sorted(want - got, key=repr)
    # Whole objects first: "an unexpected trigger evil" says more than the columns it touches.
    objects = [r for r in extra if r[0] in ("table", "index", "view", "trigger")]
    if objects:
        kind, name, table = objects[0][:3]
        return f"an unexpected {kind} {name}" + (f" on {table}" if kind in ("index", "trigger") else "")
    objects = sorted((r for r in missing if r[0] in ("table", "index")), key=lambda r: r[0] != "table")
    if objects:
        return f"its {objects[0][0]} {objects[0][1]} is missing"
    row = (extra or missing)[0]
    return f"its {'index' if row[0] == 'index column' else 'table'} {row[1]} is not as this app makes it"
