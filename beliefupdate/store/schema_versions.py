"""The schema revisions this version of the app knows, without importing Alembic.

Opening an up-to-date journal must not pay for importing Alembic; a test checks
these against the migration scripts.
"""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
HEAD = KNOWN_REVISIONS[-1]

# PRAGMA application_id marks a SQLite file as a beliefupdate journal ("BELU").
APPLICATION_ID = 0x42454C55
