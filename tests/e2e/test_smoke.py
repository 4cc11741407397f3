"""The shortest labeler story, run on SQLite and on PostgreSQL: one label by keyboard, counted."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Annotation
from tests.conftest import Cast

pytestmark = [pytest.mark.e2e, pytest.mark.smoke]

TASK_URL = re.compile(r"/projects/\d+/tasks/\d+/$")


@pytest.mark.django_db(transaction=True)
def test_labeler_labels_one_item_by_keyboard_and_sees_it_counted(
    labeler_page: Page, live_server: LiveServer, cast: Cast
) -> None:
    page = labeler_page
    page.goto(live_server.url + reverse("projects:detail", args=[cast.project.id]))
    page.get_by_test_id("start-labeling").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(TASK_URL)
    first_task = page.url

    page.keyboard.press("2")
    expect(page.locator('input[name="sentiment"][value="negative"]')).to_be_checked()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != first_task and TASK_URL.search(url) is not None)

    expect(page.locator(".task-meta span").first).to_contain_text(re.compile(r"(?<!\d)1(?!\d)"))
    stored = Annotation.objects.get(author=cast.labeler)
    assert stored.result["sentiment"] == "negative"
