"""A verifier returns a release's report with a comment; the manager reads the reasons where they cut releases,
fixes the work and cuts a new version; the verifier approves it, after confirming each decision."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.accounts.models import Organization
from datadam.audit.models import AuditEvent
from datadam.releases.models import Release, Verifier
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.releases.conftest import cut_and_build, label_and_review

pytestmark = pytest.mark.e2e
REASON = "3번 항목의 감성 라벨이 원문과 반대입니다. 다시 검수해 주세요."


def _decide(page: Page, url: str, choice: str, comment: str, axe_check: AxeCheck, reason: str = "") -> None:
    page.goto(url)
    page.get_by_label(choice).check()
    page.get_by_label("의견").fill(comment)
    if reason:
        page.get_by_label("공개해도 되는 이유").fill(reason)
    with page.expect_navigation():
        page.get_by_test_id("decide").click()
    expect(page.get_by_test_id("decide-summary")).to_contain_text(comment)
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("confirm-decision").click()


@pytest.mark.django_db(transaction=True)
def test_a_returned_report_reaches_the_manager_and_the_fixed_version_is_approved(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast,
    log_in: LogIn, axe_check: AxeCheck,
) -> None:
    label_and_review(cast)
    first = cut_and_build(cast)
    verifier = factories.UserFactory(username="verifier")
    Verifier.objects.create(user=verifier, organization=Organization.objects.get(id=cast.project.organization_id))
    base = f"{live_server.url}/projects/{cast.project.id}/releases"

    log_in(page, verifier)
    _decide(page, f"{base}/{first.id}/", "관리자에게 돌려보내기", REASON, axe_check)
    expect(page.locator(".messages")).to_contain_text("관리자에게 돌려보냈습니다")
    expect(page.get_by_test_id("release-status")).to_contain_text("검증자가 돌려보냄")
    expect(page.get_by_test_id("decision")).to_contain_text(REASON)
    axe_check(page)

    manager_context = browser.new_context(**browser_context_args)
    manager = manager_context.new_page()
    log_in(manager, cast.manager)
    manager.goto(f"{base}/")
    expect(manager.get_by_test_id("returned-releases")).to_contain_text(REASON)
    axe_check(manager)
    manager.get_by_label("버전").fill("v1.1.0")
    with manager.expect_navigation():
        manager.get_by_test_id("cut-release").click()
    call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload")
    expect(manager.get_by_test_id("release-status")).to_have_attribute("data-status", "built", timeout=10_000)
    manager_context.close()

    second = Release.objects.get(version="v1.1.0")
    approve = "승인: 보고서를 공개해도 됩니다"
    _decide(page, f"{base}/{second.id}/", approve, "다시 확인했습니다", axe_check, reason="표본이 작습니다")
    expect(page.get_by_test_id("release-status")).to_contain_text("검증 승인, 공개 가능")
    page.goto(f"{base}/{second.id}/report/")
    expect(page.get_by_test_id("report-decision")).to_contain_text("다시 확인했습니다")
    assert list(AuditEvent.objects.filter(action__in=["release.reject", "release.sign_off"]).values_list(
        "action", flat=True).order_by("id")) == ["release.reject", "release.sign_off"]
