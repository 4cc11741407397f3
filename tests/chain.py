"""The inspection chain's cast: a project with a second stage held by a senior reviewer, and the steps of
the chain as plain functions (submit, accept, send back, rework), for service tests and browser stories."""

from datetime import timedelta

from django.utils import timezone

from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import InspectionStage, Project, ProjectMembership
from datadam.review import services as review
from tests import factories

SENIOR_REASONS = ["경계가 틀렸습니다 (wrong boundary)", "1차 검수를 놓쳤습니다 (missed at the first stage)"]


def add_second_stage(project: Project, **fields) -> InspectionStage:
    """A second stage (2차 검수) held by the project's senior reviewers."""
    values = {"name": "2차 검수", "role": ProjectMembership.Role.SENIOR_REVIEWER, "reasons": SENIOR_REASONS}
    return InspectionStage.objects.create(project=project, position=2, **{**values, **fields})


def add_senior(project: Project, username: str = "senior"):
    person = factories.UserFactory(username=username)
    factories.ProjectMembershipFactory(project=project, user=person, role=ProjectMembership.Role.SENIOR_REVIEWER)
    return person


def submit(labeler, project: Project, answer: str = "positive", active_seconds: int = 30) -> Annotation:
    """The labeler takes their next task (rework first) and sends `answer` after `active_seconds` of work in a
    ten-minute lease."""
    lease = labeling.assignment_lease_next(actor=labeler, project=project)
    Assignment.objects.filter(id=lease.id).update(leased_at=timezone.now() - timedelta(minutes=10))
    annotation, _created = labeling.annotation_submit(
        actor=labeler, assignment_id=lease.id, result={"sentiment": answer}, active_seconds=active_seconds
    )
    return annotation


def overturned_at_second_stage(cast, senior, reason: str = SENIOR_REASONS[1]) -> Annotation:
    """The whole overturn: the labeler submits, the reviewer accepts at stage 1, the senior sends it back."""
    annotation = submit(cast.labeler, cast.project)
    review.review_accept(actor=cast.reviewer, annotation_id=annotation.id, stage=1)
    review.review_reject(actor=senior, annotation_id=annotation.id, reason=reason, stage=2)
    return annotation
