"""What a person does to a journal, each as one function over the Journal.

Every operation runs in one transaction (Journal.atomically) and returns a :class:`Done`: the
value it produced, the records it changed (so a window redraws just those) and the operation
that undoes it, which returns a Done of its own whose undo is the redo. The window pushes one
undo step per operation and the command line calls the same functions, so both do exactly the
same thing. Qt-free: ui -> operations -> store -> domain.
"""

from beliefupdate.operations.changes import Changes, Done, Operation, What

__all__ = ["Changes", "Done", "Operation", "What"]
