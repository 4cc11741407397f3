"""Pre-labels in an import: a `predictions` field (JSONL: an object; CSV/TSV: a JSON text) per row.

The value is either a result `{control: value}` or the stored shape `{"result": {...}, "confidence": 0.8}`.
It is validated against the schema like an answer (no control required) and stored in `item.prediction`
with source "import", so workers see it as an editable start.
"""

from django.utils.translation import gettext as _

from datadam.core.errors import JsonOutOfBounds, SchemaViolation
from datadam.core.text import load_bounded_json
from datadam.projects.imports.makers import RowRejected
from datadam.projects.schema.prelabel import SOURCE_IMPORT, prediction_make
from datadam.projects.schema.validate import LabelSchema

COLUMN = "predictions"


def prediction_split(row: dict) -> tuple[dict, object]:
    """The row without its predictions column, and the raw predictions (None when absent or empty)."""
    if COLUMN not in row:
        return row, None
    rest = {key: value for key, value in row.items() if key != COLUMN}
    raw = row[COLUMN]
    return rest, (None if raw in (None, "", {}) else raw)


def prediction_from_row(
    schema: LabelSchema, raw: object, item_data: dict, project_id: int | None = None
) -> dict | None:
    """The prediction to store for one row, or RowRejected with a reason naming the control."""
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            raw = load_bounded_json(raw, root="$.predictions")
        except JsonOutOfBounds as exc:
            raise RowRejected(exc.message) from None
        except ValueError:
            raise RowRejected(_("The predictions column is not valid JSON.")) from None
    if not isinstance(raw, dict):
        raise RowRejected(_("Predictions must be an object with one key per control."))
    result, confidence = raw, None
    if isinstance(raw.get("result"), dict) and set(raw) <= {"result", "confidence", "source"}:
        result, confidence = raw["result"], raw.get("confidence")
    try:
        return prediction_make(
            schema, result, item_data, source=SOURCE_IMPORT, confidence=confidence, project_id=project_id
        )
    except SchemaViolation as exc:
        raise RowRejected(_("Predictions: %(problem)s") % {"problem": exc.message}) from None
