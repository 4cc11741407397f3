"""The review loop: a labeler labels, a reviewer sends one answer back with a reason, the labeler fixes it,
the reviewer accepts the rest, and the manager exports exactly the accepted labels."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Assignment
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn

pytestmark = pytest.mark.e2e

TASK_URL = re.compile(r"/projects/\d+/tasks/(\d+)/$")
HOTKEY_LABELS = {"1": "positive", "2": "negative"}
REVIEW_WORK_URL = re.compile(r"/projects/\d+/review/(\d+)/$")
REVIEW_START_URL = re.compile(r"/projects/\d+/review/$")
OTHER_KEY = {"1": "2", "2": "1"}


def assignment_id_of(page: Page) -> int:
    match = TASK_URL.search(page.url)
    assert match, f"not on a labeling page: {page.url}"
    return int(match.group(1))


def submit_by_enter(page: Page) -> None:
    """Enter submits; the server answers with the next task at a new address."""
    before = page.url
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != before and TASK_URL.search(url) is not None)


def start_by_keyboard(page: Page, test_id: str) -> None:
    """Focus a link on the project page and follow it with Enter."""
    page.get_by_test_id(test_id).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def label_by_hotkey(page: Page, key: str) -> None:
    radio = page.locator(f'input[name="sentiment"][value="{HOTKEY_LABELS[key]}"]')
    page.keyboard.press(key)
    expect(radio).to_be_checked()
    expect(radio).to_be_focused()


@pytest.mark.django_db(transaction=True)
def test_rejected_work_returns_to_its_labeler_with_the_reason_and_only_accepted_labels_are_exported(
    page: Page,
    browser: Browser,
    browser_context_args: dict,
    live_server: LiveServer,
    cast: Cast,
    log_in: LogIn,
    axe_check: AxeCheck,
    artifacts_dir: Path,
) -> None:
    project_url = live_server.url + reverse("projects:detail", args=[cast.project.id])

    # The labeler labels three items by keyboard alone.
    labeler = page
    log_in(labeler, cast.labeler)
    labeler.goto(project_url)
    start_by_keyboard(labeler, "start-labeling")
    labeler.wait_for_url(TASK_URL)
    keys: dict[int, str] = {}  # item id -> the hotkey the labeler pressed for it
    for key in ["1", "2", "1"]:
        label_by_hotkey(labeler, key)
        keys[Assignment.objects.get(id=assignment_id_of(labeler)).item_id] = key
        submit_by_enter(labeler)
    first_item = next(iter(keys))

    # The reviewer, in a browser of their own, sends the first piece of work back with a reason.
    reviewer_context = browser.new_context(**browser_context_args)
    manager_context = browser.new_context(**browser_context_args)
    try:
        reviewer = reviewer_context.new_page()
        log_in(reviewer, cast.reviewer)
        reviewer.goto(project_url)
        expect(reviewer.get_by_test_id("start-review")).to_contain_text("3")
        axe_check(reviewer)
        start_by_keyboard(reviewer, "start-review")
        reviewer.wait_for_url(REVIEW_WORK_URL)
        expect(reviewer.get_by_test_id("item-text")).to_have_text(
            next(item.data["text"] for item in cast.items if item.id == first_item)
        )
        axe_check(reviewer)

        reason = cast.project.reject_reasons[0]
        reviewer.get_by_test_id("reject-reason").focus()
        reviewer.keyboard.press("ArrowDown")  # from the empty prompt to the first reason
        expect(reviewer.get_by_test_id("reject-reason")).to_have_value(reason)
        reviewer.keyboard.press("Tab")  # the optional comment
        reviewer.keyboard.press("Tab")
        expect(reviewer.get_by_test_id("reject")).to_be_focused()
        rejected_url = reviewer.url
        reviewer.keyboard.press("Enter")
        reviewer.wait_for_url(lambda url: url != rejected_url)

        # The labeler starts labeling again: the reworked item comes first, with the reviewer's reason.
        labeler.goto(project_url)
        start_by_keyboard(labeler, "start-labeling")
        labeler.wait_for_url(TASK_URL)
        rework = Assignment.objects.get(id=assignment_id_of(labeler))
        assert rework.item_id == first_item, "the item sent back for rework did not come first"
        expect(labeler.get_by_test_id("rework-feedback")).to_contain_text(reason)
        # The last answer comes back as the draft, to be changed.
        expect(labeler.locator(f'input[name="sentiment"][value="{HOTKEY_LABELS[keys[first_item]]}"]')).to_be_checked()
        axe_check(labeler)
        labeler.screenshot(path=artifacts_dir / "rework-ko.png", full_page=True)
        new_key = OTHER_KEY[keys[first_item]]
        label_by_hotkey(labeler, new_key)
        keys[first_item] = new_key
        submit_by_enter(labeler)

        # The reviewer accepts every piece of work still waiting, until nothing waits.
        reviewer.goto(live_server.url + reverse("review:start", args=[cast.project.id]))
        accepted = 0
        while REVIEW_WORK_URL.search(reviewer.url):
            before = reviewer.url
            reviewer.get_by_test_id("accept").focus()
            reviewer.keyboard.press("Enter")
            reviewer.wait_for_url(lambda url, before=before: url != before)
            accepted += 1
            assert accepted <= 3, "the reviewer was shown more work than was submitted"
        assert accepted == 3
        assert REVIEW_START_URL.search(reviewer.url)
        expect(reviewer.get_by_test_id("accept")).to_have_count(0)
        expect(reviewer.locator(f'main a[href="{reverse("projects:detail", args=[cast.project.id])}"]')).to_be_visible()
        axe_check(reviewer)

        # The manager exports the accepted labels; the background worker builds the file.
        manager = manager_context.new_page()
        log_in(manager, cast.manager)
        manager.goto(live_server.url + reverse("releases:export", args=[cast.project.id]))
        with manager.expect_navigation():
            manager.get_by_test_id("start-export").click()
        expect(manager.locator("article.export-job")).to_have_count(1)
        expect(manager.locator("article.export-job progress")).to_be_visible()  # queued: the page polls
        axe_check(manager)
        call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload")
        download_link = manager.get_by_test_id("export-download")
        expect(download_link).to_be_visible(timeout=5_000)
        axe_check(manager)
        with manager.expect_download() as download_info:
            download_link.click()
        download = download_info.value
        assert download.suggested_filename.endswith(".jsonl")
        exported = download.path().read_text(encoding="utf-8")
    finally:
        reviewer_context.close()
        manager_context.close()

    lines = [json.loads(line) for line in exported.splitlines()]
    assert sorted(line["item"]["id"] for line in lines) == sorted(keys)
    for line in lines:
        item_id = line["item"]["id"]
        (annotation,) = line["annotations"]
        assert annotation["status"] == "accepted"
        assert annotation["author"] == cast.labeler.username
        assert annotation["result"] == {"sentiment": HOTKEY_LABELS[keys[item_id]]}
        assert annotation["version"] == (2 if item_id == first_item else 1)
