"""Where the journal lives: a path, a SQLAlchemy URL, or the platform's data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from beliefupdate.domain.text import check_encodable

ENV_VAR = "BELIEFUPDATE_DB"
DEFAULT_NAME = "journal.sqlite3"


@dataclass(frozen=True)
class Location:
    url: str
    path: Path | None  # the file, when the journal is a SQLite file

    @property
    def display(self) -> str:
        return str(self.path) if self.path else self.url

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.url.rsplit("/", 1)[-1]


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("beliefupdate", appauthor=False)) / DEFAULT_NAME


def resolve(spec: str | os.PathLike | None = None) -> tuple[Location, bool]:
    """Turn ``--db``, ``$BELIEFUPDATE_DB`` or nothing into a Location.

    Returns the location and whether it is the default one (whose folder we may create).
    """
    is_default = False
    if spec is None or str(spec) == "":
        spec = os.environ.get(ENV_VAR) or None
    if spec is None:
        spec = default_path()
        is_default = True
    text = check_encodable(str(spec), "the journal path")  # SQLite takes file names as UTF-8 only
    if "://" in text:
        from sqlalchemy.engine import make_url

        url = make_url(text)
        database = url.database or ""
        if url.get_backend_name() == "sqlite" and database not in ("", ":memory:") and not database.startswith("file:"):
            return _file(Path(database), url.query), is_default
        return Location(url=text, path=None), is_default
    return _file(Path(text)), is_default


def _file(path: Path, query=None) -> Location:
    # The URL is built, not pasted together: '?', '#' and '%' in a file name
    # would otherwise be read as URL syntax and open some other file.
    from sqlalchemy.engine import URL

    path = path.expanduser().absolute()
    return Location(url=URL.create("sqlite", database=str(path), query=query or {}).render_as_string(), path=path)
