"""Opening a journal from the GUI: a server that wants a password gets one typed in a dialog."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from beliefupdate.domain.errors import ServerUnavailable

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


def open_journal(spec: str | os.PathLike[str] | None, parent: QWidget | None = None) -> Journal | None:
    """Journal.open(spec), asking for a password while the server refuses the one it has (or has none).

    Returns None if the person cancelled the password dialog. Anything else that keeps the
    journal from opening is raised as JournalUnavailable (ServerUnavailable for a server);
    nothing is written when it is.
    """
    from beliefupdate.store.journal import Journal
    from beliefupdate.store.location import resolve
    from beliefupdate.ui.dialogs.password import ask_password

    location, _ = resolve(spec)
    wrong = location.has_password
    while True:
        try:
            # The store says why a server cannot be used (store/db_errors.py), as a ServerUnavailable.
            return Journal.open(spec)
        except ServerUnavailable as e:
            if e.reason != ServerUnavailable.AUTH:
                raise
        password = ask_password(location.display, wrong, parent)
        if password is None:
            return None
        spec = location.with_password(password).url
        wrong = True

