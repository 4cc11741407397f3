"""Reads about a worker's own assignments. Another worker's assignment is NotFound."""

from datetime import datetime

from django.db.models import QuerySet, Sum
from django.utils import timezone
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


def assignment_current(*, actor, project: Project) -> Assignment | None:
    """The worker's live lease in this project, if any: a reload resumes it instead of taking another."""
    return (
        Assignment.objects.filter(
            worker=actor, project=project, status=Assignment.Status.ACTIVE, expires_at__gt=timezone.now()
        )
        .select_related("item")
        .first()
    )


def annotation_list_mine(*, actor, project: Project) -> QuerySet[Annotation]:
    return Annotation.objects.filter(author=actor, project=project).select_related("item").order_by("-created_at")


def annotation_get_for_assignment(*, assignment: Assignment) -> Annotation | None:
    return assignment.annotations.order_by("version").first()


def labeler_active_seconds(*, worker_id: int, start: datetime, end: datetime, project_id: int | None = None) -> int:
    """A labeler's active seconds on the labeling page in [start, end); pay's wage figures ask for it."""
    annotations = Annotation.objects.filter(author_id=worker_id, created_at__gte=start, created_at__lt=end)
    if project_id:
        annotations = annotations.filter(project_id=project_id)
    return annotations.aggregate(total=Sum("active_seconds"))["total"] or 0
