"""An operator's academy pages pass axe, in Korean and in English, and a cohort is made by keyboard alone."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.academy.models import Cohort
from datadam.academy.services import cohorts
from tests.academy.builders import make_cohort, make_course
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, log_in_by_keyboard

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_operator_pages_are_accessible_and_a_cohort_is_made_by_keyboard(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck
) -> None:
    course = make_course(cast.manager)
    cohort = make_cohort(cast.manager, course, mode="classroom", sessions=3, required_attendance=2)
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    page.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(page, cast.manager)

    for name, args in [
        ("academy:index", []),
        ("academy:manage", []),
        ("academy:agreements", []),
        ("academy:course_manage", [course.id]),
        ("academy:cohort_manage", [cohort.id]),
        ("academy:attendance", [cohort.id]),
        ("academy:project_people", [cast.project.id]),
        ("academy:cohort_create", [course.id]),
    ]:
        page.goto(live_server.url + reverse(name, args=args))
        expect(page.locator("h1")).to_be_visible()
        axe_check(page)

    # On the new-cohort form (the last page above), by keyboard: type each field, Tab to the next.
    page.locator("#id_number").fill("2")
    page.locator("#id_enrol_opens_at").fill("2026-12-01T09:00")
    page.locator("#id_enrol_closes_at").fill("2026-12-10T18:00")
    page.locator("#id_starts_on").fill("2026-12-14")
    page.locator("#id_ends_on").fill("2026-12-24")
    page.locator("#id_seats").fill("-5")
    page.get_by_role("button", name="기수 만들기").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".form-errors")).to_contain_text("정원")
    page.locator("#id_seats").fill("20")
    page.get_by_role("button", name="기수 만들기").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("2기")
    assert Cohort.objects.filter(course=course, number=2, seats=20).exists()


@pytest.mark.django_db(transaction=True)
def test_the_trainee_pages_read_in_english(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck
) -> None:
    course = make_course(cast.manager)
    cohort = make_cohort(cast.manager, course)
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    page.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(page, cast.labeler)
    page.locator("#language-select").select_option("en")
    page.locator("#language-select").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(live_server.url + reverse("academy:index"))
    expect(page.locator("h1")).to_have_text("Academy")
    expect(page.get_by_test_id("my-enrolment")).to_contain_text("Text labeling basics")
    axe_check(page)
    page.goto(live_server.url + reverse("academy:course", args=[course.id]))
    expect(page.get_by_test_id("evaluation-link")).to_have_text("Evaluation")
    page.goto(f"{live_server.url}{reverse('academy:cohort')}?code={cohort.code}")
    expect(page.get_by_test_id("my-status")).to_contain_text("Enrolled")
    axe_check(page)
