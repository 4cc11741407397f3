"""From 'cut release' to an anonymous visitor's download: the manager cuts v1.0.0 and watches it build, an
independent verifier signs the report off with a reason (it is below the semantic target), the manager
publishes it, and a visitor who never logged in finds it in the catalog and downloads a file, counted once."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.accounts.models import Organization
from datadam.catalog.models import Download
from datadam.releases.models import Release, Verifier
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.releases.conftest import label_and_review

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_a_release_goes_from_cut_to_an_anonymous_download(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast,
    log_in: LogIn, axe_check: AxeCheck,
) -> None:
    label_and_review(cast)
    verifier = factories.UserFactory(username="verifier")
    Verifier.objects.create(user=verifier, organization=Organization.objects.get(id=cast.project.organization_id))

    log_in(page, cast.manager)
    page.goto(f"{live_server.url}/projects/{cast.project.id}/releases/")
    axe_check(page)
    page.get_by_label("버전").fill("v1.0.0")
    page.get_by_label("배포 노트").fill("첫 공개판")
    with page.expect_navigation():
        page.get_by_test_id("cut-release").click()
    expect(page.get_by_test_id("release-status")).to_have_attribute("data-status", "queued")
    call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload")
    expect(page.get_by_test_id("release-status")).to_have_attribute("data-status", "built", timeout=10_000)
    page.get_by_test_id("report-link").click()
    expect(page.get_by_test_id("report-figures")).to_be_visible()
    axe_check(page)

    verifier_context = browser.new_context(**browser_context_args)
    verifier_page = verifier_context.new_page()
    log_in(verifier_page, verifier)
    release = Release.objects.get()
    verifier_page.goto(f"{live_server.url}/projects/{cast.project.id}/releases/{release.id}/")
    verifier_page.get_by_label("승인: 보고서를 공개해도 됩니다").check()
    verifier_page.get_by_label("공개해도 되는 이유").fill("검수 표본이 작아 다음 판에서 보완합니다")
    with verifier_page.expect_navigation():
        verifier_page.get_by_test_id("decide").click()
    with verifier_page.expect_navigation():
        verifier_page.get_by_test_id("confirm-decision").click()
    expect(verifier_page.get_by_test_id("decision")).to_have_attribute("data-outcome", "approved")
    verifier_context.close()

    page.goto(f"{live_server.url}/projects/{cast.project.id}/releases/{release.id}/")
    with page.expect_navigation():
        page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("catalog-link")).to_be_visible()

    visitor_context = browser.new_context(**browser_context_args, accept_downloads=True)
    visitor = visitor_context.new_page()
    visitor.goto(f"{live_server.url}/catalog/")
    axe_check(visitor)
    visitor.get_by_test_id("catalog-dataset").get_by_role("link").first.click()
    expect(visitor.get_by_test_id("download-files")).to_be_visible()
    axe_check(visitor)
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="SHA256SUMS").click()
    download = download_info.value
    assert download.suggested_filename == "SHA256SUMS" and download.failure() is None
    visitor.get_by_test_id("public-report").click()
    expect(visitor.get_by_test_id("override-reason")).to_contain_text("검수 표본이 작아")
    visitor_context.close()
    assert Download.objects.count() == 1
