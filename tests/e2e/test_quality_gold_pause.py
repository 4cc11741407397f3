"""A worker fails hidden gold items and is paused on the project, with the reason shown where they would take
their next task and on their own quality page; the manager sees the pause in the worker table and lifts it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.quality import services
from datadam.quality.models import QualityPolicy
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn

pytestmark = pytest.mark.e2e

TASK_URL = re.compile(r"/projects/\d+/tasks/(\d+)/$")


@pytest.mark.django_db(transaction=True)
def test_a_worker_who_fails_gold_items_is_paused_with_the_reason_shown(
    page: Page,
    browser: Browser,
    browser_context_args: dict,
    live_server: LiveServer,
    cast: Cast,
    log_in: LogIn,
    axe_check: AxeCheck,
) -> None:
    for number in range(3):
        services.gold_item_create(
            actor=cast.manager, project=cast.project, data={"text": f"최고예요 {number}"},
            answer={"sentiment": "positive"},
        )  # fmt: skip
    # Every task is a check item here, so the story is short; the usual share is a few in a hundred.
    QualityPolicy.objects.create(
        project=cast.project, honeypot_share=1.0, min_gold_answers=3, accuracy_floor=0.6,
        flag_action=QualityPolicy.Action.PAUSE,
    )  # fmt: skip

    labeler = page
    log_in(labeler, cast.labeler)
    start = live_server.url + reverse("labeling:start", args=[cast.project.id])
    labeler.goto(start)
    labeler.wait_for_url(TASK_URL)
    for _ in range(3):  # the worker cannot tell these from ordinary items, and answers them wrong
        labeler.keyboard.press("2")
        expect(labeler.locator('input[name="sentiment"][value="negative"]')).to_be_checked()
        before = labeler.url
        labeler.keyboard.press("Enter")
        labeler.wait_for_url(lambda url, before=before: url != before)

    # The next task is refused, with the reason in plain words.
    labeler.goto(start)
    alert = labeler.get_by_role("alert")
    expect(alert).to_contain_text("60%")
    expect(alert).to_contain_text("0%")
    axe_check(labeler)

    labeler.goto(live_server.url + reverse("quality:mine", args=[cast.project.id]))
    expect(labeler.get_by_test_id("pause-reason")).to_contain_text("60%")
    expect(labeler.get_by_test_id("my-accuracy")).to_have_text("0%")
    axe_check(labeler)

    # The manager sees the pause in the worker table and lifts it.
    manager = browser.new_context(**browser_context_args).new_page()
    log_in(manager, cast.manager)
    manager.goto(live_server.url + reverse("quality:manage", args=[cast.project.id]) + "?flagged=1")
    row = manager.get_by_test_id(f"worker-row-{cast.labeler.username}")
    expect(row).to_contain_text("60%")
    axe_check(manager)
    with manager.expect_navigation():
        row.get_by_role("button").click()
    expect(manager.get_by_test_id(f"worker-row-{cast.labeler.username}").get_by_role("button")).to_have_count(0)

    QualityPolicy.objects.filter(project=cast.project).update(honeypot_share=0.0)
    labeler.goto(start)
    labeler.wait_for_url(TASK_URL)
