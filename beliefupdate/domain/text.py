"""Normalising what users type for propositions, tags and names."""

from __future__ import annotations

from collections.abc import Iterable

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import MAX_NAME, MAX_PROSE, MAX_TAG, MAX_TAGS, MAX_TEXT


def check_encodable(text: str, what: str) -> str:
    """``text``, or InvalidInput if it holds a lone surrogate: JSON's "\\ud800" and
    bytes that are not UTF-8 on the command line (or in a file name) arrive as
    one, and no UTF-8 file or database can store it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        code = ord(text[e.start])
        raise InvalidInput(
            f"{what} contains U+{code:04X}, a lone surrogate and not a character (bytes that are not UTF-8?)"
        ) from None
    return text


def check_prose(text: str, what: str) -> str:
    """``text`` (notes, a reason, a Pre or a Post), or InvalidInput if it is over MAX_PROSE characters."""
    if len(text) > MAX_PROSE:
        raise InvalidInput(f"{what} is {len(text):,} characters; the limit is {MAX_PROSE:,}")
    return text


def clean_notes(notes: str, *, what: str = "notes") -> str:
    return check_encodable(check_prose(notes.strip(), what), what)


def clean_text(text: str, *, what: str = "proposition") -> str:
    cleaned = check_encodable(text, f"{what} text").strip()
    if not cleaned:
        raise InvalidInput(f"{what} text is empty")
    if "\x00" in cleaned:
        # SQLite's length() and every C string stop at NUL: such a text would not survive storage.
        raise InvalidInput(f"{what} text contains a NUL character")
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput(f"{what} text is {len(cleaned)} characters; the limit is {MAX_TEXT}")
    return cleaned


def text_key(text: str) -> str:
    """The form under which two texts count as the same (case-insensitive)."""
    return " ".join(text.split()).casefold()


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags are trimmed, lower-cased, spaces become dashes, duplicates dropped, order kept."""
    seen: dict[str, None] = {}
    for tag in tags:
        t = "-".join(check_encodable(tag, "a tag").strip().lower().split())
        if not t:
            continue
        if len(t) > MAX_TAG:
            raise InvalidInput(f"tag {tag[:40]!r}... is longer than {MAX_TAG} characters")
        seen.setdefault(t, None)
        if len(seen) > MAX_TAGS:  # said at once: a list of a million need not be read to the end
            raise InvalidInput(f"more than {MAX_TAGS} tags; a proposition can have at most {MAX_TAGS}")
    return tuple(seen)


def clean_name(name: str) -> str:
    cleaned = " ".join(check_encodable(name, "name").split())
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"name {name[:40]!r}... is longer than {MAX_NAME} characters")
    return cleaned
