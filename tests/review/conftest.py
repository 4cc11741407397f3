"""Helpers for review stories: labelers who send work in, reviewers who judge it, labelers who rework it."""

import pytest

from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation
from datadam.projects.models import ProjectMembership
from tests import factories


def submitted(cast, labeler=None, answer: str = "positive") -> Annotation:
    """The labeler takes their next task (rework first) and sends `answer`."""
    labeler = labeler or cast.labeler
    lease = labeling.assignment_lease_next(actor=labeler, project=cast.project)
    annotation, _created = labeling.annotation_submit(
        actor=labeler, assignment_id=lease.id, result={"sentiment": answer}, active_seconds=12
    )
    return annotation


@pytest.fixture
def reviewer2(cast):
    """A second reviewer of A's project."""
    person = factories.UserFactory(username="reviewer2")
    factories.ProjectMembershipFactory(project=cast.project, user=person, role=ProjectMembership.Role.REVIEWER)
    return person
