"""Measures as JSON-ready values, for `stats --json` and anything else that serialises them."""

from __future__ import annotations

import dataclasses
import enum
import math
from datetime import datetime
from typing import Any

from beliefupdate.domain.times import to_iso


def to_plain(value: Any) -> Any:
    """Dicts, lists, str, int, float and None only.

    Infinite evidence becomes the strings "+inf" / "-inf" (strict JSON has no infinity),
    enums their value, times ISO 8601 in UTC.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return to_iso(value)
    if isinstance(value, float) and math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value
