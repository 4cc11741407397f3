"""A manager publishes, edits and closes a project's posting; nobody else can."""

import pytest

from datadam.audit.models import AuditEvent
from datadam.core.errors import Invalid, NotFound
from datadam.jobs import services
from datadam.jobs.models import JobPosting
from tests.conftest import Cast, client_for

pytestmark = pytest.mark.django_db


def test_manager_publishes_one_posting_per_project_and_edits_it(cast: Cast) -> None:
    services.posting_publish(actor=cast.manager, project=cast.project, labeler_openings=100, reviewer_openings=10)
    services.posting_publish(actor=cast.owner, project=cast.project, labeler_openings=50, location="서울")

    posting = JobPosting.objects.get(project=cast.project)
    assert (posting.labeler_openings, posting.reviewer_openings, posting.location) == (50, 10, "서울")
    actions = list(AuditEvent.objects.filter(project_id=cast.project.id).values_list("action", flat=True))
    assert "job_posting.publish" in actions and "job_posting.update" in actions


def test_manager_of_another_organization_cannot_publish(cast: Cast) -> None:
    with pytest.raises(NotFound):
        services.posting_publish(actor=cast.manager_b, project=cast.project, labeler_openings=1)

    assert not JobPosting.objects.exists()


def test_bad_values_are_refused_and_nothing_is_written(cast: Cast) -> None:
    with pytest.raises(Invalid):
        services.posting_publish(actor=cast.manager, project=cast.project, mode="moon")
    with pytest.raises(Invalid):
        services.posting_publish(actor=cast.manager, project=cast.project, project_id=3)

    assert not JobPosting.objects.exists()


def test_manager_publishes_through_the_page(cast: Cast) -> None:
    form = {"labeler_openings": 100, "reviewer_openings": 10, "mode": "hybrid", "language": "ko", "is_open": "on"}

    response = client_for(cast.manager).post(f"/projects/{cast.project.id}/job-posting/", form)

    assert response.status_code == 302
    assert JobPosting.objects.get(project=cast.project).mode == "hybrid"


def test_outsider_and_labeler_get_404_from_the_posting_page(cast: Cast) -> None:
    for person in (cast.outsider, cast.labeler):
        response = client_for(person).post(f"/projects/{cast.project.id}/job-posting/", {"labeler_openings": 1})
        assert response.status_code == 404
    assert not JobPosting.objects.exists()
