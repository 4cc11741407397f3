"""A labeler reads the worker pages in English and in easy-read Korean, on a laptop and on a 320 px screen, and
axe-core finds no serious or critical problem on any of them; none scrolls sideways at 320 px.

The Korean pages are checked by the stories of each page kind; this story covers the other two ways of
reading them."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from datadam.core.easy_read import COOKIE
from datadam.jobs.services import posting_publish
from datadam.pay.selectors import Period
from datadam.projects.models import Project
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.reflow import NARROWEST, assert_reflows
from tests.e2e.test_labeling_widgets import TASK_URL, make_project, png_bytes, stored_media
from tests.e2e.test_labeling_workspace import BOX_SCHEMA, with_items

pytestmark = pytest.mark.e2e

def _worker_pages(cast: Cast) -> list[str]:
    return [
        reverse("jobs:board"),
        reverse("jobs:detail", args=[cast.project.id]),
        reverse("academy:index"),
        reverse("pay:earnings"),
        reverse("pay:statement", args=[str(Period.current())]),
        reverse("notifications:list"),
        reverse("accounts:me"),
    ]


def _read_every_page(page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck) -> None:
    for path in _worker_pages(cast):
        response = page.goto(live_server.url + path)
        assert response and response.status == 200, f"{path} answered {response and response.status}"
        axe_check(page)
    page.goto(live_server.url + reverse("labeling:start", args=[cast.project.id]))
    page.wait_for_url(TASK_URL)
    page.get_by_test_id("item-image").wait_for()
    axe_check(page)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reading", ["english", "easy-read"])
def test_a_labeler_reads_the_worker_pages_in_english_and_in_easy_read_without_accessibility_problems(
    browser: Browser,
    browser_context_args: dict,
    live_server: LiveServer,
    cast: Cast,
    log_in: LogIn,
    axe_check: AxeCheck,
    reading: str,
) -> None:
    project = make_project(cast, BOX_SCHEMA, "image", {})
    Project.objects.filter(id=project.id).update(join_policy=Project.JoinPolicy.OPEN, rate_per_item=90)
    posting_publish(actor=cast.manager, project=project, labeler_openings=20, reviewer_openings=2, mode="remote")
    with_items(project, {"image": stored_media(project, "사진.png", png_bytes()), "image_width": 640,
                         "image_height": 400})
    locale = "en-US" if reading == "english" else "ko-KR"
    context = browser.new_context(**{**browser_context_args, "locale": locale})
    if reading == "easy-read":
        context.add_cookies([{"name": COOKIE, "value": "1", "url": live_server.url}])
    try:
        page = context.new_page()
        log_in(page, cast.labeler)
        _read_every_page(page, live_server, cast, axe_check)
        assert page.locator("html").get_attribute("lang") == ("en" if reading == "english" else "ko")
        if reading == "easy-read":
            assert "easy-read" in (page.locator("html").get_attribute("class") or "")
        page.set_viewport_size(NARROWEST)
        for path in _worker_pages(cast):
            page.goto(live_server.url + path)
            assert_reflows(page)
    finally:
        context.close()
