"""One review queue across the projects and inspection stages a reviewer holds, oldest work first, with gold
reviews mixed in.

The next piece is the reviewer's open gold review, else their current claim, else a claim on the oldest work
waiting in any of their projects; with the project's share a gold review is served before the claimed work
(which stays theirs until they come back to it).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone

from datadam.accounts.models import User
from datadam.core.errors import DomainError
from datadam.labeling.models import Annotation
from datadam.projects import access, stages, withheld
from datadam.projects.models import Project, ProjectMembership
from datadam.projects.stages import Stage
from datadam.quality import gold_reviews, inspection, reviewers
from datadam.quality.models import GoldReviewServe
from datadam.review import permissions, reviewer_quality, services
from datadam.review.models import Review


@dataclass(frozen=True)
class QueueRow:
    project: Project
    stage: Stage
    stage_count: int
    waiting: int
    oldest: datetime | None
    paused: str | None  # the reason, when the reviewer is paused there


def _waiting(project: Project, stage: Stage, actor: User):
    work = Annotation.objects.filter(project=project, status=Annotation.Status.SUBMITTED, stage=stage.position)
    work = withheld.without_withheld(work.exclude(author=actor), via="item")
    sampled = inspection.review_queue_filter(project, stage.position)
    return work.filter(sampled) if sampled is not None else work


def reviewer_projects(actor: User):
    """The projects where the actor holds an inspection role (any role but labeler), through the access module."""
    roles = [role for role in ProjectMembership.Role.values if role != ProjectMembership.Role.LABELER]
    held = Q(pk__in=[])
    for role in roles:
        held |= access.member_filter(actor, field="pk", role=role)
    return Project.objects.filter(held, hidden=False).order_by("id")


def review_queue(*, actor: User) -> list[QueueRow]:
    """Per project and stage the reviewer holds: how much waits, since when; oldest first, empty ones last."""
    rows = []
    for project in reviewer_projects(actor):
        chain = stages.stage_list(project)
        pause = reviewers.reviewer_pause_get(project=project, reviewer=actor)
        for stage in permissions.stages_held(actor, project, chain):
            waiting = _waiting(project, stage, actor)
            figures = waiting.aggregate(oldest=Min("created_at"), count=Count("id"))
            reason = pause.reason if pause else None
            rows.append(QueueRow(project, stage, len(chain), figures["count"], figures["oldest"], reason))
    far = timezone.now().replace(year=9999)
    return sorted(rows, key=lambda row: (row.waiting == 0, row.oldest or far, row.project.id, row.stage.position))


def _resume(actor: User) -> GoldReviewServe | Annotation | None:
    """What the reviewer already holds: an open gold review, or a live claim."""
    projects = reviewer_projects(actor)
    serve = GoldReviewServe.objects.filter(
        reviewer=actor, answered_at__isnull=True, gold_review__project__in=projects
    ).first()
    if serve is not None:
        return serve
    held = Q(claimed_by=actor, claim_expires_at__gt=timezone.now(), status=Annotation.Status.SUBMITTED)
    return withheld.without_withheld(Annotation.objects.filter(held, project__in=projects), via="item").first()


def review_next(*, actor: User, project: Project | None = None) -> GoldReviewServe | Annotation | None:
    """The next thing for the reviewer: in one project, or across all they hold (oldest waiting first)."""
    if project is not None:
        return _next_in(actor, project)
    held = _resume(actor)
    if held is not None:
        return held
    for row in review_queue(actor=actor):
        if row.waiting and not row.paused:
            try:
                found = _next_in(actor, row.project)
            except DomainError:
                continue  # paused there just now (the floor check): the next project
            if found is not None:
                return found
    return None


FLOOR_CHECK_EVERY = 10  # verdicts; the floor is checked on every tenth, as labelers' rules are


def _next_in(actor: User, project: Project) -> GoldReviewServe | Annotation | None:
    given = Review.objects.filter(project=project, reviewer=actor).count()
    if given and given % FLOOR_CHECK_EVERY == 0:
        reviewer_quality.reviewer_floor_check(project=project, reviewer=actor)
    reviewers.reviewer_gate(project=project, reviewer=actor)
    if (serve := gold_reviews.gold_review_open(project=project, reviewer=actor)) is not None:
        return serve
    annotation = services.review_claim_next(actor=actor, project=project)
    if annotation is None:
        return None  # no gold review when nothing real waits: an empty queue would give it away
    return gold_reviews.gold_review_pick(project=project, reviewer=actor) or annotation
