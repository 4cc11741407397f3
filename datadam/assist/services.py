"""Writes of the assist app: settings, training, predictions (pre-labels) and the queue order they drive.

One run = claim the project's lock → learn (built-in) or ask the backend → write Item.prediction and
Item.priority → release. The labeling queue itself is untouched: it serves open items by (priority, id).
"""

import logging
import pickle
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.assist import predict
from datadam.assist.assistants.text_classifier import TooFewLabels
from datadam.assist.backend import BackendClient, BackendError, check_url
from datadam.assist.examples import accepted_count
from datadam.assist.models import AssistProblem, AssistSettings, ModelVersion
from datadam.assist.permissions import can_manage_assistant
from datadam.audit.services import audit_record_project
from datadam.core.errors import Invalid, PermissionDenied
from datadam.projects.models import Item, Project

logger = logging.getLogger(__name__)

STALE_CLAIM = timedelta(hours=1)
UPDATE_BATCH = 1000
# Priority of items with no model score: after every scored item (scores map to 0..1,000,000).
UNSCORED_PRIORITY = 1_000_001
# Negative priorities belong to other parts (e.g. overlapped items the quality demo puts first): never rewritten.
SETTING_FIELDS = {
    "enabled",
    "kind",
    "retrain_every",
    "min_labels",
    "queue_order",
    "uncertainty_measure",
    "backend_url",
    "backend_timeout_seconds",
    "backend_retries",
    "backend_batch_size",
}


def assist_settings_for(project: Project) -> AssistSettings:
    settings, _created = AssistSettings.objects.get_or_create(project=project)
    return settings


def assist_settings_update(*, actor, project: Project, **fields) -> AssistSettings:
    """Change a project's assistant switch and queue order. Turning the assistant off removes model pre-labels."""
    if not can_manage_assistant(actor, project):
        raise PermissionDenied(_("Only the project's managers may change its assistant."))
    unknown = set(fields) - SETTING_FIELDS
    if unknown:
        raise Invalid(_("Unknown setting: %(name)s") % {"name": sorted(unknown)[0]})
    with transaction.atomic():
        settings = AssistSettings.objects.select_for_update().get(pk=assist_settings_for(project).pk)
        before = {name: getattr(settings, name) for name in fields}
        for name, value in fields.items():
            setattr(settings, name, value)
        _check(settings)
        settings.save()
        changed = {name: getattr(settings, name) for name in fields if before[name] != getattr(settings, name)}
        if "enabled" in changed and not settings.enabled:
            model_predictions_clear(project=project)
        if "queue_order" in changed or "enabled" in changed:
            queue_order_apply(project=project, settings=settings)
        audit_record_project(actor=actor, action="assist.settings", target=settings, project=project, detail=changed)
    return settings


def _check(settings: AssistSettings) -> None:
    if settings.kind not in AssistSettings.Kind.values:
        raise Invalid(_("Unknown assistant: %(kind)s") % {"kind": settings.kind})
    if settings.queue_order not in AssistSettings.QueueOrder.values:
        raise Invalid(_("Unknown queue order: %(order)s") % {"order": settings.queue_order})
    if settings.uncertainty_measure not in AssistSettings.Measure.values:
        raise Invalid(_("Unknown uncertainty measure: %(measure)s") % {"measure": settings.uncertainty_measure})
    if settings.backend_url:
        try:
            check_url(settings.backend_url)
        except ValueError:
            raise Invalid(_("The model backend address must start with http:// or https:// and name a host.")) from None
    if settings.kind == AssistSettings.Kind.BACKEND and settings.enabled and not settings.backend_url:
        raise Invalid(_("A model backend needs its address."))
    for field in settings._meta.concrete_fields:
        if field.name in SETTING_FIELDS and getattr(settings, field.name) not in ("", None):
            for validator in field.validators:
                try:
                    validator(getattr(settings, field.name))
                except Exception as exc:  # Django's ValidationError: a plain message for the manager
                    detail = " ".join(getattr(exc, "messages", [str(exc)]))
                    raise Invalid(f"{field.verbose_name}: {detail}") from None


def assist_run_claim(project: Project) -> bool:
    """Take the project's run lock with one conditional UPDATE; False when another run holds it."""
    now = timezone.now()
    assist_settings_for(project)
    claimed = AssistSettings.objects.filter(project=project).filter(busy_since__isnull=True).update(
        busy_since=now
    ) or AssistSettings.objects.filter(project=project, busy_since__lt=now - STALE_CLAIM).update(busy_since=now)
    return bool(claimed)


def assist_run_release(project: Project) -> None:
    AssistSettings.objects.filter(project=project).update(busy_since=None, run_requested_at=None)


def assist_run(
    *, project_id: int, examples: tuple[list[str], list] | None = None, trained_on: str = "accepted"
) -> ModelVersion | None:
    """Train (built-in) or ask the backend, then write pre-labels and queue priorities.

    Returns None when another run holds the project's lock (two retrain tasks at once: one runs) or the
    assistant is off. `examples` replaces the accepted labels (the demo's true labels), named by `trained_on`.
    """
    project = Project.objects.filter(id=project_id).first()
    if project is None:
        return None  # deleted after the run was queued
    settings = assist_settings_for(project)
    if not settings.enabled or not assist_run_claim(project):
        return None
    try:
        settings.refresh_from_db()
        labels_now = accepted_count(project)
        try:
            if settings.kind == AssistSettings.Kind.BACKEND:
                version = _backend_run(project, settings)
            else:
                version = _builtin_run(project, settings, examples, trained_on)
        except Exception as exc:  # a model bug must not kill the worker unseen: the manager sees it on the card
            logger.exception("assist: run of project %s failed", project.id)
            assist_problem_record(project=project, what="error", message=f"{type(exc).__name__}: {exc}")
            version = ModelVersion.objects.create(
                project=project, kind=settings.kind, name="-", status=ModelVersion.Status.FAILED, reason=str(exc)[:2000]
            )
        AssistSettings.objects.filter(pk=settings.pk).update(labels_at_last_run=labels_now)
        return version
    finally:
        assist_run_release(project)


def _builtin_run(project: Project, settings: AssistSettings, examples, trained_on: str) -> ModelVersion:
    try:
        trained = predict.builtin_train(project, settings, examples)
    except TooFewLabels as exc:
        return ModelVersion.objects.create(
            project=project,
            kind=settings.kind,
            name=predict.builtin_name(settings.kind),
            status=ModelVersion.Status.SKIPPED,
            reason=exc.message,
            reason_code=exc.code,
            needed_labels=exc.needed,
            trained_on=trained_on,
            label_count=exc.count,
        )
    version = ModelVersion.objects.create(
        project=project,
        kind=settings.kind,
        name=trained.name,
        status=ModelVersion.Status.TRAINED,
        trained_on=trained_on,
        label_count=trained.label_count,
        heldout_count=trained.heldout_count,
        heldout_metric=trained.heldout_metric,
        heldout_score=trained.heldout_score,
        heldout_correct=trained.heldout_correct,
        artifact=pickle.dumps(trained.model),
    )
    # Only the newest fitted model is kept: a project retrained every 50 labels would otherwise pile them up.
    ModelVersion.objects.filter(project=project).exclude(pk=version.pk).update(artifact=None)
    scores = predictions_write(
        project=project, settings=settings, predictions=predict.builtin_predict(project, settings, trained)
    )
    ModelVersion.objects.filter(pk=version.pk).update(predicted_count=len(scores))
    version.predicted_count = len(scores)
    return version


def _backend_run(project: Project, settings: AssistSettings) -> ModelVersion:
    try:
        model_name, predictions, problems = predict.backend_predict(project, settings)
    except BackendError as exc:
        assist_problem_record(project=project, what=exc.what, message=exc.message)
        return ModelVersion.objects.create(
            project=project, kind=settings.kind, name="backend", status=ModelVersion.Status.FAILED, reason=exc.message
        )
    for item_id, what, message in problems:
        assist_problem_record(project=project, what=what, message=message, item_id=item_id)
    scores = predictions_write(project=project, settings=settings, predictions=predictions)
    return ModelVersion.objects.create(
        project=project,
        kind=settings.kind,
        name=model_name,
        status=ModelVersion.Status.TRAINED,
        trained_on="backend",
        predicted_count=len(scores),
        reason=f"{len(problems)} predictions refused" if problems else "",
    )


def predictions_write(*, project: Project, settings: AssistSettings, predictions: list[predict.Prediction]) -> dict:
    """Store pre-labels (never over an imported one) and, in uncertainty order, the queue priorities.

    Priority = (1 - uncertainty) scaled to 0..1,000,000: the least sure item has the lowest number and is
    served first; no global sort is needed, so this streams over any number of items.
    """
    scores: dict[int, float] = {}
    by_uncertainty = settings.queue_order == AssistSettings.QueueOrder.UNCERTAINTY
    if by_uncertainty:
        _reorderable(project).update(priority=UNSCORED_PRIORITY)
    for start in range(0, len(predictions), UPDATE_BATCH):
        chunk = predictions[start : start + UPDATE_BATCH]
        items = Item.objects.in_bulk([prediction.item_id for prediction in chunk])
        changed = []
        for prediction in chunk:
            item = items.get(prediction.item_id)
            if item is None:
                continue
            if (item.prediction or {}).get("source") != "import" and prediction.result is not None:
                item.prediction = {
                    "result": prediction.result,
                    "source": f"model:{prediction.model}",
                    "confidence": None if prediction.confidence is None else round(prediction.confidence, 4),
                }
            if prediction.uncertainty is not None:
                scores[item.id] = prediction.uncertainty
                if by_uncertainty and item.priority >= 0:
                    item.priority = uncertainty_priority(prediction.uncertainty)
            changed.append(item)
        Item.objects.bulk_update(changed, ["prediction", "priority"], batch_size=500)
    return scores


def _reorderable(project: Project):
    """Open items whose queue place this app decides."""
    return Item.objects.filter(project=project, open_slots__gt=0, priority__gte=0)


def uncertainty_priority(uncertainty: float) -> int:
    return round((1.0 - min(max(uncertainty, 0.0), 1.0)) * 1_000_000)


def model_predictions_clear(*, project: Project) -> int:
    """Remove model-made pre-labels (imported ones stay)."""
    return Item.objects.filter(project=project, prediction__source__startswith="model:").update(prediction=None)


def queue_order_apply(*, project: Project, settings: AssistSettings) -> None:
    """Write Item.priority for the chosen order. Uncertainty needs a model: until one ran, items keep id order."""
    open_items = _reorderable(project)
    order = settings.queue_order if settings.enabled or settings.queue_order == "random" else "id"
    if order == AssistSettings.QueueOrder.RANDOM:
        rng = random.Random(f"{project.id}:{settings.random_seed}")
        ids = list(open_items.values_list("id", flat=True))
        for start in range(0, len(ids), UPDATE_BATCH):
            batch = [
                Item(id=item_id, priority=rng.randrange(1_000_000)) for item_id in ids[start : start + UPDATE_BATCH]
            ]
            Item.objects.bulk_update(batch, ["priority"], batch_size=500)
    elif order == AssistSettings.QueueOrder.UNCERTAINTY:
        _priorities_from_stored_predictions(open_items)
    else:
        open_items.update(priority=0)


def _priorities_from_stored_predictions(open_items) -> None:
    """Uncertainty order from the confidences already stored; unscored items after them (none: id order)."""
    scored = []
    for item_id, prediction in open_items.filter(prediction__isnull=False).values_list("id", "prediction").iterator():
        confidence = prediction.get("confidence") if isinstance(prediction, dict) else None
        if isinstance(confidence, int | float) and str(prediction.get("source", "")).startswith("model:"):
            scored.append(Item(id=item_id, priority=uncertainty_priority(1.0 - confidence)))
    open_items.update(priority=UNSCORED_PRIORITY if scored else 0)
    Item.objects.bulk_update(scored, ["priority"], batch_size=500)


def assist_problem_record(*, project: Project, what: str, message: str, item_id: int | None = None) -> AssistProblem:
    logger.warning("assist: project %s, item %s: %s: %s", project.id, item_id, what, message)
    return AssistProblem.objects.create(project=project, what=what, message=message[:2000], item_id=item_id)


def backend_health_check(*, actor, project: Project) -> dict:
    """Ask the project's backend for its health now. A failure is recorded as a problem and raised as Invalid."""
    if not can_manage_assistant(actor, project):
        raise PermissionDenied(_("Only the project's managers may check its model backend."))
    settings = assist_settings_for(project)
    if not settings.backend_url:
        raise Invalid(_("This project has no model backend address."))
    client = BackendClient(settings.backend_url, timeout=settings.backend_timeout_seconds, retries=0)
    try:
        return client.health()
    except BackendError as exc:
        assist_problem_record(project=project, what=exc.what, message=exc.message)
        raise Invalid(exc.message) from None
