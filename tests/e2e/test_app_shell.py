"""The app shell for someone with many pages (a manager who also operates a programme and verifies reports): on a
laptop the menu stays one bar of role groups, each opened by keyboard; at 320 CSS px it is one menu button."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.programmes.models import Programme
from datadam.releases.models import Verifier
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.reflow import LAPTOP, assert_reflows

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_manager_with_every_menu_finds_them_grouped_in_one_bar_and_behind_one_button_at_320_px(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    programme = Programme.objects.create(name="서울 데이터 일자리")
    programme.operators.add(cast.manager)
    Verifier.objects.create(user=cast.manager, organization=cast.outsider.org_memberships.get().organization)
    page.set_viewport_size(LAPTOP)
    log_in(page, cast.manager)
    page.goto(live_server.url + reverse("projects:list"))

    bar = page.locator("nav.app-bar")
    assert bar.bounding_box()["height"] < 90, "the header bar wrapped onto a second line"
    manage = page.get_by_test_id("nav-manage")
    expect(page.get_by_test_id("nav-office")).to_be_hidden()
    manage.focus()
    page.keyboard.press("Enter")
    expect(manage).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("nav-dashboard")).to_be_focused()
    axe_check(page)
    page.screenshot(path=artifacts_dir / "menu-manager-1366.png")
    page.keyboard.press("Escape")
    expect(manage).to_have_attribute("aria-expanded", "false")
    expect(manage).to_be_focused()

    assert_reflows(page)
    page.get_by_test_id("menu-button").click()
    expect(page.get_by_test_id("nav-verify")).to_be_visible()
    expect(page.locator("#menu-manage-name")).to_have_text("관리")
    assert_reflows(page)
    axe_check(page)
    page.screenshot(path=artifacts_dir / "menu-manager-320.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_keyboard_hints_show_on_a_laptop_and_hide_on_a_narrow_screen(
    labeler_page: Page, live_server: LiveServer, cast: Cast
) -> None:
    page = labeler_page
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + reverse("projects:detail", args=[cast.project.id]))
    with page.expect_navigation():
        page.get_by_test_id("start-labeling").click()
    hint = page.locator('kbd[aria-hidden="true"]').first
    expect(hint).to_be_visible()

    assert_reflows(page)
    expect(hint).to_be_hidden()
    page.keyboard.press("2")  # the shortcut still works where its hint is hidden
    expect(page.locator('input[name="sentiment"][value="negative"]')).to_be_checked()
