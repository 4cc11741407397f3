"""A labeler reads the worker pages and the image, audio and NER workspaces in English and in easy-read Korean,
on a laptop and on a 320 px screen, and axe-core finds no serious or critical problem on any of them; none
scrolls sideways at 320 px.

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
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.reflow import NARROWEST, assert_reflows
from tests.e2e.test_labeling_widgets import TASK_URL, make_project, png_bytes, stored_media, wav_bytes
from tests.e2e.test_labeling_workspace import AUDIO_SCHEMA, BOX_SCHEMA, NER_SCHEMA, NER_TEXT, with_items

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


def _another_task(cast: Cast, schema: dict, data_type: str) -> Project:
    """A second project of the same organization, with the cast's labeler in it, whose items use `schema`."""
    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=schema, data_type=data_type, created_by=cast.manager
    )
    factories.ProjectMembershipFactory(project=project, user=cast.labeler)
    return project


def _workspaces(cast: Cast) -> list[tuple[Project, str]]:
    """The image, audio and NER task pages this story opens, with the test id of the item each one shows."""
    image = make_project(cast, BOX_SCHEMA, "image", {})
    Project.objects.filter(id=image.id).update(join_policy=Project.JoinPolicy.OPEN, rate_per_item=90)
    with_items(image, {"image": stored_media(image, "사진.png", png_bytes()), "image_width": 640, "image_height": 400})
    audio = _another_task(cast, AUDIO_SCHEMA, "audio")
    recording = stored_media(audio, "말.wav", wav_bytes())
    factories.ItemFactory(project=audio, data={"audio": recording, "audio_duration": 4.0})
    ner = _another_task(cast, NER_SCHEMA, "text")
    factories.ItemFactory(project=ner, data={"text": NER_TEXT})
    return [(image, "item-image"), (audio, "widget-audio"), (ner, "item-text")]


def _read_every_page(page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck, tasks: list) -> None:
    for path in _worker_pages(cast):
        response = page.goto(live_server.url + path)
        assert response and response.status == 200, f"{path} answered {response and response.status}"
        axe_check(page)
    for project, item_test_id in tasks:
        page.goto(live_server.url + reverse("labeling:start", args=[project.id]))
        page.wait_for_url(TASK_URL)
        page.get_by_test_id(item_test_id).first.wait_for()
        page.wait_for_selector("[data-widget-loaded=true]") if item_test_id.startswith("widget") else None
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
    tasks = _workspaces(cast)
    posting_publish(actor=cast.manager, project=cast.project, labeler_openings=20, reviewer_openings=2, mode="remote")
    locale = "en-US" if reading == "english" else "ko-KR"
    context = browser.new_context(**{**browser_context_args, "locale": locale})
    if reading == "easy-read":
        context.add_cookies([{"name": COOKIE, "value": "1", "url": live_server.url}])
    try:
        page = context.new_page()
        log_in(page, cast.labeler)
        _read_every_page(page, live_server, cast, axe_check, tasks)
        assert page.locator("html").get_attribute("lang") == ("en" if reading == "english" else "ko")
        if reading == "easy-read":
            assert "easy-read" in (page.locator("html").get_attribute("class") or "")
        page.set_viewport_size(NARROWEST)
        for path in _worker_pages(cast):
            page.goto(live_server.url + path)
            assert_reflows(page)
    finally:
        context.close()
