"""The programme office registers a funded data project, the executing organization records a hire, and the
office hands an auditor the printable report: every commitment with its light and how it was computed."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.office.models import DataProject
from datadam.programmes.services import programme_create
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn

pytestmark = pytest.mark.e2e

DETAIL_URL = re.compile(r"/office/data-projects/(\d+)/$")


@pytest.mark.django_db(transaction=True)
def test_office_registers_a_data_project_and_prints_its_commitments_report(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    # A's manager also works in the programme office of a programme that funds A.
    programme_create(name="2026 데이터 바우처", organizations=[cast.project.organization], operators=[cast.manager])
    log_in(page, cast.manager)
    page.goto(live_server.url + "/office/")
    page.get_by_role("link", name="데이터 과제 등록").click()

    page.get_by_label("제목").fill("보행 안전 영상 데이터")
    page.get_by_label("구분").select_option("regional")
    page.get_by_label("분야").fill("안전")
    page.get_by_label("예산(원)").fill("100000000")
    page.get_by_label("시작일").fill("2026-01-01")
    page.get_by_label("종료일").fill("2026-12-31")
    page.get_by_label("약속한 직접 고용 인원").fill("3")
    page.get_by_label("약속한 크라우드 작업 비율(%)").fill("50")
    page.get_by_label("수행기관").select_option(label=cast.project.organization.name)
    page.get_by_label("작업하는 데이터댐 프로젝트").select_option(label=cast.project.name)
    page.get_by_label("첫 번째 계획 데이터셋").fill("보행 영상 1차")
    page.get_by_label("항목 수").fill("500")
    page.get_by_label("납품 기한").fill("2026-06-30")
    page.get_by_role("button", name="등록").click()

    page.wait_for_url(DETAIL_URL)
    data_project = DataProject.objects.get(title="보행 안전 영상 데이터")
    expect(page.locator('[data-testid="figures"] tbody tr')).to_have_count(6)
    expect(page.locator('tr[data-figure="direct_hires"]')).to_contain_text("미달")
    axe_check(page)

    # The executing organization records the person it hired; the light counts them.
    page.get_by_label("고용 기관").select_option(label=cast.project.organization.name)
    page.get_by_label("이름").fill("김하나")
    page.get_by_label("사번").fill("E-1")
    page.get_by_label("고용 시작일").fill("2026-01-02")
    page.get_by_role("button", name="고용 기록하기").click()
    expect(page.locator('tr[data-figure="direct_hires"] td').first).to_have_text("1")
    assert data_project.hires.count() == 1

    # The printable report: every figure, with the menu and buttons left out on paper.
    page.get_by_test_id("report-link").click()
    expect(page.locator("h1")).to_contain_text("보행 안전 영상 데이터")
    expect(page.locator('[data-testid="figures"] tbody tr')).to_have_count(6)
    expect(page.locator("#chart-office")).to_be_attached()
    axe_check(page)
    page.emulate_media(media="print")
    expect(page.locator("body > header nav")).to_be_hidden()
    expect(page.locator('[data-testid="figures"]')).to_be_visible()
    page.screenshot(path=artifacts_dir / "office-report-print.png", full_page=True)
