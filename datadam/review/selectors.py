"""Reads for reviewers and for labelers whose work was sent back."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Project
from datadam.projects.selectors import project_list
from datadam.review import permissions
from datadam.review.models import Review


def annotation_for_review_get(*, actor, annotation_id: int) -> Annotation:
    """Work the actor may review; anything else (another project, no reviewer role) is NotFound."""
    annotation = (
        Annotation.objects.filter(id=annotation_id, project__in=project_list(actor=actor))
        .select_related("project", "item", "author")
        .first()
    )
    if annotation is None or not permissions.can_review(actor, annotation.project):
        raise NotFound(_("No such work to review."))
    return annotation


def review_waiting_count(*, project: Project) -> int:
    return Annotation.objects.filter(project=project, status=Annotation.Status.SUBMITTED).count()


def review_list(*, actor, project: Project) -> QuerySet[Review]:
    if not permissions.can_review(actor, project):
        raise NotFound(_("No such project."))
    return (
        Review.objects.filter(project=project)
        .select_related("reviewer", "annotation", "annotation__author")
        .order_by("-created_at", "-id")
    )


def rework_feedback(*, assignment: Assignment) -> Review | None:
    """Why the labeler's last answer on this task was sent back, if it was."""
    return (
        Review.objects.filter(annotation__assignment=assignment, verdict=Review.Verdict.REJECT)
        .order_by("-created_at", "-id")
        .first()
    )
