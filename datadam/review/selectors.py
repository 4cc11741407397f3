"""Reads for reviewers and for labelers whose work was sent back."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import NotFound
from datadam.labeling.models import Annotation, Assignment
from datadam.projects import permissions as project_permissions
from datadam.projects import withheld
from datadam.projects.models import Project
from datadam.projects.selectors import project_list
from datadam.review.models import Review


def annotation_for_review_get(*, actor, annotation_id: int) -> Annotation:
    """Work the actor may review; anything else (another project, no reviewer role) is NotFound."""
    annotation = (
        Annotation.objects.filter(id=annotation_id, project__in=project_list(actor=actor))
        .select_related("project", "item", "author")
        .first()
    )
    if annotation is None or not project_permissions.can_review(actor, annotation.project):
        raise NotFound(_("No such work to review."))
    withheld.item_check_shown(annotation.item)
    return annotation


def review_waiting_count(*, project: Project, stage: int | None = None) -> int:
    """Submitted work waiting for inspection, at one stage or (None) at any."""
    waiting = withheld.without_withheld(
        Annotation.objects.filter(project=project, status=Annotation.Status.SUBMITTED), via="item"
    )
    return waiting.filter(stage=stage).count() if stage else waiting.count()


def earlier_verdicts(*, annotation: Annotation) -> list[Review]:
    """The verdicts earlier stages gave this version, first stage first (a later inspector sees who passed it)."""
    return list(
        Review.objects.filter(annotation=annotation, stage__lt=annotation.stage)
        .select_related("reviewer")
        .order_by("stage")
    )


def review_list(*, actor, project: Project) -> QuerySet[Review]:
    if not project_permissions.can_review(actor, project):
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


def reviewer_active_seconds(*, worker_id: int, start: datetime, end: datetime, project_id: int | None = None) -> int:
    """A reviewer's active seconds on the review page in [start, end); pay's wage figures ask for it."""
    reviews = Review.objects.filter(reviewer_id=worker_id, created_at__gte=start, created_at__lt=end)
    if project_id:
        reviews = reviews.filter(project_id=project_id)
    return reviews.aggregate(total=Sum("active_seconds"))["total"] or 0


def review_feedback_for_worker(*, project: Project, worker: User, limit: int = 20) -> dict:
    """A labeler's verdicts in one project, and the recent ones that say why (quality shows them)."""
    reviews = Review.objects.filter(project=project, annotation__author=worker)
    counts = reviews.aggregate(
        # A piece accepted at several stages counts once; an acceptance a later stage overturned not at all.
        accepted=Count(
            "annotation", distinct=True, filter=Q(verdict=Review.Verdict.ACCEPT, overturned_by__isnull=True)
        ),
        rejected=Count("id", filter=Q(verdict=Review.Verdict.REJECT)),
        corrected=Count("id", filter=Q(verdict=Review.Verdict.CORRECT)),
    )
    recent = list(
        reviews.exclude(verdict=Review.Verdict.ACCEPT, comment="")
        .order_by("-created_at")
        .values("verdict", "reason", "comment", "created_at")[:limit]
    )
    return {**counts, "recent": recent}


def review_rejections_per_author(*, project: Project) -> dict[int, int]:
    """How many answers of each labeler reviewers sent back in the project (quality's worker table)."""
    return dict(
        Review.objects.filter(project=project, verdict=Review.Verdict.REJECT)
        .values_list("annotation__author_id")
        .annotate(n=Count("id"))
    )
