"""The Journal service: the only way into a journal.

Each public method is one unit of work with its own session and transaction,
and returns plain domain values (never ORM objects). One class, whose methods
are kept by record in the modules beside this one, each a mixin over the core
(core.py): sessions, units of work, retries and the database's errors.
"""

from __future__ import annotations

from beliefupdate.store.journal.backups import BackupsMixin
from beliefupdate.store.journal.conversations import ConversationsMixin
from beliefupdate.store.journal.core import new_id
from beliefupdate.store.journal.credences import CredencesMixin
from beliefupdate.store.journal.cruxes import CruxesMixin
from beliefupdate.store.journal.exchange import ExchangeMixin
from beliefupdate.store.journal.propositions import PropositionsMixin

__all__ = ["Journal", "new_id"]


class Journal(PropositionsMixin, CredencesMixin, ConversationsMixin, CruxesMixin, ExchangeMixin, BackupsMixin):
    """A journal opened at a location; create with :meth:`open`."""
