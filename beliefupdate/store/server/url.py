"""What may be said about a journal URL, and what is checked in it before anything connects.

A URL that cannot be parsed is still quoted in the message that refuses it, so its password
is masked by its shape, never by a parse that may have failed. A server URL's port and
options are checked here, in one line each, because libpq reports a bad one only when the
connection fails, where it reads like a server that refused the login.
"""

from __future__ import annotations

import re
from typing import Any

from beliefupdate.domain.errors import InvalidInput, JournalUnavailable


class BadURL(JournalUnavailable, InvalidInput):
    """A journal URL that names no journal beliefupdate can open: a mistake in what was typed
    (a command exits 2 on it; a window offers another journal)."""


# libpq takes a password from the query too (?password=...); sslpassword unlocks a key.
SECRET_OPTIONS = ("password", "sslpassword")
_SECRET_IN_QUERY = re.compile(r"(?i)([?&](?:" + "|".join(SECRET_OPTIONS) + r")=)[^&#\s'\"]*")
# In a log line or a traceback: the user, then everything up to the last '@' of the word, since
# a password may hold '@', ':' and '/' (a URL that makes no sense still names its password so).
_PASSWORD_IN_TEXT = re.compile(r"(\b[A-Za-z][\w+.-]*://[^\s:/@]*:)\S*@")

_TYPO_SCHEME = re.compile(r"([^:/?#@\s]*)(:/*|//|)(.*)", re.DOTALL)
# What a journal URL starts with, for telling one written with a typo ("postgresql:/user:pw@host")
# from a file name: such a "file" would be named, password and all, in every message about it.
LOOKS_LIKE_URL = re.compile(r"(?i)(?:postgres|postgresql|sqlite|mysql|mariadb|oracle|mssql)(?:\+\w+)?(?::|//)")

# Longer than any URL a person types: the rest of a pasted one is left out of a message.
SHOWN_CHARS = 300


def redact(url: str) -> str:
    """``url`` (the whole text is one URL, well formed or not) with its passwords masked."""
    text = _SECRET_IN_QUERY.sub(r"\1***", url)
    if "://" in text:
        scheme, sep, rest = text.partition("://")
    else:  # a typo of it: ':/', ':' or '//'
        scheme, sep, rest = _TYPO_SCHEME.match(text).groups()  # type: ignore[union-attr]  # it matches anything
        if not sep:
            return text
    # Whatever precedes the last '@' is the user and password, even where that '@' is in a
    # password or an option: more is masked then, never less.
    at = rest.rfind("@")
    if at >= 0 and ":" in rest[:at]:
        user = rest[:at].split(":", 1)[0]
        rest = f"{user}:***{rest[at:]}"
    return f"{scheme}{sep}{rest}"


def mask_passwords(text: str) -> str:
    """``text`` (a log line, a traceback) with the password of every URL in it masked."""
    return _PASSWORD_IN_TEXT.sub(r"\1***@", _SECRET_IN_QUERY.sub(r"\1***", text))


def shown(url: str) -> str:
    """``url`` as a message quotes it: masked, on one line, and not endless."""
    text = " ".join(redact(url).split())
    return repr(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…")


# libpq's options that take one of a few words or a whole number (libpq's "Parameter Key Words").
# libpq itself says an unknown option is unknown; their values it checks only when connecting.
_CHOICES = {
    "sslmode": ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    "gssencmode": ("disable", "prefer", "require"),
    "channel_binding": ("disable", "prefer", "require"),
    "target_session_attrs": ("any", "read-write", "read-only", "primary", "standby", "prefer-standby"),
    "load_balance_hosts": ("disable", "random"),
    "sslnegotiation": ("postgres", "direct"),
    "sslcertmode": ("disable", "allow", "require"),
    "ssl_min_protocol_version": ("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"),
    "ssl_max_protocol_version": ("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"),
}
_WHOLE_NUMBERS = ("port", "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
                  "tcp_user_timeout", "sslcompression", "sslsni")
_NUMBER = re.compile(r"\s*\d{1,9}\s*")
# A name (in any script), an IPv4 address, or an IPv6 one with its zone (fe80::1%eth0).
_HOST = re.compile(r"[\w.:%-]*")


def check_server_url(url: Any, where: str) -> None:
    """Refuse, as BadURL, a server URL (a SQLAlchemy URL, quoted as ``where``) whose
    host, port or options could not work, before any connection is tried."""
    host = url.host or ""
    if "[" in host or "]" in host:
        raise BadURL(f"journal URL {where}: the host {host!r} has an unmatched '[' or ']' (an IPv6 "
                                 "address is written [::1])")
    if not _HOST.fullmatch(host):
        # Quoting it could quote part of a password: an unencoded '@' in one moves the host into it.
        raise BadURL(f"journal URL {where}: its host is not a host name (an '@', ':' or '/' in a password "
                     "is written %40, %3A or %2F)")
    if url.port is not None and not 0 < url.port < 65536:
        raise BadURL(f"journal URL {where}: the port {url.port} is not one from 1 to 65535")
    for key, value in url.query.items():
        if not isinstance(value, str):
            raise BadURL(f"journal URL {where}: the option {key} is given {len(value)} times")
        _check_option(key, value, where)


def _check_option(key: str, value: str, where: str) -> None:
    from psycopg import ProgrammingError
    from psycopg.conninfo import make_conninfo

    try:
        make_conninfo(**{key: value})  # libpq's own list of the options it knows
    except ProgrammingError:
        raise BadURL(f"journal URL {where}: {key!r} is not a PostgreSQL connection option") from None
    if key in SECRET_OPTIONS:
        return
    said = repr(value) if len(value) <= 40 else repr(value[:40] + "…")
    if key in _CHOICES and value not in _CHOICES[key]:
        raise BadURL(f"journal URL {where}: {key} {said} is not one of {', '.join(_CHOICES[key])}")
    if key in _WHOLE_NUMBERS and not _NUMBER.fullmatch(value):
        raise BadURL(f"journal URL {where}: {key} {said} is not a whole number")
