"""Reads about a worker's own assignments. Another worker's assignment is NotFound."""

from datetime import datetime

from django.db.models import Count, F, QuerySet, Sum
from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Project


def assignment_get(*, actor, assignment_id: int) -> Assignment:
    assignment = (
        Assignment.objects.filter(id=assignment_id, worker_id=actor.id if actor.is_authenticated else None)
        .select_related("item", "project")
        .first()
    )
    if assignment is None:
        raise NotFound(_("No such task."))
    return assignment


def assignment_list_own(*, actor, assignment_ids: list[int]) -> list[Assignment]:
    """The actor's own assignments among `assignment_ids`, in that order; anyone else's are left out."""
    found = Assignment.objects.filter(id__in=assignment_ids, worker_id=actor.id).select_related("item").in_bulk()
    return [found[assignment_id] for assignment_id in assignment_ids if assignment_id in found]


def annotation_list_mine(*, actor, project: Project) -> QuerySet[Annotation]:
    return Annotation.objects.filter(author=actor, project=project).select_related("item").order_by("-created_at")


def labeler_active_seconds(*, worker_id: int, start: datetime, end: datetime, project_id: int | None = None) -> int:
    """A labeler's active seconds on the labeling page in [start, end); pay's wage figures ask for it."""
    annotations = Annotation.objects.filter(author_id=worker_id, created_at__gte=start, created_at__lt=end)
    if project_id:
        annotations = annotations.filter(project_id=project_id)
    return annotations.aggregate(total=Sum("active_seconds"))["total"] or 0


def labeler_piece_seconds(*, project: Project) -> list[int]:
    """Active seconds of up to 5,000 pieces of labeling in the project (pay's rate suggestion measures the pace)."""
    # A reviewer's correction has no active time of its own, so only labelers' work is measured here.
    return list(
        Annotation.objects.filter(project=project, active_seconds__gt=0).values_list("active_seconds", flat=True)[:5000]
    )


def labeler_pay_pending(*, actor) -> list[dict]:
    """Work waiting for review in projects that pay on accept: per project, the pieces and what they will earn.
    Work past the first inspection stage was paid when that stage accepted it, so only the first stage's counts."""
    return list(
        Annotation.objects.filter(author=actor, status=Annotation.Status.SUBMITTED, stage=1, project__pay_on="accept")
        .values("project_id", "project__name")
        .annotate(pieces=Count("id"), value=Sum(F("project__rate_per_item")))
        .order_by("project__name")
    )
