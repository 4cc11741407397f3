"""Courses beyond choices: a trainee draws a box on a photo in practice, sees the expected box beside hers, and
passes the box evaluation; in an NER course she marks names in a Korean sentence, as a labeler does."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.academy.models import EvaluationAttempt, PracticeAnswer
from datadam.academy.services import cohorts
from tests.academy.builders import NER_TEXT, ROCKET, make_cohort, make_region_course
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.e2e.test_labeling_widgets import drag, select_text

pytestmark = pytest.mark.e2e


def enrol(cast: Cast, kind: str, **fields: object):
    course = make_region_course(cast.manager, kind=kind, **fields)
    cohorts.cohort_apply(actor=cast.labeler, cohort=make_cohort(cast.manager, course))
    return course


def draw_rocket(page: Page, container) -> None:
    """Drag a box over the rocket (the gold box) on the 640 × 427 photo inside `container`."""
    image = container.locator("img").first
    image.evaluate("img => img.scrollIntoView({block: 'center'})")
    page.wait_for_function("(img) => img.naturalWidth === 640", arg=image.element_handle())
    box = image.bounding_box()
    assert box
    scale = box["width"] / 640
    x, y, w, h = (ROCKET[key] for key in ("x", "y", "width", "height"))
    drag(page, (box["x"] + x * scale, box["y"] + y * scale), (box["x"] + (x + w) * scale, box["y"] + (y + h) * scale))


@pytest.mark.django_db(transaction=True)
def test_a_trainee_draws_boxes_in_practice_sees_the_expected_box_and_passes_the_evaluation(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck, artifacts_dir: Path
) -> None:
    course = enrol(cast, "boxes", evaluation=1)
    log_in(page, cast.labeler)

    page.goto(live_server.url + reverse("academy:practice", args=[course.id]))
    editor = page.get_by_test_id("widget-image")
    draw_rocket(page, editor)
    expect(editor.get_by_test_id("regions-objects").locator("li")).to_have_count(1)
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("practice-check").click()

    feedback = page.get_by_test_id("practice-feedback")
    expect(feedback).to_have_attribute("data-correct", "true")
    expect(page.get_by_test_id("feedback-scores")).to_contain_text("%")
    expected = page.get_by_test_id("feedback-expected")
    expect(expected.get_by_test_id("regions-objects").locator("li")).to_have_count(1)
    expect(expected.get_by_test_id("regions-objects")).to_contain_text("로켓")
    expect(page.get_by_test_id("feedback-given").get_by_test_id("regions-objects").locator("li")).to_have_count(1)
    axe_check(page)
    page.screenshot(path=artifacts_dir / "box-practice-feedback.png", full_page=True)
    assert PracticeAnswer.objects.get(user=cast.labeler).score > 0.7

    page.goto(live_server.url + reverse("academy:evaluation", args=[course.id]))
    with page.expect_navigation():
        page.get_by_test_id("evaluation-start").click()
    item = page.get_by_test_id("evaluation-item").first
    draw_rocket(page, item)
    expect(item.get_by_test_id("regions-objects").locator("li")).to_have_count(1)
    with page.expect_navigation():
        page.get_by_test_id("evaluation-submit").click()

    attempt = EvaluationAttempt.objects.get(user=cast.labeler)
    assert attempt.passed and attempt.score > 0.7
    expect(page.get_by_test_id("attempt-result")).to_contain_text(re.compile(r"\d+%"))


@pytest.mark.django_db(transaction=True)
def test_a_trainee_marks_names_in_an_ner_practice_item(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck
) -> None:
    course = enrol(cast, "spans")
    log_in(page, cast.labeler)
    page.goto(live_server.url + reverse("academy:practice", args=[course.id]))
    expect(page.get_by_test_id("item-text")).to_have_text(NER_TEXT)

    select_text(page, "item-text", 0, 3)  # 홍길동, with the first label (사람)
    spans = page.get_by_test_id("widget-text").get_by_test_id("regions-entities").locator("li")
    expect(spans).to_have_count(1)
    page.keyboard.press("2")  # 장소, by its hotkey
    select_text(page, "item-text", 5, 7)  # 서울
    expect(spans).to_have_count(2)
    axe_check(page)
    with page.expect_navigation():
        page.get_by_test_id("practice-check").click()

    expect(page.get_by_test_id("practice-feedback")).to_have_attribute("data-correct", "true")
    expected = page.get_by_test_id("feedback-expected").get_by_test_id("regions-entities")
    expect(expected).to_contain_text("홍길동")
    expect(expected).to_contain_text("서울")
    axe_check(page)
    assert PracticeAnswer.objects.get(user=cast.labeler).correct
