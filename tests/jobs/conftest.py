import pytest

from datadam.academy.models import Course, ProjectRequirement, Qualification
from datadam.jobs import services
from datadam.jobs.models import JobPosting
from datadam.projects.models import Project
from tests import factories
from tests.conftest import Cast


@pytest.fixture
def open_project(cast: Cast) -> Project:
    """A's second project, open to anyone, that needs a text labeler qualification, with 3 items to label."""
    project = factories.ProjectFactory(
        organization=cast.project.organization,
        name="A 뉴스 분류",
        created_by=cast.manager,
        join_policy=Project.JoinPolicy.OPEN,
        rate_per_item=120,
    )
    factories.ItemFactory.create_batch(3, project=project)
    ProjectRequirement.objects.create(project=project, data_type="text")
    return project


@pytest.fixture
def course(cast: Cast) -> Course:
    return Course.objects.create(
        organization=cast.project.organization,
        title_ko="텍스트 라벨링 기초",
        title_en="Text labeling basics",
        data_types=["text"],
        created_by=cast.manager,
    )


@pytest.fixture
def posting(cast: Cast, open_project: Project) -> JobPosting:
    return services.posting_publish(
        actor=cast.manager, project=open_project, labeler_openings=100, reviewer_openings=10, mode="remote"
    )


def qualify(user, data_type: str = "text") -> Qualification:
    return Qualification.objects.create(user=user, data_type=data_type, role="labeler")
