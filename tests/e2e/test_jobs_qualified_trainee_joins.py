"""A trainee who passed the course finds a project on the public job board and joins it; someone without the
qualification is told which course gives it."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.academy.models import Course, ProjectRequirement, Qualification
from datadam.jobs import services
from datadam.projects.models import Project, ProjectMembership
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, log_in_by_keyboard

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_qualified_trainee_finds_a_job_on_the_board_and_joins_it(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck
) -> None:
    project = factories.ProjectFactory(
        organization=cast.project.organization,
        name="뉴스 기사 분류",
        created_by=cast.manager,
        join_policy=Project.JoinPolicy.OPEN,
        rate_per_item=50,
    )
    factories.ItemFactory.create_batch(4, project=project)
    ProjectRequirement.objects.create(project=project, data_type="text")
    Course.objects.create(
        organization=cast.project.organization,
        title_ko="텍스트 라벨링 기초",
        title_en="Text labeling basics",
        data_types=["text"],
        created_by=cast.manager,
    )
    services.posting_publish(actor=cast.manager, project=project, labeler_openings=100, reviewer_openings=10)
    trainee = factories.UserFactory(username="trainee")
    Qualification.objects.create(user=trainee, data_type="text", role="labeler")

    # Anyone can browse the board and narrow it to text jobs.
    page.goto(live_server.url + reverse("jobs:board"))
    page.get_by_label("데이터 유형").select_option("text")
    with page.expect_navigation():
        page.get_by_role("button", name="일자리 보기").click()
    card = page.get_by_test_id(f"job-{project.id}")
    expect(card).to_contain_text("뉴스 기사 분류")
    expect(card.get_by_test_id("job-rate")).to_contain_text("50")
    expect(card.get_by_test_id("job-requirement")).to_contain_text("텍스트 라벨링 기초")
    expect(page.get_by_text(cast.project.name)).to_have_count(0)  # invite-only: not on the board
    axe_check(page)

    # The job's page is public; joining asks to log in, and logging in comes back to the job.
    with page.expect_navigation():
        card.get_by_role("link", name="뉴스 기사 분류").click()
    with page.expect_navigation():
        page.get_by_test_id("job-log-in").click()
    log_in_by_keyboard(page, trainee)
    expect(page).to_have_url(live_server.url + reverse("jobs:detail", args=[project.id]))
    expect(page.get_by_test_id("join-refusal")).to_have_count(0)
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("job-join").click()

    expect(page).to_have_url(live_server.url + reverse("projects:detail", args=[project.id]))
    assert ProjectMembership.objects.filter(project=project, user=trainee, role="labeler").exists()


@pytest.mark.django_db(transaction=True)
def test_worker_without_the_qualification_is_shown_the_course(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck
) -> None:
    project = factories.ProjectFactory(
        organization=cast.project.organization, name="뉴스 기사 분류", created_by=cast.manager
    )
    ProjectRequirement.objects.create(project=project, data_type="text")
    Course.objects.create(
        organization=cast.project.organization,
        title_ko="텍스트 라벨링 기초",
        title_en="Text labeling basics",
        data_types=["text"],
        created_by=cast.manager,
    )
    services.posting_publish(actor=cast.manager, project=project, labeler_openings=5)

    page.goto(live_server.url + reverse("jobs:detail", args=[project.id]))
    with page.expect_navigation():
        page.get_by_test_id("job-log-in").click()
    log_in_by_keyboard(page, cast.outsider)

    expect(page.get_by_test_id("join-refusal")).to_contain_text("텍스트 라벨링 기초")
    expect(page.get_by_test_id("job-join")).to_have_count(0)
    axe_check(page)
