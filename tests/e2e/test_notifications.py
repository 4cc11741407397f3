"""A labeler sees a rejection in notifications: the reviewer sends work back with a reason, the bell in the header
counts it, the notifications page says which project and why (also in easy-read mode), and "Open" leads to the
rework."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling import services as labeling
from datadam.review import services as review
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.reflow import PHONE, assert_reflows

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).parents[2] / "docs/screenshots"
REASON = "부정 리뷰인데 긍정으로 골랐어요"
TASK_URL = re.compile(r"/projects/\d+/tasks/\d+/$")


@pytest.mark.django_db(transaction=True)
def test_labeler_sees_a_rejection_and_its_reason_in_notifications(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}
    )
    review.review_reject(actor=cast.reviewer, annotation_id=annotation.id, comment=REASON)

    page.set_viewport_size(PHONE)
    log_in(page, cast.labeler)
    page.goto(live_server.url + reverse("projects:list"))
    bell = page.get_by_test_id("notification-bell")
    expect(bell.get_by_test_id("notification-count")).to_have_text("1")
    bell.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    notice = page.get_by_test_id("notification").first
    expect(notice.get_by_test_id("notification-message")).to_contain_text(cast.project.name)
    expect(notice.get_by_test_id("notification-message")).to_contain_text(REASON)
    axe_check(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "notifications-390.png")
    assert_reflows(page)

    # Easy-read mode, from the header's menu: larger text and plain words, still without sideways scrolling.
    page.set_viewport_size(PHONE)
    page.get_by_test_id("menu-button").click()
    with page.expect_navigation():
        page.get_by_test_id("easy-read").click()
    expect(notice.get_by_test_id("notification-message")).to_contain_text("작업을 다시 해야 해요")
    axe_check(page)
    page.screenshot(path=SCREENSHOTS / "notifications-easy-read-390.png")
    assert_reflows(page)

    with page.expect_navigation():
        notice.get_by_role("button", name="보러 가기").click()
    page.wait_for_url(TASK_URL)
    expect(page.get_by_test_id("rework-feedback")).to_contain_text(REASON)
    expect(page.get_by_test_id("notification-count")).to_have_count(0)
