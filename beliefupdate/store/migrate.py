"""Running Alembic on an open connection. Imported only when a migration is due."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("beliefupdate.store") / "migrations"))
    config.attributes["connection"] = connection
    return config


def script_revisions() -> list[str]:
    """All revisions, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def upgrade(connection: Connection, target: str = "head", *, identity: str | None = None) -> None:
    """``identity``: the UUID revision 0003 gives the journal (a fresh one if None)."""
    config = alembic_config(connection)
    config.attributes["journal_uuid"] = identity
    command.upgrade(config, target)
