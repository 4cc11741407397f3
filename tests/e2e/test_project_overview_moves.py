"""The manager watches the project overview while a labeler works: the stage table and the per-day chart move."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling import services as labeling
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn

pytestmark = pytest.mark.e2e


TASK_URL = re.compile(r"/projects/\d+/tasks/\d+/$")
DRAWN = re.compile("box-sizing")  # chart.js sizes a canvas it draws on


@pytest.mark.django_db(transaction=True)
def test_the_overview_chart_moves_as_a_labeler_works(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast,
    log_in: LogIn, axe_check: AxeCheck,
) -> None:
    log_in(page, cast.manager)
    page.goto(f"{live_server.url}/projects/{cast.project.id}/")
    expect(page.get_by_test_id("manage-menu")).to_be_visible()
    expect(page.locator('[data-stage="submitted"]')).to_have_text("라벨 0개")
    axe_check(page)

    labeler_context = browser.new_context(**browser_context_args)
    labeler_page = labeler_context.new_page()
    log_in(labeler_page, cast.labeler)
    labeler_page.goto(f"{live_server.url}/projects/{cast.project.id}/")
    labeler_page.get_by_test_id("start-labeling").click()
    labeler_page.wait_for_url(TASK_URL)
    first_task = labeler_page.url
    labeler_page.keyboard.press("1")
    labeler_page.keyboard.press("Enter")
    labeler_page.wait_for_url(lambda url: url != first_task and TASK_URL.search(url) is not None)
    labeler_context.close()
    lease = labeling.assignment_lease_next(actor=cast.labeler2, project=cast.project)
    labeling.annotation_submit(actor=cast.labeler2, assignment_id=lease.id, result={"sentiment": "negative"})

    page.reload()
    expect(page.locator('[data-stage="submitted"]')).to_have_text("라벨 2개")
    expect(page.get_by_test_id("workers-table")).to_contain_text(str(cast.labeler))
    expect(page.locator("#chart-days")).to_have_attribute("style", DRAWN)
    expect(page.locator("#chart-workers")).to_have_attribute("style", DRAWN)
    assert page.get_by_test_id("days-table").locator("td.amount").last.inner_text() == "2"
    axe_check(page)
