"""The three ways the log dialog opens, each carrying everything that differs between them."""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """How the dialog was opened; the value is the word a caller may hold (``Mode("finish")``).

    Each member says, where it is defined, what the dialog does differently in it, so that the
    dialog asks its mode a question rather than comparing it with a name.
    """

    heading: str  # the window's title
    ok_text: str  # what OK says it does
    discard_question: str  # asked before what was typed is thrown away
    afters_only: bool  # the befores, the expectations and the record were written before the talk
    births: bool  # a proposition first thought of in the conversation can be added to it
    waits: bool  # afters may be left empty, and the conversation then waits to be finished

    def __new__(cls, value: str, heading: str, ok_text: str, discard_question: str, afters_only: bool,
                births: bool, waits: bool) -> Mode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.heading = heading
        member.ok_text = ok_text
        member.discard_question = discard_question
        member.afters_only = afters_only
        member.births = births
        member.waits = waits
        return member

    # value, heading, OK, the question before discarding, afters_only, births, waits
    LOG = ("log", "Log a conversation", "Log conversation", "Discard this conversation?",
           False, True, True)
    FINISH = ("finish", "Finish a conversation", "Save afters", "Discard the afters you typed?",
              True, True, True)
    # Editing changes what was recorded: nothing is born in an edit, and nothing is left to finish.
    EDIT = ("edit", "Edit a conversation", "Save changes", "Discard your changes to this conversation?",
            False, False, False)
