"""Easy-read mode: a switch in the header turns on larger text and bigger targets, and on Korean pages plainer
sentences from a third catalog of the same messages, complete for the worker pages it covers."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

from datadam.core.easy_read import COOKIE
from datadam.notifications.models import Notification
from datadam.notifications.services import notification_send
from tests.conftest import client_for
from tests.core.test_language import LOCALE_DIRS, PLACEHOLDER, catalog_read

PACKAGE = Path(settings.LOCALE_PATHS[0]).parent
LABELING = "labeling/templates/labeling"
PAY = "pay/templates/pay"
JOBS = "jobs/templates/jobs"
ACADEMY = "academy/templates/academy"
# The worker pages the easy catalog covers completely, by the templates they are made of: the header, the
# notifications, the labeling task page (of one item or of several) and its widgets, earnings and statements, the
# job board and a job's page, and the academy pages a trainee sees.
WORKER_TEMPLATES = [
    "templates/base.html",
    "templates/_partials/app_header.html",
    "notifications/templates/notifications/list.html",
    "notifications/templates/notifications/_choices.html",
    "notifications/templates/notifications/_notification_bell.html",
    *(
        f"{LABELING}/{name}.html"
        for name in ["task", "page", "_item_media", "_controls", "_widget", "_widget_toolbar", "_widget_picker"]
        + ["_shortcuts", "_prefilled", "_pay_line", "_report_button", "no_tasks"]
    ),
    *(f"{PAY}/{name}.html" for name in ["_pay_line", "earnings", "statement"]),
    *(f"{JOBS}/{name}.html" for name in ["board", "detail", "_card", "_opened_jobs"]),
    *(
        f"{ACADEMY}/{name}.html"
        for name in ["course", "lesson", "practice", "evaluation", "attempt", "attempt_result", "apply"]
    ),
]
# The messages those pages' code shows (flash messages, form labels, the widgets' words), by file and function or class.
WORKER_CODE = [
    ("labeling/page_layout.py", "widget_messages"),
    ("labeling/views.py", "task_submit"),
    ("labeling/views.py", "task_skip"),
    ("jobs/views.py", "job_join"),
    ("academy/views.py", "_apply_message"),
    ("academy/views.py", "enrolment_cancel"),
    ("academy/views.py", "enrolment_answers_delete"),
    ("academy/forms.py", "ApplyForm"),
]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy"}
LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
# What templatize makes of {% translate %} and {% blocktranslate %}: gettext, ngettext, pgettext or npgettext calls.
CALL = re.compile(rf"\b(n?p?gettext)\(\s*({LITERAL})(?:\s*,\s*({LITERAL}))?")


def easy_catalog() -> dict[str, str]:
    return {entry.msgid: entry.msgstr[0] for entry in catalog_read("ko_Easy", LOCALE_DIRS[0]) if entry.msgid}


def template_messages(name: str) -> set[str]:
    """The msgids one template shows: the singular of a plural, the message (not the context) of pgettext."""
    words = set()
    for call in CALL.finditer(templatize((PACKAGE / name).read_text(encoding="utf-8"))):
        first, second = call[2], call[3]
        words.add(ast.literal_eval(second if call[1].startswith("p") else first))
    return words


def code_messages(path: str, name: str) -> set[str]:
    """The messages one top-level function or class of a module passes to gettext."""
    module = ast.parse((PACKAGE / path).read_text(encoding="utf-8"))
    node = next(node for node in module.body if getattr(node, "name", None) == name)
    return {
        call.args[0].value
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) in GETTEXT_NAMES
        if call.args and isinstance(call.args[0], ast.Constant)
    }


def worker_messages() -> set[str]:
    """Every message the worker pages show: their templates' and code's words, the notifications app's catalog."""
    words = set().union(*(template_messages(name) for name in WORKER_TEMPLATES))
    words |= set().union(*(code_messages(path, name) for path, name in WORKER_CODE))
    notifications = PACKAGE / "notifications" / "locale"
    return words | {entry.msgid for entry in catalog_read("ko", notifications) if entry.msgid}


def test_the_worker_templates_are_read_for_their_translate_and_blocktranslate_words() -> None:
    task = template_messages(f"{LABELING}/task.html")

    assert {"Skip this item", "A reviewer sent this back for rework.", "Finish by %(time)s."} <= task
    assert "You have submitted %(count)s label." in task
    assert "Reason" in template_messages(f"{PAY}/statement.html")
    assert "Skipped. This item will not be shown to you again." in code_messages("labeling/views.py", "task_skip")


def test_the_easy_catalog_is_complete_for_the_worker_pages_and_keeps_their_placeholders() -> None:
    easy = easy_catalog()
    korean = {entry.msgid for folder in LOCALE_DIRS for entry in catalog_read("ko", folder)}

    assert sorted(worker_messages() - set(easy)) == [], "worker-page messages without an easy wording"
    assert sorted(set(easy) - korean) == [], "the easy catalog holds the same messages as the Korean ones"
    for msgid, text in easy.items():
        assert text and sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), msgid


def test_a_labeler_turns_easy_read_on_and_the_notifications_page_speaks_plainly(cast) -> None:
    notification_send(
        user=cast.labeler, kind=Notification.Kind.REJECTION, params={"project": "감성 분류", "reason": "반대예요"}
    )
    client = client_for(cast.labeler)
    before = client.get("/notifications/").content.decode()

    switched = client.post("/easy-read/", {"on": "1", "next": "/notifications/"})
    after = client.get("/notifications/").content.decode()

    assert switched.status_code == 302 and switched["Location"] == "/notifications/"
    assert client.cookies[COOKIE].value == "1"
    assert "검수자가 “감성 분류”의 작업을 반려했습니다" in before and 'class="easy-read"' not in before
    assert "“감성 분류” 작업을 다시 해야 해요. 이유: 반대예요" in after
    assert '<html lang="ko" class="easy-read">' in after and "easy_read.css" in after
    assert 'aria-pressed="true"' in after


def test_easy_read_in_english_keeps_english_words_with_the_larger_text(cast) -> None:
    client = client_for(cast.labeler)
    client.post("/easy-read/", {"on": "1", "next": "/"})

    page = client.get("/notifications/", headers={"accept-language": "en"}).content.decode()

    assert '<html lang="en" class="easy-read">' in page
    assert "Work sent back with its reason, promotions and payments." in page and "새 소식" not in page


def test_turning_it_off_and_a_foreign_next_address_are_handled_safely(cast) -> None:
    client = client_for(None)
    client.post("/easy-read/", {"on": "1"})

    off = client.post("/easy-read/", {"on": "0", "next": "https://evil.example/"})
    page = client.get("/jobs/").content.decode()

    assert off["Location"] == "/"
    assert 'class="easy-read"' not in page
    assert client.get("/easy-read/").status_code == 405


def test_a_labeler_in_easy_read_mode_labels_and_checks_earnings_in_plain_words(cast) -> None:
    client = client_for(cast.labeler)
    client.post("/easy-read/", {"on": "1", "next": "/"})

    opened = client.get(f"/projects/{cast.project.id}/label/", follow=True)
    task = opened.content.decode()
    skipped = client.post(f"{opened.redirect_chain[-1][0]}skip/", follow=True).content.decode()
    earnings = client.get("/pay/").content.decode()
    board = client.get("/jobs/").content.decode()

    assert "이것은 건너뛰기" in task and "작업 방법 설명" in task and "가이드라인" not in task
    assert "건너뛰었어요." in skipped and "다시 나오지 않아요." in skipped
    assert "아직 받은 돈이 없어요." in earnings and "내가 번 돈" in earnings
    assert "할 수 있는 라벨링 일자리예요." in board and '<html lang="ko" class="easy-read">' in board
