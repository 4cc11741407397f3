"""From trainee to labeler: apply on the public cohort page, get selected, study, get a practice item wrong and
read why, pass the evaluation, then join a project that asks for the qualification and label an item.
A top scorer becomes a reviewer."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.academy.models import CourseItem, Enrolment, EvaluationAttempt, Qualification
from datadam.academy.services import cohorts, qualifications
from datadam.labeling.models import Annotation
from datadam.projects.models import Project, ProjectMembership
from tests import factories
from tests.academy.builders import make_cohort, make_course
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, log_in_by_keyboard

pytestmark = pytest.mark.e2e
ATTEMPT_URL = re.compile(r"/academy/attempts/(\d+)/$")


def answer_evaluation(page: Page, *, right: int) -> None:
    attempt = EvaluationAttempt.objects.get(id=int(ATTEMPT_URL.search(page.url).group(1)))
    items = CourseItem.objects.in_bulk(attempt.item_ids)
    for index, item_id in enumerate(attempt.item_ids):
        gold = items[item_id].gold["sentiment"]
        label = gold if index < right else ("negative" if gold == "positive" else "positive")
        page.locator(f'input[name="i{item_id}-sentiment"][value="{label}"]').check()
    with page.expect_navigation():
        page.get_by_test_id("evaluation-submit").click()


@pytest.mark.django_db(transaction=True)
def test_a_trainee_is_selected_studies_passes_and_labels_in_a_project_that_asks_for_the_qualification(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, axe_check: AxeCheck
) -> None:
    course = make_course(cast.manager, practice=2, evaluation=5)
    cohort = make_cohort(cast.manager, course, selection="review", eligibility_questions=["사는 곳"])
    project = factories.ProjectFactory(
        organization=cast.project.organization,
        name="뉴스 감성 분류",
        created_by=cast.manager,
        join_policy=Project.JoinPolicy.OPEN,
    )
    factories.ItemFactory.create_batch(3, project=project)
    agreement = qualifications.agreement_publish(
        actor=cast.manager, organization=project.organization, key="work", title="작업 약관", text_ko="성실히 합니다."
    )
    qualifications.requirement_set(actor=cast.manager, project=project, data_type="text", agreement=agreement)
    trainee = factories.UserFactory(username="trainee", email="trainee@example.org")

    # The public cohort page, then the application after logging in.
    page.goto(f"{live_server.url}{reverse('academy:cohort')}?code={cohort.code}")
    expect(page.locator("h1")).to_contain_text("텍스트 라벨링 기초")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("apply-link").click()
    log_in_by_keyboard(page, trainee)
    page.get_by_label("사는 곳").fill("대구")
    page.get_by_label(re.compile("답변을 보관")).check()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("apply-submit").click()
    expect(page.get_by_test_id("my-status")).to_contain_text("신청함")

    # The operator selects the applicant.
    operator = browser.new_context(locale="ko-KR").new_page()
    operator.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(operator, cast.manager)
    operator.goto(live_server.url + reverse("academy:cohort_manage", args=[cohort.id]))
    expect(operator.get_by_test_id("applicant")).to_contain_text("사는 곳: 대구")
    axe_check(operator)
    with operator.expect_navigation():
        operator.get_by_test_id("select").click()
    expect(operator.get_by_test_id("applicant")).to_contain_text("수강 확정")
    assert Enrolment.objects.get(user=trainee).status == Enrolment.Status.ENROLLED

    # Study: a lesson, then a practice item answered wrongly shows the answer and the explanation.
    page.goto(live_server.url + reverse("academy:index"))
    with page.expect_navigation():
        page.get_by_test_id("study-link").click()
    axe_check(page)
    page.get_by_role("link", name="감성이란").click()
    with page.expect_navigation():
        page.get_by_test_id("lesson-done").click()
    with page.expect_navigation():
        page.get_by_test_id("practice-link").click()
    page.locator('input[name="sentiment"][value="negative"]').check()
    with page.expect_navigation():
        page.get_by_test_id("practice-check").click()
    feedback = page.get_by_test_id("practice-feedback")
    expect(feedback).to_have_attribute("data-correct", "false")
    expect(feedback).to_contain_text("positive")
    expect(feedback).to_contain_text("해설")
    axe_check(page)

    # The evaluation: 4 of 5 right is a pass as a labeler, not as a reviewer.
    page.goto(live_server.url + reverse("academy:evaluation", args=[course.id]))
    with page.expect_navigation():
        page.get_by_test_id("evaluation-start").click()
    axe_check(page)
    answer_evaluation(page, right=4)
    expect(page.get_by_test_id("attempt-result")).to_contain_text("80%")
    expect(page.get_by_test_id("qualifications")).to_contain_text("라벨러")
    expect(page.get_by_test_id("qualifications")).not_to_contain_text("검수자")
    code = page.get_by_test_id("certificate-code").inner_text()
    axe_check(page)

    # Anyone checks the certificate by its code.
    page.goto(f"{live_server.url}{reverse('academy:verify')}?code={code}")
    expect(page.get_by_test_id("certificate")).to_contain_text("텍스트 라벨링 기초")

    # The project asks for the qualification and an agreement; then the trainee labels an item.
    page.goto(live_server.url + reverse("projects:detail", args=[project.id]))
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("참여")).click()
    expect(page.locator("h1")).to_contain_text("작업 약관")
    axe_check(page)
    page.get_by_role("checkbox").check()
    with page.expect_navigation():
        page.get_by_test_id("agree-and-join").click()
    assert ProjectMembership.objects.filter(project=project, user=trainee, role="labeler").exists()
    page.get_by_test_id("start-labeling").click()
    page.locator('input[name="sentiment"][value="positive"]').check()
    before = page.url
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != before)
    assert Annotation.objects.filter(author=trainee, project=project).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_top_scorer_becomes_a_reviewer(page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck) -> None:
    course = make_course(cast.manager, practice=1, evaluation=5)
    cohorts.cohort_apply(actor=cast.outsider, cohort=make_cohort(cast.manager, course))
    page.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(page, cast.outsider)

    page.goto(live_server.url + reverse("academy:evaluation", args=[course.id]))
    with page.expect_navigation():
        page.get_by_test_id("evaluation-start").click()
    answer_evaluation(page, right=5)

    expect(page.get_by_test_id("attempt-result")).to_contain_text("100%")
    expect(page.get_by_test_id("qualifications")).to_contain_text("검수자")
    assert set(Qualification.objects.filter(user=cast.outsider).values_list("role", flat=True)) == {
        "labeler",
        "reviewer",
    }
