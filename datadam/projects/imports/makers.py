"""Rows → item fields. A text item needs its text; every other column is kept as metadata."""

from django.utils.translation import gettext as _

from datadam.core.text import unstorable_reason

MAX_TEXT_CHARS = 100_000


class RowRejected(ValueError):
    pass


def item_fields_make(row: dict, *, text_column: str = "text") -> dict:
    """Returns {"external_id", "data"} or raises RowRejected with a reason for the person importing."""
    text = row.get(text_column)
    if not isinstance(text, str) or not text.strip():
        raise RowRejected(_("The column %(column)s is missing or empty.") % {"column": text_column})
    if len(text) > MAX_TEXT_CHARS:
        raise RowRejected(_("The text is longer than %(limit)d characters.") % {"limit": MAX_TEXT_CHARS})
    meta = {key: value for key, value in row.items() if key != text_column}
    if reason := unstorable_reason(row):
        raise RowRejected(reason)
    external_id = meta.get("id", "")
    data = {"text": text, "meta": meta} if meta else {"text": text}
    return {"external_id": str(external_id)[:200], "data": data}
