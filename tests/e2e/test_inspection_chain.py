"""Three people in an inspection chain: the manager adds a second stage, the reviewer accepts at the first, and
the senior reviewer overturns one acceptance with a reason. The first reviewer's confirmed share falls, the item's
history shows every step, the labeler sees the reason and reworks the item, their statement shows the reversal,
and a release holds only work accepted at the last stage."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.pay.selectors import Period
from datadam.review import services as review
from tests.chain import add_senior, submit
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.releases.conftest import cut_and_build

pytestmark = pytest.mark.e2e

REVIEW_WORK_URL = re.compile(r"/projects/\d+/review/(\d+)/$")
TASK_URL = re.compile(r"/projects/\d+/tasks/(\d+)/$")
SENIOR_REASON = "1차 검수에서 놓친 오류"


def _manager_adds_the_second_stage(page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck) -> None:
    page.goto(live_server.url + reverse("review:stages", args=[cast.project.id]))
    axe_check(page)
    page.fill("#id_stage-0-name", "2차 검수")
    page.fill("#id_stage-0-reasons", f"{SENIOR_REASON}\n감성이 반대입니다")
    page.fill("#id_stage-0-rate_per_review", "50")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("단계 저장|Save the stages")).click()
    expect(page.locator("#id_stage-0-name")).to_have_value("2차 검수")


def _manager_sees_the_overturn(page: Page, live_server: LiveServer, cast: Cast, item_id: int) -> None:
    """The first reviewer's verdicts: one of two held at stage 2; the item's path names every step so far."""
    page.goto(live_server.url + reverse("review:reviewers", args=[cast.project.id]))
    expect(page.get_by_test_id(f"confirmed-{cast.reviewer.username}")).to_contain_text("50%")
    expect(page.get_by_test_id(f"confirmed-{cast.reviewer.username}")).to_contain_text("n=2")
    page.goto(live_server.url + reverse("review:item_history", args=[cast.project.id, item_id]))
    history = page.get_by_test_id("item-history")
    for kind in ("submit", "overturned", "reject", "reversal"):
        expect(history.locator(f'li[data-kind="{kind}"]').first).to_be_visible()
    expect(history).to_contain_text(SENIOR_REASON)


def _judge(page: Page, live_server: LiveServer, cast: Cast, *, reason: str | None = None) -> int:
    """Open the next work waiting for this inspector; accept it, or send it back with `reason`."""
    page.goto(live_server.url + reverse("review:start", args=[cast.project.id]))
    page.wait_for_url(REVIEW_WORK_URL)
    annotation_id = int(REVIEW_WORK_URL.search(page.url).group(1))
    before = page.url
    if reason:
        page.get_by_test_id("reject-reason").select_option(reason)
        page.get_by_test_id("reject").click()
    else:
        page.get_by_test_id("accept").click()
    page.wait_for_url(lambda url: url != before)
    return annotation_id


@pytest.mark.django_db(transaction=True)
def test_the_senior_overturns_an_acceptance_and_only_last_stage_work_is_released(
    page: Page,
    browser: Browser,
    browser_context_args: dict,
    live_server: LiveServer,
    cast: Cast,
    log_in: LogIn,
    axe_check: AxeCheck,
) -> None:
    cast.project.rate_per_item = 120
    cast.project.save()
    senior = add_senior(cast.project)
    log_in(page, cast.manager)
    _manager_adds_the_second_stage(page, live_server, cast, axe_check)
    first, second = submit(cast.labeler, cast.project), submit(cast.labeler, cast.project, answer="negative")

    contexts = [browser.new_context(**browser_context_args) for _ in range(3)]
    try:
        reviewer, senior_page, labeler = (context.new_page() for context in contexts)
        log_in(reviewer, cast.reviewer)
        assert [_judge(reviewer, live_server, cast) for _ in range(2)] == [first.id, second.id]

        # The senior sees the work at stage 2 with the reviewer's verdict, and sends the first back.
        log_in(senior_page, senior)
        senior_page.goto(live_server.url + reverse("review:start", args=[cast.project.id]))
        expect(senior_page.get_by_test_id("stage")).to_contain_text("2차 검수")
        expect(senior_page.get_by_test_id("earlier-verdicts")).to_contain_text(cast.reviewer.username)
        axe_check(senior_page)
        assert _judge(senior_page, live_server, cast, reason=SENIOR_REASON) == first.id
        assert _judge(senior_page, live_server, cast) == second.id
        _manager_sees_the_overturn(page, live_server, cast, first.item_id)

        # The labeler's rework comes first, with the senior's reason; the statement shows the reversal.
        log_in(labeler, cast.labeler)
        labeler.goto(live_server.url + reverse("labeling:start", args=[cast.project.id]))
        labeler.wait_for_url(TASK_URL)
        expect(labeler.get_by_test_id("rework-feedback")).to_contain_text(SENIOR_REASON)
        labeler.locator('input[name="sentiment"][value="negative"]').check()
        with labeler.expect_navigation():
            labeler.keyboard.press("Enter")
        labeler.goto(live_server.url + reverse("pay:statement", args=[str(Period.current())]))
        labeler.locator("details summary").first.click()
        reversal = labeler.locator("details tr", has_text=SENIOR_REASON)
        expect(reversal).to_contain_text("-120")
        axe_check(labeler)
    finally:
        for context in contexts:
            context.close()

    rework = review.review_claim_next(actor=cast.reviewer, project=cast.project)
    assert (rework.item_id, rework.version, rework.stage) == (first.item_id, 2, 1)
    release = cut_and_build(cast)
    assert list(release.entries.values_list("item_id", flat=True)) == [second.item_id]
