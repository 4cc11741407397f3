"""A schema problem in the person's language, naming the JSON path (controls[1].labels: …).

pydantic's own messages are English sentences; each error type it reports is worded here instead, with the
figures from its context. A message the schema's own validators raise is already translated and kept.
"""

import json

from django.utils.translation import gettext as _

from datadam.projects.schema.controls.base import NAME_PATTERN

# pydantic's error type → a sentence about the value, with %(…)s figures from the error's context.
WORDS = {
    "missing": lambda: _("this field is required"),
    "extra_forbidden": lambda: _("there is no such field"),
    "string_type": lambda: _("must be text"),
    "string_pattern_mismatch": lambda: _("holds a character that is not allowed here"),
    "string_too_short": lambda: _("needs at least %(min_length)s characters"),
    "string_too_long": lambda: _("may have at most %(max_length)s characters"),
    "too_short": lambda: _("too few: at least %(min_length)s"),
    "too_long": lambda: _("too many: at most %(max_length)s"),
    "int_type": lambda: _("must be a whole number"),
    "int_parsing": lambda: _("must be a whole number"),
    "int_from_float": lambda: _("must be a whole number"),
    "float_type": lambda: _("must be a number"),
    "float_parsing": lambda: _("must be a number"),
    "bool_type": lambda: _("must be true or false"),
    "bool_parsing": lambda: _("must be true or false"),
    "greater_than_equal": lambda: _("must be at least %(ge)s"),
    "greater_than": lambda: _("must be more than %(gt)s"),
    "less_than_equal": lambda: _("must be at most %(le)s"),
    "less_than": lambda: _("must be less than %(lt)s"),
    "list_type": lambda: _("must be a list"),
    "model_type": lambda: _("must be an object"),
    "dict_type": lambda: _("must be an object"),
    "model_attributes_type": lambda: _("must be an object"),
    "literal_error": lambda: _("must be one of %(expected)s"),
}


def problem_words(error: dict) -> str:
    """One pydantic error (from `ValidationError.errors()`) as a sentence in the active language."""
    if error["type"] == "value_error":  # raised by our own validators with a translated message
        return str(error.get("ctx", {}).get("error", "")) or _("this value is not allowed")
    if error["type"] == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == NAME_PATTERN:
        return _("use letters, digits, _ and - only, starting with a letter")
    words = WORDS.get(error["type"])
    if words is None:
        return _("this value is not allowed")
    figures = {key: _figure(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return words() % figures if figures else words().replace("%%", "%")
    except (KeyError, TypeError, ValueError):
        return words().split(" %(")[0]


def _figure(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
