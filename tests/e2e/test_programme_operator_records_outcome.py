"""A programme operator opens the dashboard, records a graduate's internship, and sees the employed count rise."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.careers.models import Outcome
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.programmes.conftest import ProgrammeCast, programme_cast_build

pytestmark = pytest.mark.e2e


@pytest.fixture
def pcast(cast: Cast) -> ProgrammeCast:
    return programme_cast_build(cast)


def employed(page: Page):
    return page.get_by_test_id("funnel-overall").locator('tr[data-stage="employed"] td').first


@pytest.mark.django_db(transaction=True)
def test_operator_records_an_outcome_and_the_dashboard_changes(
    page: Page,
    live_server: LiveServer,
    pcast: ProgrammeCast,
    log_in: LogIn,
    axe_check: AxeCheck,
) -> None:
    log_in(page, pcast.operator)
    page.goto(live_server.url + reverse("programmes:home"))  # one programme: straight to its dashboard
    expect(page.get_by_role("heading", level=1)).to_have_text(pcast.programme.name)
    expect(employed(page)).to_have_text("1")
    expect(page.locator("#chart-funnel")).to_be_visible()
    axe_check(page)

    with page.expect_navigation():
        page.get_by_role("link", name="수료생 성과 기록하기").click()
    page.get_by_label("교육기관").select_option(str(pcast.programme.organizations.get().id))
    page.get_by_label("수료생").select_option(str(pcast.trainees["reviewer"].id))
    page.get_by_label("성과", exact=True).select_option("internship")
    page.get_by_label("날짜").fill(timezone.localdate().isoformat())
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("outcome-save").click()
    expect(page.get_by_test_id("outcome-table")).to_contain_text("인턴십")
    assert Outcome.objects.filter(person=pcast.trainees["reviewer"], kind="internship").exists()

    page.goto(live_server.url + reverse("programmes:dashboard", args=[pcast.programme.id]))
    expect(employed(page)).to_have_text("2")
    expect(page.get_by_test_id("funnel-overall").locator('tr[data-outcome="internship"] td').first).to_have_text("1")
