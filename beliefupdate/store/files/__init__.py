"""A journal kept in a SQLite file: the checks that it is one of ours, its identity, its
write-ahead log, its backups beside it and putting one back, and creating or upgrading it."""
