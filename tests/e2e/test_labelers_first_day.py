"""A labeler's first day: log in, find the project, label by keyboard alone, and find nothing lost."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, Route, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Annotation
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, log_in_by_keyboard

pytestmark = pytest.mark.e2e

TASK_URL = re.compile(r"/projects/\d+/tasks/(\d+)/$")
SUBMIT_URL = re.compile(r"/projects/\d+/tasks/\d+/submit/$")
HOTKEY_LABELS = {"1": "positive", "2": "negative"}


def assignment_id_of(page: Page) -> int:
    match = TASK_URL.search(page.url)
    assert match, f"not on a labeling page: {page.url}"
    return int(match.group(1))


def expect_submitted_count(page: Page, count: int) -> None:
    """The counter above the item ("You have submitted N labels.") in whatever language the page is in."""
    expect(page.locator(".task-meta span").first).to_contain_text(re.compile(rf"(?<!\d){count}(?!\d)"))


def submit_by_enter(page: Page) -> None:
    """Enter submits; the server answers with the next task at a new address."""
    before = page.url
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != before and TASK_URL.search(url) is not None)


@pytest.mark.django_db(transaction=True)
def test_labeler_labels_three_items_by_keyboard_and_drafts_and_submissions_survive_reload(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    axe_check(page)
    log_in_by_keyboard(page, cast.labeler)

    page.goto(live_server.url + reverse("projects:detail", args=[cast.project.id]))
    expect(page.locator("h1")).to_have_text(cast.project.name)
    axe_check(page)

    page.get_by_test_id("start-labeling").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(TASK_URL)
    expect(page.get_by_test_id("item-text")).to_contain_text("리뷰")
    axe_check(page)

    chosen: dict[int, str] = {}
    for step, key in enumerate(["1", "2", "1"]):
        label = HOTKEY_LABELS[key]
        radio = page.locator(f'input[name="sentiment"][value="{label}"]')
        page.keyboard.press(key)
        expect(radio).to_be_checked()
        expect(radio).to_be_focused()
        if step == 0:
            # The draft is saved in the background; after a reload the choice is still there.
            expect(page.locator("[data-autosave-status]")).to_have_attribute("data-state", "saved")
            page.reload()
            expect(radio).to_be_checked()
        chosen[assignment_id_of(page)] = label
        submit_by_enter(page)
        expect_submitted_count(page, step + 1)

    page.reload()
    expect_submitted_count(page, 3)
    stored = Annotation.objects.filter(author=cast.labeler, project=cast.project)
    assert {a.assignment_id: a.result["sentiment"] for a in stored} == chosen
    assert len({a.item_id for a in stored}) == 3

    # Hangul must render (not as empty boxes): look at this picture when the fonts change.
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.screenshot(path=artifacts_dir / "labeling-page-ko.png", full_page=True)

    page.locator("#language-select").select_option("en")
    with page.expect_navigation():
        page.locator("#language-select").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("submit")).to_contain_text("Submit")
    page.screenshot(path=artifacts_dir / "labeling-page-en.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_labeler_who_double_presses_enter_posts_and_stores_one_annotation(
    labeler_page: Page, live_server: LiveServer, cast: Cast
) -> None:
    page = labeler_page
    page.goto(live_server.url + reverse("labeling:start", args=[cast.project.id]))
    page.wait_for_url(TASK_URL)
    page.keyboard.press("2")
    expect(page.locator('input[name="sentiment"][value="negative"]')).to_be_checked()

    # Hold the first submit at the network so that the second Enter surely lands on the same page.
    held: list[Route] = []
    page.route(SUBMIT_URL, lambda route: held.append(route))
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert len(held) == 1, "the widget let a second submit through"
    with page.expect_navigation():
        held[0].continue_()
    page.unroute(SUBMIT_URL)
    expect_submitted_count(page, 1)
    assert Annotation.objects.filter(author=cast.labeler).count() == 1


@pytest.mark.django_db(transaction=True)
def test_server_stores_one_annotation_when_the_same_form_is_posted_twice(
    labeler_page: Page, live_server: LiveServer, cast: Cast
) -> None:
    page = labeler_page
    page.goto(live_server.url + reverse("labeling:start", args=[cast.project.id]))
    page.wait_for_url(TASK_URL)
    page.keyboard.press("1")
    # Two posts of the same form at once, as a browser without the widget would send on a double click.
    statuses = page.evaluate(
        """async () => {
            const form = document.getElementById('label-form');
            const post = () => fetch(form.action, {method: 'POST', body: new FormData(form)});
            const answers = await Promise.all([post(), post()]);
            return answers.map((answer) => answer.status);
        }"""
    )
    assert statuses == [200, 200]
    stored = Annotation.objects.filter(author=cast.labeler)
    assert [a.result["sentiment"] for a in stored] == ["positive"]
