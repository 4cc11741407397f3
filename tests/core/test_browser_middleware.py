"""A script calling the API with its token gets plain JSON answers, without the browser-page machinery (session,
CSRF cookie, log-in lockout, flash messages, Content-Security-Policy, frame rules); pages and the browser's own
API calls keep all of it."""

from axes.middleware import AxesMiddleware
from django.conf import settings
from django.test import Client
from django.utils.module_loading import import_string

from datadam.accounts import services as accounts
from tests.conftest import client_for

PAGE_HEADERS = ("Content-Security-Policy", "X-Frame-Options")


def test_a_scripts_next_task_call_answers_without_the_page_headers(cast) -> None:
    _token, secret = accounts.token_create(user=cast.labeler, name="labeling script")
    script = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    answer = script.post(f"/api/v1/projects/{cast.project.id}/tasks/next")

    assert answer.status_code == 200 and answer.json()["item"]["id"] in {item.id for item in cast.items}
    assert [header for header in PAGE_HEADERS if header in answer] == []
    assert answer["X-Content-Type-Options"] == "nosniff"  # still never rendered as a page
    assert not hasattr(answer.wsgi_request, "_messages")  # no flash-message store was set up


def test_the_browsers_own_api_calls_and_pages_keep_them(cast) -> None:
    browser = client_for(cast.labeler)

    api_answer = browser.get("/api/v1/me")
    page = browser.get("/projects/")

    assert api_answer.status_code == 200 and page.status_code == 200
    assert [header for header in PAGE_HEADERS if header in api_answer] == list(PAGE_HEADERS)
    assert [header for header in PAGE_HEADERS if header in page] == list(PAGE_HEADERS)
    assert hasattr(page.wsgi_request, "_messages")


def test_a_bearer_header_on_a_page_does_not_drop_them(cast) -> None:
    page = client_for(cast.labeler).get("/projects/", HTTP_AUTHORIZATION="Bearer whatever")

    assert page.status_code == 200
    assert [header for header in PAGE_HEADERS if header in page] == list(PAGE_HEADERS)


def test_a_scripts_call_opens_no_session_and_sets_no_csrf_cookie(cast) -> None:
    _token, secret = accounts.token_create(user=cast.labeler, name="labeling script")
    script = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    answer = script.get("/api/v1/me")

    assert answer.status_code == 200 and answer.json()["username"] == cast.labeler.username
    assert not hasattr(answer.wsgi_request, "session")
    assert "Cookie" not in answer.get("Vary", "") and not answer.cookies


def test_a_script_with_an_unknown_token_is_refused_as_a_browser_without_a_session_is(db) -> None:
    script = Client(HTTP_AUTHORIZATION="Bearer not-a-token", enforce_csrf_checks=True)

    reading, writing = script.get("/api/v1/me"), script.post("/api/v1/projects/1/tasks/next")

    assert (reading.status_code, writing.status_code) == (401, 401)


def test_log_in_lockout_stays_in_the_middleware() -> None:
    lockout = [path for path in settings.MIDDLEWARE if issubclass(import_string(path), AxesMiddleware)]

    assert lockout == [settings.MIDDLEWARE[-1]]  # last: it sees the answer of every log-in form
