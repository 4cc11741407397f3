"""A labeler makes an API token for a script on a 320 px screen, in English (Korean pages already break long
words anywhere): the token is shown whole, the table of tokens scrolls inside its own box, and the page never
scrolls sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.reflow import assert_reflows

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_a_token_made_on_a_narrow_screen_fits_it(
    browser: Browser,
    browser_context_args: dict,
    live_server: LiveServer,
    cast: Cast,
    log_in: LogIn,
    axe_check: AxeCheck,
) -> None:
    context = browser.new_context(**{**browser_context_args, "locale": "en-US"})
    try:
        page = context.new_page()
        log_in(page, cast.labeler)
        page.goto(live_server.url + reverse("accounts:tokens"))
        assert page.locator("html").get_attribute("lang") == "en"
        assert_reflows(page)

        page.locator("#id_name").focus()
        page.keyboard.type("labeling script")
        page.keyboard.press("Enter")

        token = page.get_by_test_id("new-token")
        expect(token).to_contain_text("dd_")
        assert_reflows(page)
        shown = token.bounding_box()
        assert shown is not None and shown["x"] + shown["width"] <= page.viewport_size["width"]
        expect(page.locator(".table-scroll table")).to_contain_text("labeling script")
        axe_check(page)
    finally:
        context.close()
