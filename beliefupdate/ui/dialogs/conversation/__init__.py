"""The log-conversation dialog: the dialog, the modes it opens in, and the draft it gives back.

Modules: ``dialog`` (the dialog), ``mode`` (what differs per mode), ``row`` (what the dialog
asks of a row, and what rows share), ``entry_row`` and ``new_belief_row`` (the two kinds of
row), ``picker`` (the Add line), ``cruxes`` (what the cruxes imply, under a row) and
``draft`` (what OK hands to the caller).
"""

from beliefupdate.ui.dialogs.conversation.dialog import LogConversationDialog
from beliefupdate.ui.dialogs.conversation.draft import ConversationDraft
from beliefupdate.ui.dialogs.conversation.mode import Mode

__all__ = ["ConversationDraft", "LogConversationDialog", "Mode"]
