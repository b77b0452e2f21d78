"""Errors a user can cause and fix, as opposed to bugs."""


class UserError(Exception):
    """A mistake in what the user asked for; the message is shown as is, on one line."""


class NotFound(UserError):
    pass


class Ambiguous(UserError):
    pass


class InvalidInput(UserError):
    pass


class JournalUnavailable(UserError):
    """The journal cannot be opened (not a journal, newer version, unreadable...).

    The file has not been touched when this is raised.
    """


class ServerUnavailable(JournalUnavailable):
    """The database server holding the journal cannot be used right now: it refused the
    password, cannot be reached, has no such database, went away, or is too old.

    ``reason`` is one of AUTH, UNREACHABLE, NO_DATABASE, LOST, TOO_OLD, so that a window
    can offer what fits (ask for the password again, retry, open another journal).
    """

    AUTH = "auth"
    UNREACHABLE = "unreachable"
    NO_DATABASE = "no-database"
    LOST = "lost"
    TOO_OLD = "too-old"

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


class ChangedElsewhere(UserError):
    """A record was changed (on another device, or in another window) after it was opened
    for editing; nothing was written, and the caller shows the record as it now is."""
