"""Helpers for quality tests: labelers who answer items, gold items, a policy."""

import pytest

from datadam.labeling.services import annotation_submit, assignment_lease_next
from datadam.projects.models import ProjectMembership
from datadam.quality import services
from tests import factories


def answer(cast, worker, label: str, seconds: int = 10):
    """The worker takes their next task and answers it with `label`; returns the annotation."""
    assignment = assignment_lease_next(actor=worker, project=cast.project)
    assert assignment is not None
    annotation, _created = annotation_submit(
        actor=worker, assignment_id=assignment.id, result={"sentiment": label}, active_seconds=seconds
    )
    return annotation


def add_labelers(cast, count: int) -> list:
    people = [factories.UserFactory(username=f"worker{n}") for n in range(count)]
    for person in people:
        factories.ProjectMembershipFactory(project=cast.project, user=person, role=ProjectMembership.Role.LABELER)
    return people


@pytest.fixture
def gold(cast):
    """Three gold items in A's project, all 'positive'; and a policy that serves only gold."""
    items = [
        services.gold_item_create(
            actor=cast.manager, project=cast.project, data={"text": f"정답 {n}"}, answer={"sentiment": "positive"}
        )
        for n in range(3)
    ]
    return items


@pytest.fixture(autouse=True)
def _english():
    """Service messages are read in English here; pages pick their language per request."""
    from django.utils import translation

    with translation.override("en"):
        yield
