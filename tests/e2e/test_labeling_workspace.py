"""The labeling workspace: a labeler does an image, an audio and an NER task by keyboard alone on a laptop
(1366 × 768), sees the item first with the submit button in view without scrolling, then the same on a phone
(390 × 844); the image page also fits 320 CSS px without scrolling sideways."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.projects.models import Item, Project
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.reflow import LAPTOP, PHONE, assert_reflows
from tests.e2e.test_labeling_widgets import (
    TASK_URL,
    make_project,
    only_annotation,
    open_task,
    png_bytes,
    stored_media,
    wav_bytes,
)

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).parents[2] / "docs/screenshots"
BOX_SCHEMA = {"controls": [{"type": "boxes", "name": "objects", "title": "물체", "labels": [
    {"value": "cat", "text": "고양이"}, {"value": "dog", "text": "개"}]}]}
AUDIO_SCHEMA = {"controls": [{"type": "segments", "name": "speech", "title": "발화 구간", "transcript": True,
                               "labels": [{"value": "speech", "text": "말소리"}]}]}
NER_SCHEMA = {"controls": [{"type": "spans", "name": "entities", "title": "개체명", "labels": [
    {"value": "PS", "text": "사람"}, {"value": "LC", "text": "장소"}]}]}
NER_TEXT = "홍길동은 서울에서 일한다."


def with_items(project: Project, data: dict, count: int = 2) -> Project:
    """The project's items all carry `data` (one item per screen size the story visits)."""
    Item.objects.filter(project=project).update(data=data)
    for _ in range(count - Item.objects.filter(project=project).count()):
        factories.ItemFactory(project=project, data=data)
    return project


def assert_item_first_and_submit_in_view(page: Page, stage_test_id: str) -> None:
    """Without scrolling: the item starts in the upper half of the window and the submit button is on screen."""
    assert page.evaluate("() => window.scrollY") == 0
    height = page.viewport_size["height"]
    stage = page.get_by_test_id(stage_test_id).bounding_box()
    submit = page.get_by_test_id("submit").bounding_box()
    assert stage and submit
    assert stage["y"] < height / 2, f"the item starts {stage['y']} px down a {height} px window"
    assert 0 <= submit["y"] and submit["y"] + submit["height"] <= height, f"submit at {submit} in a {height} px window"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"workspace-{name}.png")


@pytest.mark.django_db(transaction=True)
def test_labeler_draws_a_box_by_keyboard_alone_and_the_image_fills_the_screen_on_a_laptop_and_a_phone(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck,
) -> None:
    project = make_project(cast, BOX_SCHEMA, "image", {})
    photo = stored_media(project, "사진.png", png_bytes())
    with_items(project, {"image": photo, "image_width": 640, "image_height": 400})
    page.set_viewport_size(LAPTOP)
    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    widget = page.get_by_test_id("widget-image")
    page.wait_for_function("() => document.querySelector('[data-testid=item-image]')?.naturalWidth === 640")
    assert_item_first_and_submit_in_view(page, "item-image")
    image, submit = page.get_by_test_id("item-image").bounding_box(), page.get_by_test_id("submit").bounding_box()
    assert image and submit
    assert image["y"] + image["height"] <= submit["y"], "the whole picture shows above the submit bar"
    stage = widget.locator("[data-stage]").bounding_box()
    assert stage
    room = submit["y"] - image["y"]
    assert image["width"] >= 0.9 * stage["width"] or image["height"] >= 0.8 * room, "the picture fills the room it has"

    # The list of shortcuts opens with ?, and Escape closes it.
    widget.locator("[data-stage]").focus()
    page.keyboard.press("Shift+?")
    expect(page.get_by_test_id("shortcuts")).to_be_visible()
    axe_check(page)
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("shortcuts")).to_be_hidden()
    expect(widget.locator("[data-stage]")).to_be_focused()

    # N adds a box in the middle with the picked label; 2 picks 개; arrows move it, Alt+arrows resize it.
    page.keyboard.press("2")
    widget.locator("[data-stage]").focus()
    page.keyboard.press("n")
    boxes = page.get_by_test_id("regions-objects").locator("li")
    expect(boxes).to_have_count(1)
    for key in ["Shift+ArrowRight", "ArrowRight", "ArrowDown", "Alt+Shift+ArrowRight", "Alt+ArrowUp"]:
        page.keyboard.press(key)
    expect(boxes.first.locator(".region-fields input").first).to_have_value("251")
    page.keyboard.press("n")
    expect(boxes).to_have_count(2)
    page.keyboard.press("Control+z")
    expect(boxes).to_have_count(1)
    page.keyboard.press("Control+Shift+z")
    expect(boxes).to_have_count(2)
    page.keyboard.press("[")  # selects the last box
    page.keyboard.press("Delete")
    expect(boxes).to_have_count(1)
    expect(boxes.first).to_contain_text("x")
    axe_check(page)
    screenshot(page, "image-1366")

    # Full screen: the workspace fills the window, the submit button still in view; Escape leaves it.
    page.get_by_test_id("full-screen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("workspace")).to_have_class(re.compile(r"\bis-full\b"))
    assert_item_first_and_submit_in_view(page, "item-image")
    screenshot(page, "image-1366-full-screen")
    axe_check(page)
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("workspace")).not_to_have_class(re.compile(r"\bis-full\b"))
    widget.locator("[data-stage]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    [box] = only_annotation(project, cast.labeler).result["objects"]
    assert box == {"id": "b1", "x": 251.0, "y": 151.0, "width": 170.0, "height": 99.0, "label": "dog"}

    page.wait_for_url(TASK_URL)
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_function("() => document.querySelector('[data-testid=item-image]')?.naturalWidth === 640")
    assert_item_first_and_submit_in_view(page, "item-image")
    axe_check(page)
    screenshot(page, "image-390")
    assert_reflows(page)
    screenshot(page, "image-320")


@pytest.mark.django_db(transaction=True)
def test_labeler_cuts_a_recording_by_keyboard_alone_with_submit_in_view_on_a_laptop_and_a_phone(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck,
) -> None:
    project = make_project(cast, AUDIO_SCHEMA, "audio", {})
    with_items(project, {"audio": stored_media(project, "녹음.wav", wav_bytes(4.0)), "audio_duration": 4.0})
    page.set_viewport_size(LAPTOP)
    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    expect(page.get_by_test_id("widget-audio")).to_have_attribute("data-widget-loaded", "true")
    assert_item_first_and_submit_in_view(page, "waveform")

    # On the waveform: the playhead to 1 s, N adds a segment there, and the focus goes to its transcript.
    page.get_by_test_id("waveform").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("n")
    segments = page.get_by_test_id("regions-speech").locator("li")
    expect(segments).to_have_count(1)
    expect(segments.first.get_by_test_id("segment-transcript")).to_be_focused()
    page.keyboard.type("안녕하세요")
    expect(segments.first.locator(".region-fields input").first).to_have_value("1")
    axe_check(page)
    screenshot(page, "audio-1366")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    [segment] = only_annotation(project, cast.labeler).result["speech"]
    assert segment == {"id": "g1", "start": 1.0, "end": 3.0, "label": "speech", "text": "안녕하세요"}

    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_test_id("widget-audio")).to_have_attribute("data-widget-loaded", "true")
    assert_item_first_and_submit_in_view(page, "waveform")
    # A finger dragged sideways across the waveform makes a segment (the page may still scroll up and down there).
    page.context.new_cdp_session(page).send("Emulation.setTouchEmulationEnabled", {"enabled": True})
    wave = page.get_by_test_id("waveform").bounding_box()
    assert wave
    middle = wave["y"] + wave["height"] / 2
    finger_drag(page, (wave["x"] + wave["width"] * 0.25, middle), (wave["x"] + wave["width"] * 0.75, middle))
    expect(page.get_by_test_id("regions-speech").locator("li")).to_have_count(1)
    axe_check(page)
    screenshot(page, "audio-390")


@pytest.mark.django_db(transaction=True)
def test_labeler_marks_names_by_keyboard_alone_with_submit_in_view_on_a_laptop_and_a_phone(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck,
) -> None:
    project = make_project(cast, NER_SCHEMA, "text", {})
    with_items(project, {"text": NER_TEXT})
    page.set_viewport_size(LAPTOP)
    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    assert_item_first_and_submit_in_view(page, "item-text")

    # In the text: Shift+arrows select 홍길동, Enter marks it; 2 picks 장소, and 서울 is marked the same way.
    text = page.get_by_test_id("item-text")
    text.focus()
    for _ in range(3):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    page.keyboard.press("2")
    text.focus()
    page.keyboard.press("Home")
    for key in ["ArrowRight"] * 5 + ["Shift+ArrowRight"] * 2:
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    spans = page.get_by_test_id("regions-entities").locator("li")
    expect(spans).to_have_count(2)
    page.keyboard.press("Control+z")
    expect(spans).to_have_count(1)
    page.keyboard.press("Control+y")
    expect(spans).to_have_count(2)
    axe_check(page)
    screenshot(page, "ner-1366")
    page.get_by_test_id("submit").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    marked = only_annotation(project, cast.labeler).result["entities"]
    assert [(span["start"], span["end"], span["label"], span["text"]) for span in marked] == [
        (0, 3, "PS", "홍길동"), (5, 7, "LC", "서울")]

    page.set_viewport_size(PHONE)
    page.reload()
    assert_item_first_and_submit_in_view(page, "item-text")
    axe_check(page)
    screenshot(page, "ner-390")


def finger_drag(page: Page, start: tuple[float, float], end: tuple[float, float], steps: int = 8) -> None:
    """Drag one finger across the screen, as a phone's touch screen reports it (touch → pointer events)."""
    touch = page.context.new_cdp_session(page)
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
    for step in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * step / steps
        y = start[1] + (end[1] - start[1]) * step / steps
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


@pytest.mark.django_db(transaction=True)
def test_labeler_draws_a_box_with_a_finger_on_a_phone(
    browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast, log_in: LogIn,
) -> None:
    project = make_project(cast, BOX_SCHEMA, "image", {})
    photo = stored_media(project, "사진.png", png_bytes())
    with_items(project, {"image": photo, "image_width": 640, "image_height": 400}, count=1)
    phone = browser.new_context(**{**browser_context_args, "viewport": PHONE, "has_touch": True, "is_mobile": True})
    page = phone.new_page()
    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    page.wait_for_function("() => document.querySelector('[data-testid=item-image]')?.naturalWidth === 640")
    image = page.get_by_test_id("item-image").bounding_box()
    assert image
    scale = image["width"] / 640
    finger_drag(page, (image["x"] + 100 * scale, image["y"] + 80 * scale),
                (image["x"] + 300 * scale, image["y"] + 240 * scale))
    expect(page.get_by_test_id("regions-objects").locator("li")).to_have_count(1)
    assert page.evaluate("() => window.scrollY") == 0, "the finger drew; the page did not scroll"
    # A person lifts the finger and looks before the next tap; in the headless browser a tap within a fraction of
    # a second of the drawing drag is not taken as a tap of its own.
    page.wait_for_timeout(600)
    with page.expect_navigation():
        page.get_by_test_id("submit").tap()
    [box] = only_annotation(project, cast.labeler).result["objects"]
    assert abs(box["x"] - 100) < 6 and abs(box["width"] - 200) < 10
    phone.close()
