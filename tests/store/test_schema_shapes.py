"""The schema shapes a journal is checked against are the ones the migrations make.

When a migration is added, regenerate beliefupdate/store/schema_shapes.py with

    .venv/bin/python scripts/schema_shapes.py
"""

from __future__ import annotations

import runpy
from pathlib import Path

from beliefupdate.store.schema_shapes import SHAPES
from beliefupdate.store.schema_versions import KNOWN_REVISIONS

GENERATOR = runpy.run_path(str(Path(__file__).resolve().parents[2] / "scripts" / "schema_shapes.py"))


def test_the_shapes_are_those_the_migrations_make(tmp_path):
    assert list(SHAPES) == list(KNOWN_REVISIONS)
    written = GENERATOR["MODULE"].read_text(encoding="utf-8")
    assert written == GENERATOR["render"](GENERATOR["migrated_shapes"](tmp_path)), (
        "regenerate with: .venv/bin/python scripts/schema_shapes.py")
