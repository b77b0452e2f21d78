"""Text made safe to print on a terminal."""

from __future__ import annotations

import re

# Control characters (but tab and newline) and lone surrogates. Imported text may
# hold terminal escapes that would recolour, retitle or rewrite the user's
# terminal, and a surrogate (a file name's undecodable byte) cannot be printed.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)  # caret notation, as cat -v shows them: ESC is ^[
    if code == 0x7F:
        return "^?"
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that was not UTF-8
    return f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    return _UNPRINTABLE.sub(_visible, text)
