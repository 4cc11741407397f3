"""Checks on untrusted JSON-like values that every app needs before it stores them."""

import math
import re

from django.utils.translation import gettext as _

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def unstorable_reason(value: object) -> str | None:
    """Why a JSON-like value cannot be stored as is, or None when it can.

    PostgreSQL refuses U+0000 and lone surrogates (half of a UTF-16 pair) in text and jsonb, and no
    database's JSON holds NaN or Infinity. Each is refused with a message instead of a server error.
    """
    if isinstance(value, str):
        if "\x00" in value:
            return _("The text holds a NUL character, which cannot be stored.")
        if _LONE_SURROGATE.search(value):
            return _("The text holds a broken character (a lone surrogate), which cannot be stored.")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return _("Numbers must be finite (not NaN or Infinity).")
    if isinstance(value, dict):
        return next((reason for item in value.items() for part in item if (reason := unstorable_reason(part))), None)
    if isinstance(value, list):
        return next((reason for item in value if (reason := unstorable_reason(item))), None)
    return None
