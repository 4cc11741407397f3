"""Browser-story fixtures: a Korean labeler's browser, logging in through the real form, and axe.

Every story needs the live server and a database its thread can see, so mark stories with
``@pytest.mark.django_db(transaction=True)`` and take ``live_server``.
"""

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.accounts.models import User
from tests import factories
from tests.conftest import Cast

AXE_JS = Path(__file__).parents[2] / "frontend/node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

PACKAGE_STATIC = Path(__file__).parents[2] / "datadam/static"

LogIn = Callable[[Page, User], None]
AxeCheck = Callable[[Page], None]


@pytest.fixture(autouse=True)
def _widgets_built() -> None:
    """The stories drive the real widgets, so they must be built (make build does it)."""
    if not (PACKAGE_STATIC / "datadam/widgets/label_form.js").exists():
        pytest.fail("The widgets are not built: run `npm run build` in frontend/", pytrace=False)


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    """A browser set up as our labelers' are: Korean first, Seoul time."""
    return {**browser_context_args, "locale": "ko-KR", "timezone_id": "Asia/Seoul",
            "viewport": {"width": 1280, "height": 900}}


def csp_refusals(context: BrowserContext) -> list[str]:
    """The Content-Security-Policy violations the browser reports in the console of the context's pages, from
    now on (the list fills as the story goes)."""
    refused: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            refused.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", note)
    return refused


@pytest.fixture
def context(context: BrowserContext) -> Iterator[BrowserContext]:
    """The story's browser, watched: a page that breaks the site's Content-Security-Policy fails the story."""
    refused = csp_refusals(context)
    yield context
    if refused:
        pytest.fail("The browser refused content under the Content-Security-Policy:\n" + "\n".join(refused))


@pytest.fixture
def artifacts_dir(tmp_path: Path) -> Path:
    """Where a story leaves screenshots for a person to look at."""
    folder = tmp_path / "e2e-artifacts"
    folder.mkdir()
    return folder


def log_in_by_keyboard(page: Page, user: User) -> None:
    """Type into the login form already on the page, the way a keyboard user does, and wait to get in."""
    page.locator("#id_username").focus()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(factories.PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#id_password")).to_have_count(0)


@pytest.fixture
def log_in(live_server: LiveServer) -> LogIn:
    """Open the login page and log in through the real form."""

    def _log_in(page: Page, user: User) -> None:
        page.goto(live_server.url + reverse("accounts:login"))
        log_in_by_keyboard(page, user)

    return _log_in


@pytest.fixture
def labeler_page(page: Page, cast: Cast, log_in: LogIn) -> Page:
    """The first labeler of the cast, logged in."""
    log_in(page, cast.labeler)
    return page


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; the WCAG 2.0/2.1 A and AA rules only."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugger, not added as an inline <script>: the site's Content-Security-Policy
        # refuses inline scripts, and the stories keep that policy on.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    results = page.evaluate("async (options) => await axe.run(document, options)", options)
    return results["violations"]


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [json.dumps(node["target"], ensure_ascii=False) for node in violation["nodes"][:3]]
        more = len(violation["nodes"]) - len(targets)
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    at {', '.join(targets)}" + (f" and {more} more" if more > 0 else ""))
    return "\n".join(lines)


@pytest.fixture
def axe_check() -> AxeCheck:
    """Fail the story when axe finds a serious or critical WCAG A/AA problem on the page."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}; run `npm ci` in frontend/")

    def _axe_check(page: Page) -> None:
        blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            report = axe_report(blocking)
            pytest.fail(f"axe found accessibility problems on {page.url}:\n{report}", pytrace=False)

    return _axe_check
