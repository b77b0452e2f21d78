"""What a database driver's error means for a journal on a server: which ServerUnavailable, if any.

Errors a server sends with a statement carry a SQLSTATE, and are mapped by it. libpq
gives none for a failure while connecting (it hands over the server's message only), so
there the connection's own state says "no password was given", and the server's
wording tells a refused password and a missing database from a server that could not be
reached. Every message names the journal by its display form: never a password.
"""

from __future__ import annotations

from beliefupdate.domain.errors import ServerUnavailable

# Class 08 (connection exception) and the server going away under us.
_LOST_STATES = {"57P01", "57P02", "57P05"}  # admin shutdown, crash shutdown, idle session timeout
_STATES = {
    "28P01": ServerUnavailable.AUTH,  # invalid password
    "28000": ServerUnavailable.AUTH,  # invalid authorization (no pg_hba.conf entry, for one)
    "3D000": ServerUnavailable.NO_DATABASE,
    "57P03": ServerUnavailable.UNREACHABLE,  # cannot connect now (starting up, shutting down)
    "53300": ServerUnavailable.UNREACHABLE,  # too many connections
}

# The server's words while connecting, for want of a SQLSTATE there (see the module's doc).
_CONNECT_WORDS = (
    (("password authentication failed",), ServerUnavailable.AUTH),
    (("no password supplied",), ServerUnavailable.AUTH),
    (('database "', "does not exist"), ServerUnavailable.NO_DATABASE),
)


def server_error(exc: BaseException, where: str) -> ServerUnavailable | None:
    """The ServerUnavailable that ``exc`` means for the journal shown as ``where`` (Location.display).

    ``exc`` is a SQLAlchemy DBAPIError or the driver's own error; None when it is not about
    the server being unusable (a constraint, a bad statement: a bug or a user error).
    """
    orig = getattr(exc, "orig", None) or exc
    try:
        import psycopg
    except ImportError:
        return None
    if not isinstance(orig, psycopg.Error):
        return None
    state = orig.sqlstate
    if state:
        if state in _STATES:
            reason = _STATES[state]
        elif state.startswith("08") or state in _LOST_STATES:
            reason = ServerUnavailable.LOST
        else:
            return None
        return _unavailable(reason, where, orig)
    if not isinstance(orig, psycopg.OperationalError):
        return None
    pgconn = orig.pgconn
    if pgconn is not None and pgconn.needs_password:
        return _unavailable(ServerUnavailable.AUTH, where, orig, no_password=True)
    if _while_connecting(orig):
        words = str(orig)
        reason = next((r for ws, r in _CONNECT_WORDS if all(w in words for w in ws)), ServerUnavailable.UNREACHABLE)
        return _unavailable(reason, where, orig)
    return _unavailable(ServerUnavailable.LOST, where, orig)


def _while_connecting(orig) -> bool:
    # A connection that never came up has no backend process on the server.
    pgconn = orig.pgconn
    return pgconn is None or not pgconn.backend_pid or str(orig).startswith(("connection failed", "failed to resolve"))


def _unavailable(reason: str, where: str, orig, *, no_password: bool = False) -> ServerUnavailable:
    if reason == ServerUnavailable.AUTH:
        text = (f"the server of {where} asks for a password" if no_password
                else f"the server of {where} did not accept the password")
    elif reason == ServerUnavailable.NO_DATABASE:
        text = f"{where}: the server has no such database"
    elif reason == ServerUnavailable.UNREACHABLE:
        text = f"cannot reach the server of {where}: {_detail(orig)}"
    else:
        text = f"lost the connection to the server of {where}; what was being saved was not saved"
    return ServerUnavailable(text, reason)


def _detail(orig) -> str:
    """The driver's last words on one line ('Connection refused', 'Name or service not known')."""
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    first = lines[0] if lines else type(orig).__name__
    return first.rsplit(" failed: ", 1)[-1]
