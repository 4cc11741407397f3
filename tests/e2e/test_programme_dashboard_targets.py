"""An operator reads the programme dashboard: each target has its own small chart, drawn on its own scale with
the target as a line, beside a table of the same figures; the year reads in Korean."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.programmes import services
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.programmes.conftest import ProgrammeCast, programme_cast_build

pytestmark = pytest.mark.e2e
DRAWN = re.compile("box-sizing")  # chart.js sizes a canvas it draws on


@pytest.fixture
def pcast(cast: Cast) -> ProgrammeCast:
    return programme_cast_build(cast)


@pytest.mark.django_db(transaction=True)
def test_an_operator_reads_one_small_chart_per_target(
    page: Page, live_server: LiveServer, pcast: ProgrammeCast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    year = timezone.localdate().year
    for metric, target in (("trainees", 8), ("items_accepted", 50_000)):
        services.target_set(
            actor=pcast.operator, programme_id=pcast.programme.id, year=year, metric=metric, target=target
        )

    log_in(page, pcast.operator)
    page.goto(live_server.url + reverse("programmes:dashboard", args=[pcast.programme.id]))

    trainees = page.get_by_test_id(f"target-trainees-{year}")
    expect(trainees.get_by_role("heading")).to_contain_text(f"{year}년")
    expect(trainees.locator("canvas")).to_have_attribute("style", DRAWN)
    expect(trainees.get_by_role("row", name="목표")).to_contain_text("8")
    expect(page.locator("canvas.target-canvas")).to_have_count(2)
    heading = trainees.get_by_role("heading").bounding_box()
    assert heading is not None and heading["height"] < 40, "the heading wraps"  # no "202/6"
    axe_check(page)
