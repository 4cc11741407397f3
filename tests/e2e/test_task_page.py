"""A labeler works through a task page of five short sentences by keyboard alone: the arrow keys go from one
sentence to the next, a number key labels the sentence they are on, an early Enter takes them to the sentence
they skipped and says so, and the last Enter sends the page and brings the next one. The page reads well on a
phone too."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Annotation
from datadam.projects.models import Project
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck
from tests.e2e.reflow import PHONE, assert_no_sideways_scroll

pytestmark = pytest.mark.e2e

PAGE_SIZE = 5
PAGE_URL = re.compile(r"/projects/\d+/page/$")
HOTKEY_LABELS = {"1": "positive", "2": "negative"}


def task_ids(page: Page) -> list[int]:
    """The tasks on the page, in the page's order."""
    values = page.locator('input[name="assignment"]').evaluate_all("inputs => inputs.map(input => input.value)")
    return [int(value) for value in values]


def label_by_key(page: Page, task_id: int, key: str) -> None:
    page.keyboard.press(key)
    radio = page.locator(f'input[name="a{task_id}-sentiment"][value="{HOTKEY_LABELS[key]}"]')
    expect(radio).to_be_checked()
    expect(radio).to_be_focused()


def move_down(page: Page, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press("ArrowDown")


@pytest.mark.django_db(transaction=True)
def test_a_labeler_labels_a_page_of_five_sentences_by_keyboard_and_gets_the_next_page(
    labeler_page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck
) -> None:
    Project.objects.filter(id=cast.project.id).update(items_per_page=PAGE_SIZE)
    factories.ItemFactory.create_batch(PAGE_SIZE, project=cast.project)  # a second page waits behind the first
    page = labeler_page

    page.goto(live_server.url + reverse("labeling:start", args=[cast.project.id]))
    page.wait_for_url(PAGE_URL)
    items = page.get_by_test_id("page-item")
    expect(items).to_have_count(PAGE_SIZE)
    expect(page.get_by_test_id("page-size")).to_contain_text("5")
    axe_check(page)
    tasks = task_ids(page)

    label_by_key(page, tasks[0], "1")  # nothing has the focus yet: the first sentence is the one
    move_down(page)
    expect(items.nth(1)).to_be_focused()
    label_by_key(page, tasks[1], "2")
    move_down(page, 2)  # the third sentence is passed over
    expect(items.nth(3)).to_be_focused()
    label_by_key(page, tasks[3], "1")
    expect(page.locator(f'input[name="a{tasks[2]}-sentiment"]:checked')).to_have_count(0)
    expect(page.locator(f'input[name="a{tasks[0]}-sentiment"][value="positive"]')).to_be_checked()

    page.keyboard.press("Enter")
    expect(items.nth(2)).to_be_focused()
    expect(page.get_by_test_id("page-status")).to_have_text("3번 항목에 아직 답이 없습니다.")
    assert not Annotation.objects.exists()

    label_by_key(page, tasks[2], "2")
    move_down(page, 2)
    expect(items.nth(4)).to_be_focused()
    label_by_key(page, tasks[4], "1")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.wait_for_url(PAGE_URL)
    expect(page.locator(".messages")).to_contain_text("답 5개를 제출했습니다.")
    expect(items).to_have_count(PAGE_SIZE)
    assert not set(task_ids(page)) & set(tasks)
    stored = Annotation.objects.filter(author=cast.labeler, project=cast.project)
    assert {a.assignment_id: a.result for a in stored} == {
        task: {"sentiment": label}
        for task, label in zip(tasks, ["positive", "negative", "negative", "positive", "positive"], strict=True)
    }
    assert len({a.item_id for a in stored}) == PAGE_SIZE

    page.set_viewport_size(PHONE)
    assert_no_sideways_scroll(page)
    axe_check(page)
