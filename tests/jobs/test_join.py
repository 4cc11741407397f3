"""Joining from the board needs a log-in and the qualification; without it the page names the course."""

import pytest

from datadam.academy.models import AgreementAcceptance, Course, ParticipationAgreement, ProjectRequirement
from datadam.core.errors import PermissionDenied
from datadam.jobs import services
from datadam.jobs.models import JobPosting
from datadam.projects.models import ProjectMembership
from tests.conftest import Cast, client_for
from tests.jobs.conftest import qualify

pytestmark = pytest.mark.django_db


def test_qualified_worker_joins_from_the_board_as_a_labeler(cast: Cast, posting: JobPosting) -> None:
    qualify(cast.outsider)

    response = client_for(cast.outsider).post(f"/jobs/{posting.project_id}/join/")

    assert response.status_code == 302
    assert ProjectMembership.objects.filter(project=posting.project, user=cast.outsider, role="labeler").exists()


def test_worker_without_the_qualification_is_told_which_course_gives_it(
    cast: Cast, posting: JobPosting, course: Course
) -> None:
    client = client_for(cast.outsider)

    page = client.get(f"/jobs/{posting.project_id}/").content.decode()
    response = client.post(f"/jobs/{posting.project_id}/join/")

    assert course.title in page and 'data-testid="job-join"' not in page
    assert response.status_code == 403 and course.title in response.content.decode()
    assert not ProjectMembership.objects.filter(project=posting.project, user=cast.outsider).exists()


def test_a_qualification_for_another_data_type_does_not_count(cast: Cast, posting: JobPosting) -> None:
    qualify(cast.outsider, data_type="image")

    with pytest.raises(PermissionDenied):
        services.job_join(actor=cast.outsider, posting=posting)


def test_nobody_joins_a_closed_posting(cast: Cast, posting: JobPosting) -> None:
    qualify(cast.outsider)
    services.posting_publish(actor=cast.manager, project=posting.project, is_open=False)

    response = client_for(cast.outsider).post(f"/jobs/{posting.project_id}/join/")

    assert response.status_code == 404
    assert not ProjectMembership.objects.filter(project=posting.project, user=cast.outsider).exists()


def test_nobody_joins_an_invite_only_project_through_the_board(cast: Cast) -> None:
    services.posting_publish(actor=cast.manager, project=cast.project, labeler_openings=5)

    response = client_for(cast.outsider).post(f"/jobs/{cast.project.id}/join/")

    assert response.status_code == 404
    assert not ProjectMembership.objects.filter(project=cast.project, user=cast.outsider).exists()


def test_a_project_with_an_agreement_is_joined_by_accepting_it(cast: Cast, posting: JobPosting) -> None:
    agreement = ParticipationAgreement.objects.create(
        organization=posting.project.organization, key="work", title="작업 약관", text_ko="비밀을 지킵니다."
    )
    ProjectRequirement.objects.filter(project=posting.project).update(agreement=agreement)
    qualify(cast.outsider)
    client = client_for(cast.outsider)

    page = client.get(f"/jobs/{posting.project_id}/").content.decode()
    without = client.post(f"/jobs/{posting.project_id}/join/")
    accepted = client.post(f"/jobs/{posting.project_id}/join/", {"agree": "1"})

    assert "비밀을 지킵니다." in page and 'name="agree"' in page
    assert without.status_code == 302 and "/agreement/" in without.url
    assert accepted.status_code == 302
    assert ProjectMembership.objects.filter(project=posting.project, user=cast.outsider).exists()
    assert AgreementAcceptance.objects.filter(user=cast.outsider, agreement=agreement).exists()
