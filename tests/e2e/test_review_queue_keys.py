"""A reviewer works through one queue across two projects by keyboard alone: the oldest piece first, A accepts
it, the next comes from the other project, a number key picks a reason and R sends it back. Their own figures
show the verdicts; the manager's reviewers page and the item's history show them too."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.projects.models import ProjectMembership
from datadam.review.models import Review
from tests import factories
from tests.chain import submit
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn

pytestmark = pytest.mark.e2e

REVIEW_WORK_URL = re.compile(r"/projects/(\d+)/review/(\d+)/$")


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_clears_a_queue_across_projects_by_keyboard(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    other = factories.ProjectFactory(organization=cast.project.organization, name="A 두 번째")
    factories.ProjectMembershipFactory(project=other, user=cast.reviewer, role=ProjectMembership.Role.REVIEWER)
    factories.ProjectMembershipFactory(project=other, user=cast.labeler2)
    factories.ItemFactory(project=other)
    oldest = submit(cast.labeler2, other)
    newer = submit(cast.labeler, cast.project)
    first_reason = cast.project.reject_reasons[0]

    log_in(page, cast.reviewer)
    page.goto(live_server.url + reverse("review:queue"))
    expect(page.get_by_test_id("review-queue")).to_contain_text("A 두 번째")
    axe_check(page)
    page.get_by_test_id("queue-start").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert REVIEW_WORK_URL.search(page.url).group(2) == str(oldest.id)
    axe_check(page)

    with page.expect_navigation():
        page.keyboard.press("a")
    page.wait_for_url(REVIEW_WORK_URL)
    assert REVIEW_WORK_URL.search(page.url).group(2) == str(newer.id)

    page.keyboard.press("1")
    expect(page.get_by_test_id("reject-reason")).to_have_value(first_reason)
    with page.expect_navigation():
        page.keyboard.press("r")
    page.wait_for_url(re.compile(r"/projects/review/next/$"))
    expect(page.get_by_test_id("queue-empty")).to_be_visible()

    verdicts = dict(Review.objects.filter(reviewer=cast.reviewer).values_list("annotation_id", "verdict"))
    assert verdicts == {oldest.id: "accept", newer.id: "reject"}
    assert Review.objects.get(annotation=newer).reason == first_reason

    page.goto(live_server.url + reverse("review:my_reviewing", args=[cast.project.id]))
    expect(page.get_by_test_id("my-reviewer-figures")).to_contain_text(first_reason)
    axe_check(page)

    page.context.clear_cookies()
    log_in(page, cast.manager)
    page.goto(live_server.url + reverse("review:reviewers", args=[cast.project.id]))
    expect(page.get_by_test_id(f"reviewer-row-{cast.reviewer.username}")).to_contain_text(first_reason)
    axe_check(page)
    page.goto(live_server.url + reverse("review:item_history", args=[cast.project.id, newer.item_id]))
    expect(page.get_by_test_id("item-history").locator('[data-kind="reject"]')).to_contain_text(first_reason)
    axe_check(page)
