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
