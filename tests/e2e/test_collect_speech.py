"""A worker records a prompt with the browser's fake microphone, listens back, gives consent and sends it;
a reviewer accepts it and it becomes an item of the labeling project."""

from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserType, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.media import collect
from datadam.media.models import Contribution
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.factories import ProjectMembershipFactory

pytestmark = pytest.mark.e2e

FAKE_MICROPHONE = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


@pytest.fixture
def microphone_browser(browser_type: BrowserType, browser_type_launch_args: dict) -> Iterator[Browser]:
    """The suite's chromium with a fake microphone (a beeping test tone) that needs no permission prompt."""
    args = [*browser_type_launch_args.get("args", []), *FAKE_MICROPHONE]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield browser
    browser.close()


@pytest.fixture
def microphone_page(microphone_browser: Browser, browser_context_args: dict, live_server: LiveServer) -> Iterator[Page]:
    context = microphone_browser.new_context(**browser_context_args)
    context.grant_permissions(["microphone"], origin=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
def test_worker_records_a_clip_listens_back_and_sends_it_with_consent(
    microphone_page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    task = collect.collection_create(
        actor=cast.manager,
        organization=cast.project.organization,
        name="음성 수집 시범",
        kind="audio",
        consent_text="제 목소리를 인공지능 학습 데이터로 쓰는 데 동의합니다.",
        prompts=["오늘 날씨가 맑습니다"],
        target_project=cast.project,
        max_seconds=10,
    )
    ProjectMembershipFactory(project=task.project, user=cast.labeler)
    ProjectMembershipFactory(project=task.project, user=cast.reviewer, role="reviewer")
    page = microphone_page
    log_in(page, cast.labeler)
    page.goto(live_server.url + reverse("media:collect", args=[task.id]))
    expect(page.locator("#prompt-text")).to_contain_text("오늘 날씨가 맑습니다")
    axe_check(page)

    record = page.locator("#record-button")
    expect(record).to_be_visible()
    record.click()
    expect(page.locator("#recorder")).to_have_attribute("data-state", "recording")
    page.wait_for_timeout(1500)
    record.click()
    expect(page.locator("#recorder")).to_have_attribute("data-state", "recorded", timeout=10_000)
    playback = page.locator("#playback")
    expect(playback).to_be_visible()
    duration = page.wait_for_function(
        "() => { const a = document.querySelector('#playback'); return a.duration > 0 && a.duration; }"
    ).json_value()
    assert 0.8 < duration < 5
    assert page.locator("#id_file").evaluate("input => input.files[0].name") == "recording.wav"
    axe_check(page)

    page.locator("#id_consent").check()
    with page.expect_navigation():
        page.locator("#submit-button").click()
    expect(page.get_by_role("status").first).to_be_visible()
    contribution = Contribution.objects.get(worker=cast.labeler)
    assert contribution.media.content_type == "audio/wav" and contribution.media.status == "ok"
    assert 0.8 < contribution.media.duration < 5 and contribution.consent_text.startswith("제 목소리")

    page.context.clear_cookies()
    log_in(page, cast.reviewer)
    page.goto(live_server.url + reverse("media:collect_review", args=[task.id]))
    expect(page.locator("audio")).to_have_count(1)
    axe_check(page)
    page.locator('button[name="verdict"][value="accept"]').click()
    page.wait_for_load_state()
    contribution.refresh_from_db()
    assert contribution.status == "accepted" and contribution.target_item.project_id == cast.project.id
