"""The schema revisions this version of the app knows, without importing Alembic.

Opening an up-to-date journal must not pay for importing Alembic; a test checks
these against the migration scripts.
"""

from __future__ import annotations

from beliefupdate.domain.errors import JournalUnavailable

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
HEAD = KNOWN_REVISIONS[-1]

# PRAGMA application_id marks a SQLite file as a beliefupdate journal ("BELU").
APPLICATION_ID = 0x42454C55


def check_revision(revision: str, where: object) -> None:
    if revision not in KNOWN_REVISIONS:
        raise JournalUnavailable(
            f"{where} was written by a newer version of beliefupdate (schema {revision}); update beliefupdate to open it"
        )
