"""Region widgets in the browser: a labeler draws a box and a polygon on an image, marks spans in a Korean text
and links them, cuts a recording into a segment and types its transcript, and submits each; a reviewer then
sees every answer drawn read-only and corrects it with the same widgets."""

import io
import re
import wave
from pathlib import Path

import numpy as np
import pytest
from django.urls import reverse
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Annotation
from datadam.media import services as media_services
from datadam.projects.models import Item, Project
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn

pytestmark = pytest.mark.e2e

TASK_URL = re.compile(r"/projects/\d+/tasks/(\d+)/$")
REVIEW_WORK_URL = re.compile(r"/projects/\d+/review/(\d+)/$")
KOREAN_TEXT = "홍길동은 서울의 데이터댐 회사에서 일한다."

IMAGE_SCHEMA = {
    "controls": [
        {"type": "boxes", "name": "objects", "title": "물체", "labels": [
            {"value": "cat", "text": "고양이"}, {"value": "dog", "text": "개"}]},
        {"type": "polygons", "name": "areas", "title": "영역", "required": False, "labels": [
            {"value": "road", "text": "도로"}]},
        {"type": "choices", "name": "weather", "title": "날씨", "labels": [
            {"value": "sunny", "text": "맑음"}, {"value": "rainy", "text": "비"}]},
    ]
}
TEXT_SCHEMA = {
    "controls": [
        {"type": "spans", "name": "entities", "title": "개체명", "labels": [
            {"value": "PS", "text": "사람"}, {"value": "OG", "text": "기관"}, {"value": "LC", "text": "장소"}]},
        {"type": "relations", "name": "links", "title": "관계", "spans": "entities", "required": False, "labels": [
            {"value": "works_for", "text": "소속", "hotkey": "w"}]},
    ]
}
AUDIO_SCHEMA = {
    "controls": [
        {"type": "segments", "name": "speech", "title": "발화 구간", "transcript": True, "labels": [
            {"value": "speech", "text": "말소리"}, {"value": "noise", "text": "잡음"}]},
    ]
}


def png_bytes(width: int = 640, height: int = 400) -> bytes:
    image = Image.new("RGB", (width, height), (235, 235, 220))
    ImageDraw.Draw(image).rectangle((100, 80, 300, 240), fill=(200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def wav_bytes(seconds: float = 4.0, rate: int = 8000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * np.pi * 220 * t) * 9000 * (t % 1 < 0.6)).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def make_project(cast: Cast, schema: dict, data_type: str, data: dict, prediction: dict | None = None) -> Project:
    """The cast's project turned into one with a region schema and a single item."""
    project = cast.project
    Project.objects.filter(id=project.id).update(schema=schema, data_type=data_type)
    project.refresh_from_db()
    Item.objects.filter(project=project).delete()
    factories.ItemFactory(project=project, data=data, prediction=prediction or {})
    return project


def stored_media(project: Project, name: str, content: bytes) -> str:
    media = media_services.media_file_store(project=project, name=name, stream=io.BytesIO(content))
    media_services.media_file_probe(media=media)
    return f"media:{media.id}"


def open_task(page: Page, live_server: LiveServer, project: Project) -> None:
    page.goto(live_server.url + reverse("labeling:start", args=[project.id]))
    page.wait_for_url(TASK_URL)


def submit(page: Page) -> None:
    before = page.url
    page.get_by_test_id("submit").click()
    page.wait_for_url(lambda url: url != before)


def open_review(page: Page, live_server: LiveServer, project: Project) -> None:
    page.goto(live_server.url + reverse("review:start", args=[project.id]))
    page.wait_for_url(REVIEW_WORK_URL)


def drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=5)
    page.mouse.move(*end, steps=5)
    page.mouse.up()


def only_annotation(project: Project, author) -> Annotation:
    return Annotation.objects.filter(project=project, author=author).latest("version")


@pytest.mark.django_db(transaction=True)
def test_labeler_draws_a_box_and_a_polygon_and_the_reviewer_corrects_the_box_label(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast, log_in: LogIn,
    axe_check: AxeCheck, artifacts_dir: Path,
) -> None:
    project = make_project(cast, IMAGE_SCHEMA, "image", {})
    reference = stored_media(project, "고양이 사진.png", png_bytes())
    Item.objects.filter(project=project).update(data={"image": reference, "image_width": 640, "image_height": 400})

    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    image = page.get_by_test_id("widget-image").locator("img").first
    expect(image).to_be_visible()
    page.wait_for_function("() => document.querySelector('img')?.naturalWidth === 640")
    axe_check(page)
    image.evaluate("img => img.scrollIntoView({block: 'center'})")
    box = image.bounding_box()
    assert box
    scale = box["width"] / 640

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + x * scale, box["y"] + y * scale

    # A box by mouse drag, with the first label (picked already).
    drag(page, at(100, 80), at(300, 240))
    expect(page.get_by_test_id("regions-objects").locator("li")).to_have_count(1)

    # A polygon: pick the polygon tool's label by its hotkey, drag the first edge, click the others, close it.
    page.keyboard.press("3")
    expect(page.get_by_test_id("widget-image")).to_have_attribute("data-tool", "polygon")
    drag(page, at(400, 300), at(600, 300))
    for x, y in [(600, 380), (420, 380), (401, 301)]:
        page.mouse.move(*at(x, y), steps=3)
        page.mouse.down()
        page.mouse.up()
    expect(page.get_by_test_id("regions-areas").locator("li")).to_have_count(1)
    page.keyboard.press("4")  # weather: sunny
    page.screenshot(path=artifacts_dir / "image-labeling.png")
    submit(page)

    answer = only_annotation(project, cast.labeler)
    [drawn] = answer.result["objects"]
    assert drawn["label"] == "cat"
    assert abs(drawn["x"] - 100) < 4 and abs(drawn["y"] - 80) < 4
    assert abs(drawn["width"] - 200) < 6 and abs(drawn["height"] - 160) < 6
    [area] = answer.result["areas"]
    assert area["label"] == "road" and len(area["points"]) >= 3
    assert answer.result["weather"] == "sunny"

    # The reviewer sees the box drawn read-only and corrects its label with the same widget.
    reviewer = browser.new_context(**browser_context_args).new_page()
    log_in(reviewer, cast.reviewer)
    open_review(reviewer, live_server, project)
    expect(reviewer.get_by_test_id("answer-widget-image").get_by_text("고양이")).to_be_visible()
    axe_check(reviewer)
    reviewer.locator("details > summary").first.click()
    correction = reviewer.get_by_test_id("widget-image")
    expect(correction.get_by_test_id("regions-objects").locator("li")).to_have_count(1)
    axe_check(reviewer)
    correction.get_by_label(re.compile("(Label of|라벨).*")).first.select_option("dog")
    reviewer.screenshot(path=artifacts_dir / "image-review.png")
    with reviewer.expect_navigation():
        reviewer.get_by_test_id("correct").click()
    corrected = Annotation.objects.filter(project=project).latest("id")
    assert corrected.author == cast.reviewer
    assert corrected.result["objects"][0]["label"] == "dog"
    assert corrected.result["areas"] == answer.result["areas"]


def select_text(page: Page, stage_test_id: str, start: int, end: int) -> None:
    """Drag the mouse over characters start..end of the widget's text, as a person selects words."""
    box = page.get_by_test_id(stage_test_id).evaluate(
        """(node, [start, end]) => {
            const text = node.firstChild;
            const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                                return r.getBoundingClientRect(); };
            const first = at(start), last = at(end - 1);
            return {x1: first.left + 1, y1: first.top + first.height / 2,
                    x2: last.right - 1, y2: last.top + last.height / 2};
        }""",
        [start, end],
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.wait_for_timeout(150)  # the annotator reads the selection from selectionchange events, which come late
    page.mouse.up()


@pytest.mark.django_db(transaction=True)
def test_labeler_marks_korean_spans_links_a_relation_and_the_reviewer_relabels_a_span(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast, log_in: LogIn,
    axe_check: AxeCheck, artifacts_dir: Path,
) -> None:
    project = make_project(cast, TEXT_SCHEMA, "text", {"text": KOREAN_TEXT})
    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    expect(page.get_by_test_id("item-text")).to_have_text(KOREAN_TEXT)
    axe_check(page)

    select_text(page, "item-text", 0, 3)  # 홍길동, with the first label (사람)
    spans = page.get_by_test_id("regions-entities").locator("li")
    expect(spans).to_have_count(1)
    page.keyboard.press("2")  # 기관
    select_text(page, "item-text", 9, 16)  # 데이터댐 회사
    expect(spans).to_have_count(2)

    # Link 홍길동 → 데이터댐 회사 as works_for: "Link" on the first span, then "Link here" on the second.
    spans.nth(0).get_by_test_id("link-span").click()
    spans.nth(1).get_by_test_id("link-span").click()
    expect(page.get_by_test_id("regions-links").locator("li")).to_have_count(1)

    # By keyboard alone: pick 장소 with its hotkey, focus the text, select 서울 with Shift+arrows, Enter marks it.
    page.keyboard.press("3")
    page.get_by_test_id("item-text").focus()
    page.keyboard.press("Home")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    expect(spans).to_have_count(3)
    assert TASK_URL.search(page.url)  # Enter marked; it did not submit
    page.screenshot(path=artifacts_dir / "text-labeling.png")
    submit(page)

    answer = only_annotation(project, cast.labeler)
    assert answer.result["entities"] == [
        {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"},
        {"id": "s2", "start": 9, "end": 16, "label": "OG", "text": "데이터댐 회사"},
        {"id": "s3", "start": 5, "end": 7, "label": "LC", "text": "서울"},
    ]
    assert answer.result["links"] == [{"id": "r1", "from": "s1", "to": "s2", "label": "works_for"}]

    reviewer = browser.new_context(**browser_context_args).new_page()
    log_in(reviewer, cast.reviewer)
    open_review(reviewer, live_server, project)
    shown = reviewer.get_by_test_id("answer-widget-text")
    expect(shown.get_by_test_id("regions-entities").locator("li")).to_have_count(3)
    expect(shown.get_by_test_id("regions-links")).to_contain_text("홍길동")
    axe_check(reviewer)
    reviewer.locator("details > summary").first.click()
    correction = reviewer.get_by_test_id("widget-text")
    expect(correction.get_by_test_id("regions-entities").locator("li")).to_have_count(3)
    axe_check(reviewer)  # the correction widgets too, once open
    correction.get_by_test_id("regions-entities").locator("li").nth(1).locator("select").select_option("LC")
    with reviewer.expect_navigation():
        reviewer.get_by_test_id("correct").click()
    corrected = Annotation.objects.filter(project=project).latest("id")
    assert corrected.author == cast.reviewer
    assert [span["label"] for span in corrected.result["entities"]] == ["PS", "LC", "LC"]
    assert corrected.result["links"] == answer.result["links"]


@pytest.mark.django_db(transaction=True)
def test_labeler_drags_an_audio_segment_types_its_transcript_and_the_reviewer_fixes_it(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast, log_in: LogIn,
    axe_check: AxeCheck, artifacts_dir: Path,
) -> None:
    project = make_project(cast, AUDIO_SCHEMA, "audio", {})
    reference = stored_media(project, "인사 녹음.wav", wav_bytes(4.0))
    Item.objects.filter(project=project).update(data={"audio": reference, "audio_duration": 4.0})

    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    widget = page.get_by_test_id("widget-audio")
    expect(widget).to_have_attribute("data-widget-loaded", "true")
    axe_check(page)
    wave_box = page.get_by_test_id("waveform").bounding_box()
    assert wave_box
    middle = wave_box["y"] + wave_box["height"] / 2
    drag(page, (wave_box["x"] + wave_box["width"] * 0.25, middle), (wave_box["x"] + wave_box["width"] * 0.5, middle))
    segments = page.get_by_test_id("regions-speech").locator("li")
    expect(segments).to_have_count(1)
    transcript = segments.nth(0).get_by_test_id("segment-transcript")
    expect(transcript).to_be_focused()
    page.keyboard.type("안녕하세요 여러분")

    # By keyboard: move the playhead to 3 s on the waveform, add a noise segment there.
    page.get_by_test_id("waveform").focus()
    page.keyboard.press("2")  # the hotkey picks 잡음 and moves focus to it
    page.get_by_test_id("waveform").focus()
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_test_id("waveform")).to_have_attribute("aria-valuenow", "3")
    page.get_by_test_id("add-segment").focus()
    page.keyboard.press("Enter")
    expect(segments).to_have_count(2)
    widget.locator("[data-speed]").select_option("1.5")
    page.screenshot(path=artifacts_dir / "audio-labeling.png")
    submit(page)

    answer = only_annotation(project, cast.labeler)
    segment, noise = answer.result["speech"]
    assert segment["label"] == "speech" and segment["text"] == "안녕하세요 여러분"
    assert abs(segment["start"] - 1.0) < 0.25 and abs(segment["end"] - 2.0) < 0.25
    assert noise == {"id": "g2", "start": 3.0, "end": 4.0, "label": "noise", "text": ""}

    reviewer = browser.new_context(**browser_context_args).new_page()
    log_in(reviewer, cast.reviewer)
    open_review(reviewer, live_server, project)
    expect(reviewer.get_by_test_id("answer-widget-audio")).to_contain_text("안녕하세요 여러분")
    axe_check(reviewer)
    reviewer.locator("details > summary").first.click()
    fixed = reviewer.get_by_test_id("widget-audio").get_by_test_id("segment-transcript").first
    expect(fixed).to_be_visible()
    axe_check(reviewer)
    fixed.fill("안녕하세요, 여러분.")
    with reviewer.expect_navigation():
        reviewer.get_by_test_id("correct").click()
    corrected = Annotation.objects.filter(project=project).latest("id")
    assert corrected.author == cast.reviewer
    assert corrected.result["speech"][0]["text"] == "안녕하세요, 여러분."
    assert corrected.result["speech"][0]["start"] == segment["start"]


KEYPOINT_SCHEMA = {
    "controls": [
        {"type": "boxes", "name": "objects", "title": "물체", "labels": [{"value": "cat", "text": "고양이"}]},
        {"type": "keypoints", "name": "marks", "title": "특징점", "labels": [{"value": "nose", "text": "코"}]},
        {"type": "rating", "name": "clarity", "title": "선명도", "max": 3},
    ]
}


@pytest.mark.django_db(transaction=True)
def test_pre_labels_start_the_task_marked_as_pre_filled_and_the_labeler_edits_them_by_keyboard_and_mouse(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck,
) -> None:
    project = make_project(cast, KEYPOINT_SCHEMA, "image", {})
    reference = stored_media(project, "사진.png", png_bytes())
    predicted_box = {"id": "b1", "x": 100, "y": 80, "width": 200, "height": 160, "label": "cat"}
    Item.objects.filter(project=project).update(
        data={"image": reference, "image_width": 640, "image_height": 400},
        prediction={"result": {"objects": [predicted_box, {**predicted_box, "id": "b2", "x": 400}]},
                    "source": "model:detector", "confidence": 0.4},
    )

    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    expect(page.get_by_test_id("prefilled-note")).to_be_visible()
    expect(page.get_by_test_id("widget-image").get_by_test_id("prefilled")).to_be_visible()
    boxes = page.get_by_test_id("regions-objects").locator("li")
    expect(boxes).to_have_count(2)
    axe_check(page)

    # The second pre-labelled box is wrong: the worker removes it by keyboard.
    boxes.nth(1).get_by_test_id("remove-region").focus()
    page.keyboard.press("Enter")
    expect(boxes).to_have_count(1)

    # A box by keyboard: add one in the middle, then type its left edge.
    page.get_by_test_id("add-objects").focus()
    page.keyboard.press("Enter")
    expect(boxes).to_have_count(2)
    expect(boxes.nth(1).locator("input").first).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("20")
    page.keyboard.press("Enter")
    page.evaluate("() => document.activeElement.blur()")  # out of the number field, so keys are hotkeys again

    # A keypoint: pick the point label by its hotkey, then click the nose.
    page.keyboard.press("2")
    expect(page.get_by_test_id("widget-image")).to_have_attribute("data-tool", "point")
    image = page.get_by_test_id("widget-image").locator("img").first
    image.evaluate("img => img.scrollIntoView({block: 'center'})")
    box = image.bounding_box()
    assert box
    scale = box["width"] / 640
    page.mouse.click(box["x"] + 200 * scale, box["y"] + 150 * scale)
    expect(page.get_by_test_id("regions-marks").locator("li")).to_have_count(1)
    page.get_by_label("3", exact=True).check()

    # Zoom in: the image grows, the shapes stay on it in the original image's pixels.
    fitted = image.evaluate("img => img.getBoundingClientRect().width")
    page.get_by_test_id("widget-image").locator('[data-zoom="in"]').click()
    zoomed = round(fitted / 640 * 125)
    level = page.get_by_test_id("widget-image").locator("[data-zoom-level]")
    expect(level).to_have_text(re.compile(rf"^({zoomed - 1}|{zoomed}|{zoomed + 1})%$"))  # from whole pixels
    assert image.evaluate("img => img.getBoundingClientRect().width") == pytest.approx(fitted * 1.25, abs=2)
    layer = page.get_by_test_id("widget-image").locator("svg.a9s-annotationlayer")
    assert layer.evaluate("svg => svg.getBoundingClientRect().width") == pytest.approx(fitted * 1.25, abs=2)
    page.get_by_test_id("widget-image").locator('[data-zoom="fit"]').click()

    # The draft keeps every drawn region: after a reload the page starts from it, no longer from the pre-label.
    expect(page.locator("[data-autosave-status]")).to_have_attribute("data-state", "saved")
    page.reload()
    expect(page.get_by_test_id("regions-objects").locator("li")).to_have_count(2)
    expect(page.get_by_test_id("regions-marks").locator("li")).to_have_count(1)
    expect(page.get_by_test_id("prefilled-note")).to_have_count(0)
    submit(page)

    answer = only_annotation(project, cast.labeler)
    assert answer.result["objects"] == [
        predicted_box, {"id": "b2", "x": 20, "y": 150, "width": 160, "height": 100, "label": "cat"}]
    [point] = answer.result["marks"]
    assert point["label"] == "nose" and abs(point["x"] - 200) < 3 and abs(point["y"] - 150) < 3
    assert answer.result["clarity"] == 3
