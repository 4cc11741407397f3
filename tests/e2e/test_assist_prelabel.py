"""A manager switches the assistant on; a labeler is served the least-sure review, pre-filled, and accepts it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.assist import services
from datadam.labeling.models import Annotation
from datadam.projects.models import Item
from tests.assist.conftest import labeled_sentiment
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, log_in_by_keyboard

pytestmark = pytest.mark.e2e

TASK_URL = re.compile(r"/projects/\d+/tasks/(\d+)/$")


@pytest.mark.django_db(transaction=True)
def test_labeler_accepts_a_model_pre_label_and_the_server_records_it_as_kept(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck
) -> None:
    labeled_sentiment(cast.project)  # 24 accepted labels to learn from

    # The manager switches the assistant on, with the least-sure items first.
    page.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(page, cast.manager)
    page.goto(live_server.url + reverse("assist:assistant", args=[cast.project.id]))
    axe_check(page)
    page.locator("#id_enabled").check()
    page.locator("#id_queue_order").select_option("uncertainty")
    page.locator("#id_min_labels").fill("10")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("저장|Save")).click()
    expect(page.locator("#id_enabled")).to_be_checked()

    services.assist_run(project_id=cast.project.id)  # what the background worker does after "learn now"
    page.reload()
    expect(page.get_by_role("cell", name="text-tfidf-logreg", exact=False)).to_be_visible()
    axe_check(page)
    least_sure = Item.objects.filter(project=cast.project, open_slots__gt=0).order_by("priority", "id").first()
    predicted = least_sure.prediction["result"]["sentiment"]

    # The labeler gets that item first, sees the pre-filled answer marked as such, and keeps it.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(page, cast.labeler)
    page.goto(live_server.url + reverse("labeling:start", args=[cast.project.id]))
    page.wait_for_url(TASK_URL)
    expect(page.get_by_test_id("item-text")).to_contain_text(least_sure.data["text"])
    expect(page.get_by_test_id("prefilled-note")).to_be_visible()
    expect(page.get_by_test_id("prefilled").first).to_be_visible()
    expect(page.locator(f'input[name="sentiment"][value="{predicted}"]')).to_be_checked()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("submit").click()

    annotation = Annotation.objects.get(author=cast.labeler, item=least_sure)
    assert annotation.result["sentiment"] == predicted
    assert annotation.prelabel["source"] == "model:text-tfidf-logreg"
    assert annotation.prelabel["kept"] == ["sentiment"] and annotation.prelabel["changed"] == []
