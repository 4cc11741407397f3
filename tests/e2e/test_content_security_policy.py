"""Under the site's Content-Security-Policy the pages with the most script still work and the browser refuses
nothing: a labeler marks a span in the text widget, a reviewer opens that work, an operator reads the charts."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Annotation
from tests.conftest import Cast
from tests.e2e.conftest import LogIn, csp_refusals
from tests.e2e.test_labeling_widgets import KOREAN_TEXT, TEXT_SCHEMA, make_project, open_review, open_task, select_text
from tests.programmes.conftest import programme_cast_build

pytestmark = pytest.mark.e2e

# How many pixels of a chart's canvas chart.js painted (alpha above 0): a chart that never ran paints none.
PAINTED = """canvas => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
}"""


def watched(browser: Browser, browser_context_args: dict) -> tuple[BrowserContext, list[str]]:
    context = browser.new_context(**browser_context_args)
    return context, csp_refusals(context)


@pytest.mark.django_db(transaction=True)
def test_the_busiest_pages_work_and_the_browser_refuses_nothing(
    page: Page, browser: Browser, browser_context_args: dict, live_server: LiveServer, cast: Cast, log_in: LogIn
) -> None:
    pcast = programme_cast_build(cast)  # before make_project, which replaces the cast's items
    project = make_project(cast, TEXT_SCHEMA, "text", {"text": KOREAN_TEXT})

    # The labeling page: the text widget draws its highlight, the label form submits.
    log_in(page, cast.labeler)
    open_task(page, live_server, project)
    select_text(page, "item-text", 0, 3)
    expect(page.get_by_test_id("regions-entities").locator("li")).to_have_count(1)
    before = page.url
    page.get_by_test_id("submit").click()
    page.wait_for_url(lambda url: url != before)
    assert Annotation.objects.get(project=project, author=cast.labeler).result["entities"][0]["start"] == 0

    # The review page: the same widget shows the answer read-only.
    reviewer_context, reviewer_refused = watched(browser, browser_context_args)
    reviewer = reviewer_context.new_page()
    log_in(reviewer, cast.reviewer)
    open_review(reviewer, live_server, project)
    expect(reviewer.get_by_test_id("answer-widget-text").locator("li")).to_have_text(["사람 “홍길동”"])

    # The programme dashboard: chart.js draws every chart.
    operator_context, operator_refused = watched(browser, browser_context_args)
    operator = operator_context.new_page()
    log_in(operator, pcast.operator)
    operator.goto(live_server.url + reverse("programmes:home"))
    operator.wait_for_function(f"() => [...document.querySelectorAll('canvas')].every(c => ({PAINTED})(c) > 0)")
    assert operator.locator("canvas").count() >= 2  # the funnel and the outcomes

    assert reviewer_refused == [] and operator_refused == []  # the labeler's page is checked by the fixture


@pytest.mark.django_db(transaction=True)
def test_an_injected_inline_script_is_refused_and_the_watch_reports_it(
    browser: Browser, browser_context_args: dict, live_server: LiveServer
) -> None:
    """The control for the story above: the console watch does see a refusal when there is one."""
    context, refused = watched(browser, browser_context_args)
    page = context.new_page()
    page.goto(live_server.url + reverse("accounts:login"))

    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.head.append(script);
    }""")

    expect(page.locator("#id_username")).to_be_visible()
    page.wait_for_timeout(200)  # the console message arrives a moment after the refusal
    assert page.evaluate("() => window.injected") is None
    assert len(refused) == 1 and "script-src 'self'" in refused[0]
