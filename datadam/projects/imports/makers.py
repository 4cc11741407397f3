"""Rows → item fields. A text item needs its text; the other columns are kept as metadata (all, or those picked)."""

from collections.abc import Collection

from django.utils.translation import gettext as _

from datadam.core.text import unstorable_reason

MAX_TEXT_CHARS = 100_000


class RowRejected(ValueError):
    pass


def item_fields_make(
    row: dict, *, text_column: str = "text", id_column: str = "id", keep: Collection[str] | None = None
) -> dict:
    """Returns {"external_id", "data"} or raises RowRejected with a reason for the person importing.

    `id_column` becomes the item's id; `keep` names the columns kept as metadata (None: every other one)."""
    text = row.get(text_column)
    if not isinstance(text, str) or not text.strip():
        raise RowRejected(_("The text column %(column)s is empty.") % {"column": text_column})
    if len(text) > MAX_TEXT_CHARS:
        raise RowRejected(_("The text is longer than %(limit)d characters.") % {"limit": MAX_TEXT_CHARS})
    meta = {key: value for key, value in row.items() if key != text_column and (keep is None or key in keep)}
    if reason := unstorable_reason(row):
        raise RowRejected(reason)
    external_id = row.get(id_column, "") if id_column else ""
    data = {"text": text, "meta": meta} if meta else {"text": text}
    return {"external_id": str(external_id)[:200], "data": data}
