"""A worker shares their career record (경력확인서): turns the link on, anyone opens it, then it is turned off."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.academy.models import Qualification
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.programmes.conftest import accepted_work

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_worker_shares_the_career_record_and_turns_the_link_off(
    page: Page, browser: Browser, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    Qualification.objects.create(user=cast.labeler, data_type="text", role="labeler")
    accepted_work(cast.labeler, cast.items[0])
    log_in(page, cast.labeler)
    page.goto(live_server.url + reverse("careers:mine"))
    expect(page.get_by_test_id("career-accepted")).to_have_text("1")
    with page.expect_navigation():
        page.get_by_test_id("career-share-on").click()
    link = page.get_by_test_id("career-link").input_value()
    axe_check(page)

    stranger = browser.new_page(locale="ko-KR")
    stranger.goto(link)
    expect(stranger.get_by_test_id("career-accepted")).to_have_text("1")
    expect(stranger.get_by_text(cast.project.name)).to_be_visible()
    axe_check(stranger)

    with page.expect_navigation():
        page.get_by_test_id("career-share-off").click()
    response = stranger.goto(link)
    assert response is not None and response.status == 404
    expect(stranger.get_by_text(cast.project.name)).to_have_count(0)
