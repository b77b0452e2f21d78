"""Where the journal lives: a path, a SQLAlchemy URL, or the platform's data folder."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.text import check_encodable

ENV_VAR = "BELIEFUPDATE_DB"
DEFAULT_NAME = "journal.sqlite3"


@dataclass(frozen=True)
class Location:
    url: str
    path: Path | None  # the file, when the journal is a SQLite file

    @property
    def display(self) -> str:
        """For people: the path, or the URL with any password masked (titles, messages, logs)."""
        if self.path:
            return str(self.path)
        return _url_without_password(self.url, mask=True)

    @property
    def reopen_spec(self) -> str:
        """What to remember for opening it again (recent files, settings): never a password,
        which then comes from ~/.pgpass, $PGPASSWORD or a prompt."""
        if self.path:
            return str(self.path)
        return _url_without_password(self.url, mask=False)

    @property
    def in_memory(self) -> bool:
        """A SQLite journal in memory: it lives on one connection, in one thread."""
        return self.path is None and self.url.startswith("sqlite")

    @property
    def has_password(self) -> bool:
        return self.path is None and _password_of(self.url) is not None

    @property
    def name(self) -> str:
        return self.path.stem if self.path else (_database_of(self.url) or self.display)

    def with_password(self, password: str) -> Location:
        from sqlalchemy.engine import make_url

        return Location(url=make_url(self.url).set(password=password).render_as_string(hide_password=False), path=None)


_PASSWORD_IN_URL = re.compile(r"(\b[A-Za-z][\w+.-]*://[^\s:/@]*:)[^\s@/]+@")


def mask_passwords(text: str) -> str:
    """``text`` with the password of every URL in it masked, for what is written down (logs, reports)."""
    return _PASSWORD_IN_URL.sub(r"\1***@", text)


def _url_without_password(url: str, *, mask: bool) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.password is None:
        return parsed.render_as_string(hide_password=False)
    if mask:
        return parsed.render_as_string(hide_password=True)
    # URL.set(password=None) means "leave it as it is", so the URL is built again without it.
    from sqlalchemy.engine import URL

    bare = URL.create(parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query)
    return bare.render_as_string(hide_password=False)


def _password_of(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    password = make_url(url).password
    return None if password is None else str(password)


def _database_of(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    return make_url(url).database


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("beliefupdate", appauthor=False)) / DEFAULT_NAME


def cache_folder() -> Path:
    """Where what can be made again is kept (integrity passes, the window's snapshots): losing it loses nothing."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("beliefupdate", appauthor=False))


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
        return _url_location(text), is_default
    return _file(Path(text)), is_default


SUPPORTED = "a file path, sqlite:///PATH, or postgresql://... (pip install 'beliefupdate[postgres]')"


def _url_location(text: str) -> Location:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        url = make_url(text)
        backend = url.get_backend_name()
    except ArgumentError:
        raise InvalidInput(f"journal URL {text!r} is not a URL beliefupdate can read; use {SUPPORTED}") from None
    if backend == "sqlite":
        database = url.database or ""
        if database.startswith("file:") or url.query:
            # SQLite's own URI names and options would bypass every check made on
            # a journal file (and its backups); the plain path gets all of them.
            raise InvalidInput(
                f"journal URL {text!r}: SQLite URI file names and URL options are not supported; pass the plain file path"
            )
        if database not in ("", ":memory:"):
            return _file(Path(database))
        return Location(url=text, path=None)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # the driver the postgres extra installs
    try:
        url.get_dialect().import_dbapi()
    except NoSuchModuleError:
        raise InvalidInput(f"journal URL {text!r}: {backend} URLs are not supported; use {SUPPORTED}") from None
    except ImportError:
        driver = url.get_driver_name()
        hint = "pip install 'beliefupdate[postgres]'" if driver == "psycopg" else f"install the {driver} driver"
        raise InvalidInput(f"journal URL {text!r}: {backend} support is not installed; {hint}") from None
    return Location(url=url.render_as_string(hide_password=False), path=None)


def _file(path: Path) -> Location:
    path = path.expanduser().absolute()
    return Location(url=file_url(path), path=path)


def file_url(path: Path) -> str:
    """The URL SQLAlchemy renders for the file (URL.create("sqlite", database=path)), built as it
    builds it but without loading it: the window paints its first picture before SQLAlchemy loads.
    Quoted, not pasted together: '?', '#' and '%' in a file name would otherwise be read as URL
    syntax and open some other file."""
    from urllib.parse import quote

    return "sqlite:///" + quote(str(path), safe=" +/")
