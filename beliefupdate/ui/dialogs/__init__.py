"""Dialogs of the desktop app; each commits to the journal before it closes."""
