"""Storage: SQLAlchemy models, engine set-up, migrations and the Journal service.

Only plain domain values leave this package.
"""
