"""Pre-labels (`item.prediction`): checking them like answers, and recording what a worker kept of them."""

from django.utils.translation import gettext as _

from datadam.core.errors import SchemaViolation
from datadam.projects.schema.validate import LabelSchema, annotation_validate

SOURCE_IMPORT = "import"


def prediction_make(
    schema: LabelSchema,
    result: object,
    item_data: dict,
    *,
    source: str = SOURCE_IMPORT,
    confidence: object = None,
    project_id: int | None = None,
) -> dict:
    """A stored prediction from a result: validated like an answer, except that no control is required."""
    if not isinstance(result, dict) or not result:
        raise SchemaViolation(_("Predictions must be an object with one key per control."))
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1
    ):
        raise SchemaViolation(_("The confidence must be a number from 0 to 1."))
    relaxed = schema.model_copy(
        update={"controls": [control.model_copy(update={"required": False}) for control in schema.controls]}
    )
    annotation_validate(relaxed, result, item_data, project_id=project_id)
    return {"result": result, "source": source, "confidence": confidence}


def prelabel_compare(prediction: object, result: dict) -> dict | None:
    """Which predicted controls the worker kept unchanged and which they changed; None without a prediction."""
    if not isinstance(prediction, dict) or not isinstance(prediction.get("result"), dict):
        return None
    predicted = prediction["result"]
    kept = sorted(name for name, value in predicted.items() if result.get(name) == value)
    changed = sorted(name for name, value in predicted.items() if result.get(name) != value)
    return {"source": prediction.get("source", SOURCE_IMPORT), "kept": kept, "changed": changed}
