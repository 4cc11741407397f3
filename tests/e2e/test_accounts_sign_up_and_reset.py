"""A newcomer signs up by keyboard, reading and ticking the privacy consent; the reset pages pass axe too."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.accounts.models import PrivacyConsent
from tests.e2e.conftest import AxeCheck

pytestmark = [pytest.mark.e2e]


@pytest.mark.django_db(transaction=True)
def test_newcomer_signs_up_by_keyboard_with_the_privacy_consent(
    page: Page, live_server: LiveServer, axe_check: AxeCheck
) -> None:
    page.goto(live_server.url + reverse("accounts:signup"))
    axe_check(page)
    page.locator("#id_username").fill("newcomer")
    page.locator("#id_password").fill("long-enough-pass")
    page.locator("#id_password_again").fill("long-enough-pass")
    consent = page.get_by_label("위 내용대로 개인정보를 수집·이용하는 데 동의합니다")
    consent.focus()
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert PrivacyConsent.objects.filter(user__username="newcomer").exists()
    page.goto(live_server.url + reverse("accounts:password_reset"))
    axe_check(page)
