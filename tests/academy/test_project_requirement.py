import pytest

from datadam.academy import selectors
from datadam.academy.models import AgreementAcceptance, Course, Qualification
from datadam.academy.services import qualifications
from datadam.core.errors import NotFound, PermissionDenied
from datadam.projects import services as project_services
from datadam.projects.models import Project, ProjectMembership
from tests import factories
from tests.conftest import Cast, client_for


@pytest.fixture
def open_project(cast: Cast) -> Project:
    return factories.ProjectFactory(
        organization=cast.project.organization, created_by=cast.manager, join_policy=Project.JoinPolicy.OPEN
    )


def test_a_project_without_a_requirement_is_open_to_anyone(cast: Cast, open_project: Project) -> None:
    project_services.project_join(actor=cast.outsider, project=open_project)

    assert selectors.user_meets_requirement(cast.outsider, open_project)


def test_joining_without_the_qualification_is_refused_naming_the_course(
    cast: Cast, course: Course, open_project: Project
) -> None:
    qualifications.requirement_set(actor=cast.manager, project=open_project, data_type="text")

    with pytest.raises(PermissionDenied, match="텍스트 라벨링 기초"):
        project_services.project_join(actor=cast.outsider, project=open_project)
    assert not ProjectMembership.objects.filter(project=open_project).exists()
    response = client_for(cast.outsider).post(f"/api/v1/projects/{open_project.id}/join")
    assert response.status_code == 403 and "텍스트 라벨링 기초" in response.json()["detail"]


def test_a_qualified_person_joins_and_their_acceptance_of_the_agreement_is_recorded(
    cast: Cast, course: Course, open_project: Project
) -> None:
    agreement = qualifications.agreement_publish(
        actor=cast.manager, organization=open_project.organization, key="work", title="참여 약관", text_ko="성실히"
    )
    qualifications.requirement_set(actor=cast.manager, project=open_project, data_type="text", agreement=agreement)
    Qualification.objects.create(user=cast.outsider, data_type="text", role="labeler", course=course)
    client = client_for(cast.outsider)

    first = client.post(f"/projects/{open_project.id}/join/")
    joined = client.post(f"/projects/{open_project.id}/join/", {"agree": "1"})

    assert first.status_code == 302 and first.url == f"/academy/projects/{open_project.id}/agreement/"
    assert joined.status_code == 302
    assert ProjectMembership.objects.filter(project=open_project, user=cast.outsider).exists()
    acceptance = AgreementAcceptance.objects.get(user=cast.outsider)
    assert (acceptance.agreement.version, acceptance.context) == (1, f"project:{open_project.id}")


def test_a_reviewer_qualification_counts_for_labeler_work_and_a_subject_must_match(
    cast: Cast, open_project: Project
) -> None:
    qualifications.requirement_set(actor=cast.manager, project=open_project, data_type="text", subject="medical")
    Qualification.objects.create(user=cast.outsider, data_type="text", role="reviewer")
    assert not selectors.user_meets_requirement(cast.outsider, open_project)

    Qualification.objects.create(user=cast.outsider, data_type="text", subject="medical", role="reviewer")

    assert selectors.user_meets_requirement(cast.outsider, open_project)


def test_a_manager_promotes_a_suggested_labeler_to_reviewer(cast: Cast) -> None:
    candidates = selectors.reviewer_candidates(project=cast.project)
    assert {candidate.user.username for candidate in candidates} == {"labeler", "labeler2"}

    qualifications.reviewer_promote(actor=cast.manager, project=cast.project, user=cast.labeler)

    assert ProjectMembership.objects.filter(project=cast.project, user=cast.labeler, role="reviewer").exists()
    assert Qualification.objects.get(user=cast.labeler).role == "reviewer"
    with pytest.raises(NotFound):
        qualifications.reviewer_promote(actor=cast.manager_b, project=cast.project, user=cast.labeler2)
