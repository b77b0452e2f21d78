"""Taking turns with other devices for a decision that reads the journal and then writes on what it read.

On PostgreSQL two devices deciding at once each read the journal as it was before
either wrote, and both go ahead: the same number twice, a loop of crux links that each
device alone would have refused. A transaction-level advisory lock named after the
decision makes them take turns from the read to the commit; the second device then
reads what the first wrote (each statement of a READ COMMITTED transaction sees every
commit before it). SQLite's writers already take turns for the whole transaction
(BEGIN IMMEDIATE, store/engine.py), so there is nothing to do there.
"""

from __future__ import annotations

import zlib

from sqlalchemy import text
from sqlalchemy.orm import Session


def take_turn(s: Session, decision: str) -> None:
    """Hold the right to make ``decision`` until this transaction ends; call it before the read it rests on."""
    if s.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"beliefupdate {decision}".encode())
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
