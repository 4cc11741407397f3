"""From course to paid work, on a phone: a trainee takes the timed evaluation (the countdown stays in view to the
last item), passes, and the result page lists the job the pass opened, with its pay; one tap joins it. The result
page fits 320 CSS px and reads clean in Korean and English."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.academy.models import ProjectRequirement
from datadam.academy.services import cohorts
from datadam.jobs import services
from datadam.projects.models import Project, ProjectMembership
from tests import factories
from tests.academy.builders import make_cohort, make_course
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.reflow import PHONE, assert_no_sideways_scroll, assert_reflows
from tests.e2e.test_academy_trainee_to_labeler import answer_evaluation

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_trainee_passes_on_a_phone_and_joins_the_job_the_pass_opened_from_the_result_page(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    course = make_course(cast.manager, practice=1, evaluation=5, time_limit_minutes=20)
    cohorts.cohort_apply(actor=cast.outsider, cohort=make_cohort(cast.manager, course), consent=True)
    job = factories.ProjectFactory(
        organization=cast.project.organization,
        name="뉴스 감정 분류",
        created_by=cast.manager,
        join_policy=Project.JoinPolicy.OPEN,
        rate_per_item=90,
    )
    factories.ItemFactory.create_batch(2, project=job)
    ProjectRequirement.objects.create(project=job, data_type="text")
    services.posting_publish(actor=cast.manager, project=job, labeler_openings=10)
    page.set_viewport_size(PHONE)
    log_in(page, cast.outsider)

    # The countdown stays on screen while the trainee scrolls down to hand in.
    page.goto(live_server.url + reverse("academy:evaluation", args=[course.id]))
    with page.expect_navigation():
        page.get_by_test_id("evaluation-start").click()
    page.get_by_test_id("evaluation-submit").scroll_into_view_if_needed()
    timer = page.get_by_test_id("timer").bounding_box()
    assert timer is not None and 0 <= timer["y"] < PHONE["height"], f"the countdown scrolled away: {timer}"
    expect(page.get_by_test_id("timer")).to_contain_text(re.compile(r"남은 시간 \d+:\d\d"))
    assert_no_sideways_scroll(page)
    answer_evaluation(page, right=5)

    # The result names the job the pass opened, with its pay, and joins it in one tap.
    opened = page.get_by_test_id(f"opened-job-{job.id}")
    expect(opened).to_contain_text("뉴스 감정 분류")
    expect(opened.get_by_test_id("pay-rate")).to_contain_text("90")
    assert_no_sideways_scroll(page)
    axe_check(page)
    page.screenshot(path=artifacts_dir / "result-opened-job-390.png", full_page=True)
    assert_reflows(page)
    axe_check(page)
    page.screenshot(path=artifacts_dir / "result-opened-job-320.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.get_by_test_id("menu-button").click()
    page.get_by_label("언어").select_option("en")
    with page.expect_navigation():
        page.get_by_role("button", name="변경").click()
    expect(opened.get_by_test_id("opened-job-join")).to_contain_text("Join")
    axe_check(page)
    with page.expect_navigation():
        opened.get_by_test_id("opened-job-join").click()
    expect(page).to_have_url(live_server.url + reverse("projects:detail", args=[job.id]))
    assert ProjectMembership.objects.filter(project=job, user=cast.outsider, role="labeler").exists()
