"""Reads of the assist app, scoped to the project's managers (a foreign project answers NotFound)."""

from dataclasses import dataclass

from datadam.assist.examples import accepted_count
from datadam.assist.models import AssistProblem, AssistSettings, ModelVersion
from datadam.core.stats import wilson_interval
from datadam.labeling.models import Annotation
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Item, Project

PROBLEMS_SHOWN = 20
PRELABEL_SAMPLE = 5000


@dataclass
class AssistOverview:
    project: Project
    settings: AssistSettings
    latest: ModelVersion | None  # the last run, whatever its outcome
    current: ModelVersion | None  # the last model that made pre-labels
    accepted_labels: int
    labels_since_last_run: int
    pre_labeled_items: int
    problems: list[AssistProblem]
    heldout_interval: tuple[float, float] | None
    prelabels_submitted: int
    prelabels_kept: int


def assist_overview_get(*, actor, project_id: int) -> AssistOverview:
    project = project_selectors.project_managed_get(actor=actor, project_id=project_id)
    settings = AssistSettings.objects.filter(project=project).first() or AssistSettings(project=project)
    versions = ModelVersion.objects.filter(project=project).defer("artifact").order_by("-created_at", "-id")
    current = versions.filter(status=ModelVersion.Status.TRAINED).first()
    accepted = accepted_count(project)
    interval = None
    if current and current.heldout_correct is not None and current.heldout_count:
        interval = wilson_interval(current.heldout_correct, current.heldout_count)
    return AssistOverview(
        project=project,
        settings=settings,
        latest=versions.first(),
        current=current,
        accepted_labels=accepted,
        labels_since_last_run=max(0, accepted - settings.labels_at_last_run),
        pre_labeled_items=Item.objects.filter(project=project, prediction__source__startswith="model:").count(),
        problems=list(AssistProblem.objects.filter(project=project).order_by("-created_at", "-id")[:PROBLEMS_SHOWN]),
        heldout_interval=interval,
        **_prelabels_kept(project),
    )


def _prelabels_kept(project: Project) -> dict[str, int]:
    """Of the latest submitted annotations that started from a model's pre-label, how many kept it unchanged."""
    rows = (
        Annotation.objects.filter(project=project, prelabel__source__startswith="model:")
        .order_by("-id")
        .values_list("prelabel", flat=True)[:PRELABEL_SAMPLE]
    )
    submitted = kept = 0
    for prelabel in rows:
        submitted += 1
        kept += isinstance(prelabel, dict) and bool(prelabel.get("kept")) and not prelabel.get("changed")
    return {"prelabels_submitted": submitted, "prelabels_kept": kept}
