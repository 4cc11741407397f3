"""After passing the evaluation, the result page points to the work it opened: the board's jobs that ask for the
qualification just earned, each with its pay and a join button; jobs of other data types, jobs already joined
and jobs off the board are not listed, and a failed attempt lists none."""

import pytest

from datadam.academy.models import Cohort, ProjectRequirement
from datadam.academy.services import cohorts, learning
from datadam.jobs import services
from datadam.projects.models import Project, ProjectMembership
from tests import factories
from tests.academy.builders import evaluation_answers, make_cohort, make_course
from tests.conftest import Cast, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(cast: Cast) -> Cohort:
    return make_cohort(cast.manager, make_course(cast.manager))


def job(cast: Cast, name: str, data_type: str = "text", **fields: object) -> Project:
    project = factories.ProjectFactory(
        organization=cast.project.organization,
        name=name,
        created_by=cast.manager,
        join_policy=Project.JoinPolicy.OPEN,
        rate_per_item=90,
        data_type=data_type,
        **fields,
    )
    ProjectRequirement.objects.create(project=project, data_type=data_type)
    services.posting_publish(actor=cast.manager, project=project, labeler_openings=5)
    return project


def result_page(cast: Cast, cohort: Cohort, right: int) -> str:
    cohorts.cohort_apply(actor=cast.outsider, cohort=cohort, consent=True)
    attempt = learning.evaluation_start(actor=cast.outsider, course=cohort.course)
    learning.evaluation_submit(actor=cast.outsider, attempt=attempt, answers=evaluation_answers(attempt, right=right))
    return client_for(cast.outsider).get(f"/academy/attempts/{attempt.id}/").content.decode()


def test_passing_lists_the_text_jobs_now_open_with_pay_and_a_join_button(cast: Cast, cohort: Cohort) -> None:
    news = job(cast, "뉴스 감정 분류")
    job(cast, "도로 사진 상자", data_type="image")
    joined = job(cast, "이미 하는 일")
    ProjectMembership.objects.create(project=joined, user=cast.outsider, role="labeler")
    hidden = job(cast, "숨긴 일", hidden=True)

    page = result_page(cast, cohort, right=5)

    assert f'data-testid="opened-job-{news.id}"' in page
    assert "90원" in page and f'action="/jobs/{news.id}/join/"' in page
    assert "도로 사진 상자" not in page and "이미 하는 일" not in page and hidden.name not in page


def test_the_join_button_joins_the_job(cast: Cast, cohort: Cohort) -> None:
    news = job(cast, "뉴스 감정 분류")
    result_page(cast, cohort, right=5)

    answer = client_for(cast.outsider).post(f"/jobs/{news.id}/join/")

    assert answer.status_code == 302 and answer.url == f"/projects/{news.id}/"
    assert ProjectMembership.objects.filter(project=news, user=cast.outsider, role="labeler").exists()


def test_a_failed_attempt_lists_no_jobs(cast: Cast, cohort: Cohort) -> None:
    job(cast, "뉴스 감정 분류")

    page = result_page(cast, cohort, right=1)

    assert 'data-testid="opened-jobs"' not in page
