"""Storage: SQLAlchemy models, engine set-up, migrations and the Journal service.

Only plain domain values leave this package. The Journal (journal/) is the way in; what
is particular to a journal kept in a SQLite file is in files/, to one on a PostgreSQL
server in server/, and backups.py says what a backup is wherever the journal lives.
"""
