"""A worker sends a photo for a prompt (its GPS location is removed), a reviewer rejects it with a reason and the
worker reads the reason; the manager's media import page passes axe too."""

import io

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.media import collect
from datadam.media.models import Contribution
from datadam.media.storage import media_storage
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.factories import ProjectMembershipFactory

pytestmark = pytest.mark.e2e


def photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 40.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (90, 160, 60)).save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_worker_sends_a_photo_reviewer_rejects_with_a_reason(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    task = collect.collection_create(
        actor=cast.manager,
        organization=cast.project.organization,
        name="간판 사진 수집",
        kind="image",
        consent_text="제가 찍은 사진을 학습 데이터로 쓰는 데 동의합니다.",
        prompts=["가게 간판을 찍어 주세요"],
    )
    ProjectMembershipFactory(project=task.project, user=cast.labeler)
    ProjectMembershipFactory(project=task.project, user=cast.reviewer, role="reviewer")
    log_in(page, cast.labeler)
    page.goto(live_server.url + reverse("media:collect", args=[task.id]))
    axe_check(page)
    page.locator("#id_file").set_input_files(
        {"name": "sign.jpg", "mimeType": "image/jpeg", "buffer": photo_with_location()}
    )
    page.locator("#id_consent").check()
    with page.expect_navigation():
        page.locator("#submit-button").click()
    contribution = Contribution.objects.get(worker=cast.labeler)
    with media_storage().open(contribution.media.storage_key, "rb") as stored, Image.open(stored) as image:
        assert 0x8825 not in image.getexif()

    page.context.clear_cookies()
    log_in(page, cast.reviewer)
    page.goto(live_server.url + reverse("media:collect_review", args=[task.id]))
    image = page.locator("article img")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 320
    axe_check(page)
    page.locator(f"#reason-{contribution.id}").fill("간판이 흐립니다")
    page.locator('button[name="verdict"][value="reject"]').click()
    page.wait_for_load_state()
    expect(page.locator("article")).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, cast.labeler)
    page.goto(live_server.url + reverse("media:collect", args=[task.id]))
    expect(page.get_by_text("간판이 흐립니다")).to_be_visible()
    expect(page.locator("#prompt-text")).to_contain_text("가게 간판")  # the prompt is open again


@pytest.mark.django_db(transaction=True)
def test_media_import_page_passes_axe(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    log_in(page, cast.manager)
    page.goto(live_server.url + reverse("media:import", args=[cast.project.id]))
    expect(page.locator("h1")).to_be_visible()
    axe_check(page)
