"""Qt's virtual methods that Python answers must not raise.

PySide6 cannot carry a Python exception through Qt's C++ back to a caller. Raised in
``data()`` while Python code is on the stack (a window built or painted before the event
loop runs, as at the first paint), the exception stays pending while Qt goes on calling
into Python, and the process dies of a segmentation fault; raised inside the event loop,
each call prints a traceback and the view asks again at the next paint. Either way one
bad value (a snapshot's credence that was a string) cost the window. So each such method
answers its fallback instead, an empty cell, and says so once in the log.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar, cast

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


def never_raises(method: F, fallback: Any = None) -> F:
    """``method`` answering ``fallback`` where it would raise; the first failure of each method of
    each object is logged in one line (data() is asked thousands of times a second)."""
    if getattr(method, "_guarded", False):
        return method

    @functools.wraps(method)
    def guarded(self: object, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as e:
            report_once(self, method.__name__, e)
            return fallback

    guarded._guarded = True  # type: ignore[attr-defined]
    return cast(F, guarded)  # called as ``method`` is; only what it answers when it fails differs


def guard_class(cls: type, names: tuple[str, ...]) -> None:
    """Guard the methods ``names`` that ``cls`` itself defines (a subclass's own overrides included)."""
    for name in names:
        if name in cls.__dict__:
            setattr(cls, name, never_raises(cls.__dict__[name]))


def report_once(obj: object, name: str, error: Exception) -> None:
    """Log that ``obj.name`` failed, the first time it does."""
    try:
        seen = obj.__dict__.setdefault("_failures_logged", set())
    except AttributeError:
        seen = set()
    if name not in seen:
        seen.add(name)
        log.warning("%s.%s left a value out: %s: %s", type(obj).__name__, name, type(error).__name__,
                    str(error)[:200])
