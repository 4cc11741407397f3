"""A manager sets up a named-entity project without writing JSON: from the template, one label renamed in the
builder, a look at the preview, a CSV whose text column is picked on the preview of its rows. A labeler then
opens the project's first task. The story counts the manager's actions (clicks and filled fields)."""

import re
import time
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.projects.models import Item, Project
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, log_in_by_keyboard

pytestmark = pytest.mark.e2e

MAX_ACTIONS = 15
CSV = "id,body,source\n1,홍길동은 서울에서 일한다.,news\n2,이순신은 부산에 갔다.,news\n"


class Actions:
    """The manager's clicks and filled fields, counted as a person would make them."""

    def __init__(self) -> None:
        self.count = 0

    def click(self, target: Locator) -> None:
        self.count += 1
        target.click()

    def fill(self, target: Locator, value: str) -> None:
        self.count += 1
        target.fill(value)

    def pick(self, target: Locator, value: str) -> None:
        self.count += 1
        target.select_option(value)

    def upload(self, target: Locator, path: Path) -> None:
        self.count += 1
        target.set_input_files(str(path))


@pytest.mark.django_db(transaction=True)
def test_manager_sets_up_a_ner_project_from_the_template_in_few_actions_and_a_labeler_opens_it(
    page: Page, live_server: LiveServer, cast: Cast, axe_check: AxeCheck, artifacts_dir: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    page.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(page, cast.manager)
    page.goto(live_server.url + reverse("projects:list"))
    actions = Actions()

    # From "new project", the template fills the schema, the guideline and the rate.
    actions.click(page.get_by_role("button", name=re.compile("새 프로젝트")))
    actions.click(page.get_by_test_id("template-ner"))
    expect(page.locator("#id_name")).to_have_value("개체명 인식")
    actions.fill(page.locator("#id_name"), "뉴스 개체명")
    builder = page.locator("[data-builder-root]")
    expect(builder.locator("fieldset.builder-control")).to_have_count(1)
    axe_check(page)

    # One label renamed in the builder; the preview shows the task page with the new word.
    first_label_text = builder.locator('[data-label-index="0"] input[data-label="text"]')
    expect(first_label_text).to_have_value("사람")
    actions.fill(first_label_text, "인물")
    actions.click(page.get_by_test_id("preview"))
    preview = page.get_by_test_id("task-preview")
    expect(preview.locator('section[data-widget="text"]')).to_contain_text("인물")
    expect(preview.get_by_test_id("preview-plain-text")).to_have_count(0)  # the text is in the span widget
    expect(preview.locator('section[data-widget="text"] [data-stage]')).to_contain_text("홍길동")
    page.screenshot(path=str(artifacts_dir / "builder.png"), full_page=True)
    axe_check(page)
    with page.expect_navigation():
        actions.click(page.get_by_test_id("create-project"))
    project = Project.objects.get(name="뉴스 개체명")
    assert project.schema["controls"][0]["labels"][0]["text"] == "인물"
    assert project.rate_per_item > 0 and "## " in project.guideline

    # The CSV's text column is called "body": the preview of its rows lets the manager pick it.
    upload = tmp_path / "news.csv"
    upload.write_text(CSV, encoding="utf-8")
    actions.upload(page.locator("#id_file"), upload)
    with page.expect_navigation():
        actions.click(page.get_by_test_id("import-upload"))
    expect(page.get_by_test_id("import-preview")).to_contain_text("홍길동은 서울에서 일한다.")
    expect(page.locator("#id_text_column")).to_have_value("body")  # the longest texts: a good guess
    actions.pick(page.locator("#id_text_column"), "body")
    axe_check(page)
    with page.expect_navigation():
        actions.click(page.get_by_test_id("import-start"))
    expect(page.get_by_role("status")).to_contain_text("2")
    assert Item.objects.filter(project=project, is_published=True).count() == 2
    setup_seconds = time.monotonic() - started

    # The manager answers a gold item in the same task form labelers use.
    page.goto(live_server.url + reverse("quality:gold_answer", args=[project.id]))
    page.locator("#id_text").fill("세종대왕은 한양에서 태어났다.")
    with page.expect_navigation():
        page.get_by_test_id("gold-next").click()
    expect(page.get_by_test_id("gold-form").locator('section[data-widget="text"]')).to_contain_text("세종대왕")
    axe_check(page)

    # A labeler joins the open project and opens its first task.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("accounts:login"))
    log_in_by_keyboard(page, cast.labeler)
    page.goto(live_server.url + reverse("projects:detail", args=[project.id]))
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("참여")).click()
    page.goto(live_server.url + reverse("labeling:start", args=[project.id]))
    expect(page.locator('section[data-widget="text"]')).to_contain_text("인물")

    print(f"\nmanager actions from 'new project' to an openable project: {actions.count}; {setup_seconds:.1f} s")
    assert actions.count <= MAX_ACTIONS
