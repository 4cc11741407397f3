"""A visitor finds a job without an account, reads it in full, and is asked to log in only to join — and comes
back to the job afterwards. On a laptop, on a phone and at 320 CSS px (a 1280 px screen at 400 % zoom), the
header folds into a menu button, the language switch stays reachable, and no page scrolls sideways."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.academy.services import cohorts
from datadam.jobs import services
from datadam.projects.models import Project, ProjectMembership
from tests import factories
from tests.academy.builders import make_cohort, make_course
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, log_in_by_keyboard
from tests.e2e.reflow import LAPTOP, NARROWEST, PHONE, assert_no_sideways_scroll

pytestmark = pytest.mark.e2e



def open_job(cast: Cast) -> Project:
    project = factories.ProjectFactory(
        organization=cast.project.organization,
        name="뉴스 기사 감정 분류",
        created_by=cast.manager,
        join_policy=Project.JoinPolicy.OPEN,
        rate_per_item=80,
    )
    factories.ItemFactory.create_batch(3, project=project)
    services.posting_publish(actor=cast.manager, project=project, labeler_openings=20, location="서울 어디서나")
    return project


def shot(page: Page, name: str, artifacts_dir: Path) -> None:
    """A viewport-sized picture for a person to look at (docs/screenshots keeps a copy of each width's)."""
    page.screenshot(path=artifacts_dir / f"{name}.png")


@pytest.mark.django_db(transaction=True)
def test_visitor_reads_a_job_then_logs_in_to_join_and_comes_back_at_320_px(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    project = open_job(cast)
    page.set_viewport_size(NARROWEST)

    # The board and the job's page are open to anyone; nothing on them scrolls sideways.
    page.goto(live_server.url + reverse("jobs:board"))
    assert_no_sideways_scroll(page)
    with page.expect_navigation():
        page.get_by_role("link", name="뉴스 기사 감정 분류").click()
    expect(page.get_by_test_id("job-rate")).to_contain_text("80")
    expect(page.get_by_text(cast.project.name)).to_have_count(0)
    assert_no_sideways_scroll(page)
    axe_check(page)
    shot(page, "job-visitor-320", artifacts_dir)

    # The menu is one button; by keyboard it opens, shows the groups and the language switch, and Escape closes it.
    menu = page.get_by_test_id("menu-button")
    expect(page.get_by_test_id("nav-jobs")).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_test_id("nav-jobs")).to_be_visible()
    expect(page.get_by_label("언어")).to_be_visible()
    assert_no_sideways_scroll(page)
    axe_check(page)
    shot(page, "menu-open-320", artifacts_dir)
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")

    # Joining asks to log in, and logging in comes back to the job, where the visitor joins.
    with page.expect_navigation():
        page.get_by_test_id("job-log-in").click()
    assert_no_sideways_scroll(page)
    log_in_by_keyboard(page, cast.outsider)
    expect(page).to_have_url(live_server.url + reverse("jobs:detail", args=[project.id]))
    with page.expect_navigation():
        page.get_by_test_id("job-join").click()
    expect(page).to_have_url(live_server.url + reverse("projects:detail", args=[project.id]))
    assert ProjectMembership.objects.filter(project=project, user=cast.outsider, role="labeler").exists()
    assert_no_sideways_scroll(page)
    axe_check(page)


@pytest.mark.django_db(transaction=True)
def test_job_page_fits_a_laptop_and_a_phone_in_korean_and_english(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    project = open_job(cast)
    job_url = live_server.url + reverse("jobs:detail", args=[project.id])

    # On a laptop the groups sit in one bar, and the language switch is in it.
    page.set_viewport_size(LAPTOP)
    page.goto(job_url)
    expect(page.get_by_test_id("menu-button")).to_be_hidden()
    expect(page.get_by_test_id("nav-jobs")).to_be_visible()
    assert_no_sideways_scroll(page)
    axe_check(page)
    shot(page, "job-visitor-1366", artifacts_dir)

    # On a phone, in English (picked from the menu), the page still fits and reads clean.
    page.set_viewport_size(PHONE)
    page.get_by_test_id("menu-button").click()
    page.get_by_label("언어").select_option("en")
    with page.expect_navigation():
        page.get_by_role("button", name="변경").click()
    expect(page.get_by_test_id("job-log-in")).to_have_text("Log in to join")
    assert_no_sideways_scroll(page)
    axe_check(page)
    shot(page, "job-visitor-390-en", artifacts_dir)


@pytest.mark.django_db(transaction=True)
def test_visitor_finds_a_full_cohort_in_the_academy_and_logs_in_to_join_its_waiting_list_at_320_px(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    cohort = make_cohort(cast.manager, make_course(cast.manager), seats=1)
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort, consent=True)
    page.set_viewport_size(NARROWEST)

    # The catalogue is public and says the cohort is full before anyone applies.
    page.goto(live_server.url + reverse("academy:index"))
    expect(page.get_by_test_id("cohort-seats")).to_contain_text("대기자 명단")
    expect(page.get_by_test_id("study-time")).to_contain_text("약")
    assert_no_sideways_scroll(page)
    axe_check(page)
    shot(page, "academy-visitor-320", artifacts_dir)

    # The course's own overview is public too: its lessons, and its cohorts with seats.
    with page.expect_navigation():
        page.get_by_test_id("course-link").click()
    expect(page.get_by_test_id("lessons")).to_contain_text("감성이란")
    expect(page.get_by_test_id("course-log-in")).to_be_visible()
    assert_no_sideways_scroll(page)
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="1기").click()
    expect(page.get_by_test_id("seats")).to_contain_text("정원이 찼습니다")
    assert_no_sideways_scroll(page)
    axe_check(page)

    # Applying asks to log in and comes back to the application form.
    with page.expect_navigation():
        page.get_by_test_id("apply-link").click()
    log_in_by_keyboard(page, cast.outsider)
    expect(page).to_have_url(live_server.url + reverse("academy:apply", args=[cohort.code]))
    assert_no_sideways_scroll(page)
