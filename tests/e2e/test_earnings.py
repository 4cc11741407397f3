"""Getting paid: a labeler labels two items by keyboard, a reviewer accepts both, and the labeler finds the money
under "My earnings" and on this month's statement, row by row, with the total; the statement prints clean."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Annotation
from datadam.pay.selectors import Period
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn

pytestmark = pytest.mark.e2e

TASK_URL = re.compile(r"/projects/\d+/tasks/(\d+)/$")
REVIEW_WORK_URL = re.compile(r"/projects/\d+/review/(\d+)/$")
RATE = 120


def follow_by_keyboard(page: Page, locator) -> None:
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.django_db(transaction=True)
def test_labeler_sees_accepted_work_in_my_earnings_and_on_this_months_statement(
    page: Page,
    browser: Browser,
    browser_context_args: dict,
    live_server: LiveServer,
    cast: Cast,
    log_in: LogIn,
    axe_check: AxeCheck,
    artifacts_dir: Path,
) -> None:
    cast.project.rate_per_item = RATE
    cast.project.save()
    project_url = live_server.url + reverse("projects:detail", args=[cast.project.id])

    # The labeler labels two items by keyboard; the page counts the time it is in use.
    labeler = page
    log_in(labeler, cast.labeler)
    labeler.goto(project_url)
    follow_by_keyboard(labeler, labeler.get_by_test_id("start-labeling"))
    labeler.wait_for_url(TASK_URL)
    expect(labeler.locator('#label-form input[name="active_seconds"]')).not_to_have_value("0", timeout=5_000)
    for key in ["1", "2"]:
        labeler.keyboard.press(key)
        before = labeler.url
        labeler.keyboard.press("Enter")
        labeler.wait_for_url(lambda url, before=before: url != before)
    assert Annotation.objects.filter(author=cast.labeler).count() == 2
    assert Annotation.objects.filter(author=cast.labeler, active_seconds__gt=0).exists()

    # The reviewer accepts both.
    reviewer_context = browser.new_context(**browser_context_args)
    try:
        reviewer = reviewer_context.new_page()
        log_in(reviewer, cast.reviewer)
        reviewer.goto(live_server.url + reverse("review:start", args=[cast.project.id]))
        for _ in range(2):
            assert REVIEW_WORK_URL.search(reviewer.url), f"no work to review at {reviewer.url}"
            follow_by_keyboard(reviewer, reviewer.get_by_test_id("accept"))
        expect(reviewer.get_by_test_id("accept")).to_have_count(0)
    finally:
        reviewer_context.close()

    # The labeler opens "My earnings" from the menu and finds the two items' pay.
    labeler.goto(project_url)
    follow_by_keyboard(labeler, labeler.get_by_test_id("nav-earnings"))
    expect(labeler.get_by_test_id("earned-this-month")).to_contain_text("240")
    expect(labeler.get_by_test_id("earned-today")).to_contain_text("240")
    axe_check(labeler)
    labeler.screenshot(path=artifacts_dir / "earnings-ko.png", full_page=True)

    # This month's statement: both rows and the total; printed, the menu and buttons are left out.
    month = str(Period.current())
    follow_by_keyboard(labeler, labeler.get_by_test_id("statement-links").get_by_role("link", name=month))
    rows = labeler.locator('[data-testid="statement-rows"] tbody tr')
    expect(rows).to_have_count(1)  # the day's two items in the project make one line
    expect(rows.first).to_contain_text(cast.project.name)
    expect(rows.first).to_contain_text(f"{2 * RATE}")
    expect(labeler.get_by_test_id("statement-net")).to_be_visible()
    expect(labeler.get_by_test_id("statement-total")).to_contain_text("240")
    axe_check(labeler)
    labeler.screenshot(path=artifacts_dir / "statement-ko.png", full_page=True)
    labeler.emulate_media(media="print")
    expect(labeler.locator("body > header nav")).to_be_hidden()
    for button in labeler.locator("button, [role=button]").all():
        expect(button).to_be_hidden()
    expect(labeler.get_by_test_id("statement-total")).to_be_visible()
    labeler.screenshot(path=artifacts_dir / "statement-print.png", full_page=True)
