"""A manager reads every kind of event in the activity log, whatever its detail holds, on every page."""

import ast
import math
from pathlib import Path

from django.test import Client
from django.utils import translation
from django.utils.html import escape

from datadam.audit.actions import ACTION_LABELS
from datadam.audit.presenters import detail_pairs
from datadam.audit.services import audit_record_project
from datadam.audit.views import PAGE_SIZE
from tests.conftest import Cast, client_for

PACKAGE = Path(__file__).resolve().parents[2] / "datadam"
# Call sites that build the action from a value; each names every action it can write.
ACTIONS_FROM_A_VALUE = {
    "jobs/services.py": {"job_posting.publish", "job_posting.update"},
    "labeling/reports.py": {"item.report_release", "item.report_remove"},
    "media/collect.py": {"contribution.accepted", "contribution.rejected"},
    "pay/services.py": {"ledger.bonus", "ledger.adjustment"},
    "projects/imports/lifecycle.py": {
        f"{kind}.{step}" for kind in ("import_batch", "media_import") for step in ("create", "fail", "publish")
    },
    "quality/inspection.py": {"lot.accept", "lot.reject"},
    "review/services.py": {"review.accept", "review.reject", "review.correct"},
}
# What the services write, as they write it (see each service's audit call); keys such as "items" are
# dict method names too, which is what broke the page.
DETAILS = {
    "assignment.expire": {"assignments": [41, 42, 43]},
    "annotation.submit": {"version": 2},
    "assist.settings": {"enabled": True, "queue_order": "uncertain_first", "threshold": 0.8},
    "collection.create": {"prompts": 12, "kind": "audio"},
    "data_project.plan_add": {"items": 5000},
    "data_project.register": {"title": "2026 민원 음성 말뭉치"},
    "enrolment.apply": {"status": "waiting"},
    "evaluation.submit": {"score": 0.875, "passed": True},
    "export.stream": {"include": "accepted"},
    "import_batch.create": {"file": "reviews.csv", "bytes": 20480},
    "import_batch.fail": {"problems": 3},
    "import_batch.publish": {"items": 120},
    "job_posting.update": {"fields": ["hourly_pay", "is_open"], "is_open": False},
    "ledger.bonus": {"worker": "labeler2", "amount": 5000},
    "lot.create": {"size": 200, "n": 32},
    "media_import.create": {"source": "url", "name": "links.txt"},
    "media_import.publish": {"items": 40, "unreadable": 2},
    "organization.settings_update": {"minimum_hourly_wage": 10030},
    "programme_target.set": {"programme": 1, "year": 2026, "metric": "trained", "target": 300},
    "project.member_add": {"username": "reviewer", "role": "reviewer"},
    "quality.consensus_refresh": {"items": 87, "raised": 2},
    "quality.policy_update": {"gold_rate": 0.1, "lot_size": 200},
    "release.cut": {"version": "1.2.0"},
    "release.reject": {"version": "1.2.0", "comment": "3번 항목을 다시 검수하세요"},
    "release.sign_off": {"override": False},
    "review.reject": {"reason": "상자가 <b>고양이</b>를 다 덮지 않아요"},
    "unit_rate.set": {"control": "boxes", "unit": "region", "rate": 30},
}
# Keys that are names of dict methods, and nesting, on top of each event's own detail.
AWKWARD = {"keys": ["a", "b"], "values": {"items": [1, {"get": None}]}, "update": {"pop": {"copy": []}}}


def _recorded_actions() -> set[str]:
    """Every action a call to audit_record, audit_record_project, audit_record_each or audit_values in datadam/
    can write."""
    written: set[str] = set()
    unexplained = []
    for source in PACKAGE.rglob("*.py"):
        if source.is_relative_to(PACKAGE / "audit"):
            continue  # audit_record_project hands its caller's action on
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in ("audit_record", "audit_record_project", "audit_record_each", "audit_values"):
                continue
            action = next(keyword.value for keyword in node.keywords if keyword.arg == "action")
            choices = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
            if all(isinstance(choice, ast.Constant) for choice in choices):
                written |= {choice.value for choice in choices}
            else:
                where = str(source.relative_to(PACKAGE))
                if where not in ACTIONS_FROM_A_VALUE:
                    unexplained.append(f"{where}:{node.lineno}")
                written |= ACTIONS_FROM_A_VALUE.get(where, set())
    assert unexplained == [], f"name the actions these calls can write in ACTIONS_FROM_A_VALUE: {unexplained}"
    return written


def _one_event_of_each_kind(cast: Cast) -> None:
    for action in ACTION_LABELS:
        detail = DETAILS.get(action, {}) | AWKWARD
        audit_record_project(actor=cast.manager, action=action, target=None, project=cast.project, detail=detail)


def _english(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return response.content.decode()


def test_every_action_a_service_records_is_in_the_registry() -> None:
    written = _recorded_actions()

    assert sorted(written - set(ACTION_LABELS)) == []
    assert {"annotation.submit", "import_batch.publish", "career_share.disable"} <= written


def test_manager_reads_every_kind_of_event_on_every_page_of_the_log(cast: Cast) -> None:
    _one_event_of_each_kind(cast)
    client = Client(headers={"accept-language": "en"})
    client.force_login(cast.manager)
    pages = math.ceil(len(ACTION_LABELS) / PAGE_SIZE)

    shown = "".join(_english(client, f"/audit/?page={number}") for number in range(1, pages + 2))

    assert pages >= 2, "the test reaches past the first page"
    with translation.override("en"):
        missing = [action for action, label in ACTION_LABELS.items() if escape(str(label)) not in shown]
    assert missing == []
    assert "Items: 120" in shown and "keys: a, b" in shown
    assert "Reason: 상자가 &lt;b&gt;고양이&lt;/b&gt;를 다 덮지 않아요" in shown, "a detail is escaped, not markup"


def test_manager_filters_the_log_by_each_action_and_by_its_group(cast: Cast) -> None:
    _one_event_of_each_kind(cast)
    client = Client(headers={"accept-language": "en"})
    client.force_login(cast.manager)

    with translation.override("en"):
        for action, label in ACTION_LABELS.items():
            page = _english(client, f"/audit/?action={action}")
            table = page[page.index("<tbody>") : page.index("</tbody>")]
            assert escape(str(label)) in table and table.count("<tr>") == 1, action
        grouped = _english(client, "/audit/?action=import_batch&page=5")
    table = grouped[grouped.index("<tbody>") : grouped.index("</tbody>")]
    import_actions = [action for action in ACTION_LABELS if action.startswith("import_batch.")]
    assert len(import_actions) >= 3 and table.count("<tr>") == len(import_actions)
    assert "import_batch.publish" in table


def test_an_import_event_no_longer_breaks_the_log_at_the_addresses_that_answered_500(cast: Cast) -> None:
    for action in ("import_batch.publish", "annotation.submit"):
        detail = {"items": 3} if action.startswith("import") else {"version": 1}
        audit_record_project(actor=cast.manager, action=action, target=None, project=cast.project, detail=detail)
    client, paths = client_for(cast.manager), ["/audit/", "/audit/?page=5", "/audit/?action=annotation"]

    statuses = {path: client.get(path).status_code for path in paths}

    assert statuses == dict.fromkeys(paths, 200)


def test_a_detail_becomes_plain_label_and_text_pairs() -> None:
    with translation.override("en"):
        pairs = detail_pairs({"items": 3, "passed": False, "fields": ["a", "b"], "worker": None, "x_y": {"k": [1]}})

    assert pairs == [("Items", "3"), ("Passed", "no"), ("Fields", "a, b"), ("Worker", "—"), ("x y", "k: 1")]
