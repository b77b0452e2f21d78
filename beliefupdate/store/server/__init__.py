"""A journal on a PostgreSQL server: its URL, its backups (kept on this computer) and putting one back."""
