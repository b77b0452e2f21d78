"""Where the journal lives: a path, a SQLAlchemy URL, or the platform's data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from beliefupdate.domain.text import check_encodable
from beliefupdate.store.server.url import LOOKS_LIKE_URL, SECRET_OPTIONS, BadURL, check_server_url, redact, shown
from beliefupdate.store.server.url import mask_passwords as mask_passwords

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

        # From the URL without a password: libpq would take one in its query over this one.
        url = make_url(self.reopen_spec).set(password=password)
        return Location(url=url.render_as_string(hide_password=False), path=None)


def _url_without_password(url: str, *, mask: bool) -> str:
    from sqlalchemy.engine import URL, make_url

    parsed = make_url(url)
    if mask:
        # For people: the URL as they would write it, without the driver the app chose.
        shown = parsed.set(drivername=parsed.get_backend_name())
        return redact(shown.render_as_string(hide_password=False))
    # URL.set(password=None) means "leave it as it is", so the URL is built again without it;
    # libpq takes a password from the query too, which goes the same way.
    query = {k: v for k, v in parsed.query.items() if k.lower() not in SECRET_OPTIONS}
    bare = URL.create(parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, query)
    return bare.render_as_string(hide_password=False)


def _password_of(url: str) -> str | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.password is not None:
        return str(parsed.password)
    in_query = [v for k, v in parsed.query.items() if k.lower() == "password"]
    return str(in_query[0]) if in_query else None


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


def resolve(spec: str | os.PathLike[str] | None = None) -> tuple[Location, bool]:
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
    if LOOKS_LIKE_URL.match(text):
        raise BadURL(f"journal URL {shown(text)} is not a URL beliefupdate can read: a URL has '://' "
                     "after its scheme (postgresql://USER@HOST/DATABASE, sqlite:///PATH)")
    return _file(Path(text)), is_default


SUPPORTED = "a file path, sqlite:///PATH, or postgresql://... (pip install 'beliefupdate[postgres]')"


def _url_location(text: str) -> Location:
    """The Location of a URL; JournalUnavailable, quoting it with its password masked, if it cannot be one."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    where = shown(text)
    try:
        url = make_url(text)
        backend = url.get_backend_name()
    except ArgumentError:
        raise BadURL(f"journal URL {where} is not a URL beliefupdate can read; use {SUPPORTED}") from None
    except ValueError:  # SQLAlchemy reads the port as a number, whatever precedes it
        raise BadURL(f"journal URL {where} cannot be read: {_why_no_port(text)}") from None
    if backend == "sqlite":
        database = url.database or ""
        if database.startswith("file:") or url.query:
            # SQLite's own URI names and options would bypass every check made on
            # a journal file (and its backups); the plain path gets all of them.
            raise BadURL(
                f"journal URL {where}: SQLite URI file names and URL options are not supported; pass the plain file path"
            )
        if database not in ("", ":memory:"):
            return _file(Path(database))
        return Location(url=text, path=None)
    if backend == "postgres":  # the name libpq and most hosting services give it
        backend = "postgresql"
        url = url.set(drivername=url.drivername.replace("postgres", "postgresql", 1))
    if backend == "postgresql":
        if url.drivername not in ("postgresql", "postgresql+psycopg"):
            # What the server is asked, and how its errors are read, is psycopg's (store/db_errors.py).
            raise BadURL(f"journal URL {where}: beliefupdate reaches PostgreSQL through psycopg only; "
                           "write the URL as postgresql://...")
        url = url.set(drivername="postgresql+psycopg")  # the driver the postgres extra installs
    try:
        url.get_dialect().import_dbapi()
    except NoSuchModuleError:
        raise BadURL(f"journal URL {where}: {backend} URLs are not supported; use {SUPPORTED}") from None
    except ImportError:
        driver = url.get_driver_name()
        hint = "pip install 'beliefupdate[postgres]'" if driver == "psycopg" else f"install the {driver} driver"
        raise BadURL(f"journal URL {where}: {backend} support is not installed; {hint}") from None
    if backend == "postgresql":
        check_server_url(url, where)
    return Location(url=url.render_as_string(hide_password=False), path=None)


def _why_no_port(text: str) -> str:
    after_user = text.partition("://")[2].rpartition("@")[2]
    if after_user.startswith("[") and "]" not in after_user:
        return "an IPv6 address needs its closing ']' ([::1]:5432)"
    return ("the port after the host is not a number (a ':', '@' or '/' in a password is written "
            "%3A, %40 or %2F)")


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
