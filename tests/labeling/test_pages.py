"""Task pages: a labeler gets several short items at once and sends them back together, and each item
is still its own task (assignment, annotation, overlap slot, pay row, audit row and review)."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from datadam.accounts import services as accounts
from datadam.audit.models import AuditEvent
from datadam.core.errors import Invalid, NotFound, PermissionDenied, SchemaViolation
from datadam.labeling import pages
from datadam.labeling.models import Annotation, Assignment
from datadam.pay.models import LedgerEntry
from datadam.projects import services as projects
from datadam.projects.models import Item, Project
from datadam.quality import services as quality
from datadam.quality.models import QualityPolicy
from datadam.review.services import review_claim_next, review_reject
from tests import factories
from tests.labeling.test_loop_statements import STATEMENTS_PER_SUBMIT, statements_sent

PAGE = 3


@pytest.fixture(autouse=True)
def _english():
    """Service messages are read in English here; pages pick their language per request."""
    with translation.override("en"):
        yield


@pytest.fixture
def paged(cast):
    cast.project.items_per_page = PAGE
    cast.project.save()
    return cast


def _answer_all(tasks, label="positive") -> dict:
    return {task.id: {"sentiment": label} for task in tasks}


def test_one_lease_hands_out_a_page_of_items_in_queue_order_each_its_own_task(paged) -> None:
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)

    assert [task.item_id for task in tasks] == [item.id for item in paged.items[:PAGE]]
    assert len({task.id for task in tasks}) == PAGE
    assert all(Item.objects.get(id=task.item_id).open_slots == 0 for task in tasks)
    leases = AuditEvent.objects.filter(action="assignment.lease", project=paged.project)
    assert sorted(leases.values_list("object_id", flat=True)) == sorted(task.id for task in tasks)


def test_asking_again_gives_back_the_page_held_and_takes_nothing_more(paged) -> None:
    first = pages.page_lease(actor=paged.labeler, project=paged.project)
    again = pages.page_lease(actor=paged.labeler, project=paged.project)

    assert [task.id for task in again] == [task.id for task in first]
    assert Assignment.objects.filter(worker=paged.labeler).count() == PAGE


def test_the_last_page_is_shorter_and_then_nothing_is_left(paged) -> None:
    first = pages.page_lease(actor=paged.labeler, project=paged.project)
    pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(first))
    last = pages.page_lease(actor=paged.labeler, project=paged.project)
    pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(last))

    assert len(last) == len(paged.items) - PAGE
    assert pages.page_lease(actor=paged.labeler, project=paged.project) == []


def test_a_submitted_page_stores_one_annotation_per_item_with_its_share_of_the_time(paged) -> None:
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)
    Assignment.objects.filter(id__in=[t.id for t in tasks]).update(leased_at=timezone.now() - timedelta(minutes=5))

    outcome = pages.page_submit(
        actor=paged.labeler, project=paged.project, answers=_answer_all(tasks), active_seconds=90
    )

    assert outcome.created and len(outcome.stored) == PAGE
    stored = Annotation.objects.filter(author=paged.labeler).order_by("item_id")
    assert [a.item_id for a in stored] == sorted(t.item_id for t in tasks)
    assert {a.active_seconds for a in stored} == {30}
    assert set(Assignment.objects.filter(worker=paged.labeler).values_list("status", flat=True)) == {"submitted"}
    assert AuditEvent.objects.filter(action="annotation.submit", project=paged.project).count() == PAGE


def test_one_answer_outside_the_schema_refuses_the_whole_page_naming_the_item(paged) -> None:
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)
    answers = _answer_all(tasks)
    answers[tasks[1].id] = {"sentiment": "furious"}

    with pytest.raises(SchemaViolation, match="Item 2 on the page"):
        pages.page_submit(actor=paged.labeler, project=paged.project, answers=answers)

    assert not Annotation.objects.exists()
    assert set(Assignment.objects.filter(worker=paged.labeler).values_list("status", flat=True)) == {"active"}


def test_a_retried_page_answers_with_the_first_annotations_and_stores_nothing_twice(paged) -> None:
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)
    first = pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(tasks))
    retry = pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(tasks, "negative"))

    assert not retry.created
    assert sorted(a.id for a in retry.already) == sorted(a.id for a in first.stored)
    assert Annotation.objects.count() == PAGE
    assert {annotation.result["sentiment"] for annotation in Annotation.objects.all()} == {"positive"}


def test_a_run_out_lease_on_the_page_keeps_its_answer_as_a_draft_and_gives_its_slot_back(paged) -> None:
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)
    late = tasks[0]
    Assignment.objects.filter(id=late.id).update(expires_at=timezone.now() - timedelta(seconds=1))

    outcome = pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(tasks))

    assert outcome.ran_out == [late.id] and len(outcome.stored) == PAGE - 1
    late.refresh_from_db()
    assert late.status == "expired" and late.draft == {"sentiment": "positive"}
    assert Item.objects.get(id=late.item_id).open_slots == 1


def test_nobody_submits_or_leases_what_is_not_theirs(paged) -> None:
    mine = pages.page_lease(actor=paged.labeler, project=paged.project)

    with pytest.raises(NotFound):
        pages.page_submit(actor=paged.labeler2, project=paged.project, answers=_answer_all(mine))
    with pytest.raises(NotFound):  # my own tasks, named under another organization's project
        pages.page_submit(actor=paged.labeler, project=paged.project_b, answers=_answer_all(mine))
    with pytest.raises(PermissionDenied):
        pages.page_lease(actor=paged.outsider, project=paged.project)
    assert not Annotation.objects.exists()


def test_rework_comes_first_and_alone(paged) -> None:
    paged.project.items_per_page = 1
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)
    pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(tasks))
    claimed = review_claim_next(actor=paged.reviewer, project=paged.project)
    review_reject(actor=paged.reviewer, annotation_id=claimed.id, comment="The review is positive.")
    paged.project.items_per_page = PAGE

    page = pages.page_lease(actor=paged.labeler, project=paged.project)

    assert [task.id for task in page] == [tasks[0].id]
    outcome = pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(page, "negative"))
    assert [a.version for a in outcome.stored] == [2]


def test_gold_items_may_sit_anywhere_on_the_page_and_take_no_overlap_slot(paged) -> None:
    gold = quality.gold_item_create(
        actor=paged.manager, project=paged.project, data={"text": "정답"}, answer={"sentiment": "positive"}
    )
    quality.policy_update(actor=paged.manager, project=paged.project, honeypot_share=0.5)
    QualityPolicy.objects.filter(project=paged.project).update(honeypot_share=1.0)

    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)

    assert gold.item_id in {task.item_id for task in tasks} and len(tasks) == PAGE
    ordinary = [task.item_id for task in tasks if task.item_id != gold.item_id]
    assert ordinary == [item.id for item in paged.items[: PAGE - 1]]


def test_a_paused_labeler_gets_no_page(paged) -> None:
    quality.worker_pause(actor=paged.manager, project=paged.project, worker=paged.labeler, reason="Too fast")

    with pytest.raises(PermissionDenied, match="Too fast"):
        pages.page_lease(actor=paged.labeler, project=paged.project)


def test_pay_on_submit_writes_one_earning_per_item(paged) -> None:
    paged.project.pay_on, paged.project.rate_per_item = Project.PayOn.SUBMIT, 50
    paged.project.save()
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)
    pages.page_submit(actor=paged.labeler, project=paged.project, answers=_answer_all(tasks))

    earnings = LedgerEntry.objects.filter(worker=paged.labeler, kind="earning")
    assert earnings.count() == PAGE and sum(e.amount for e in earnings) == 50 * PAGE


def test_pages_are_only_for_plain_controls(cast) -> None:
    spans = {"controls": [{"type": "spans", "name": "entities", "labels": ["PER"], "source": "text"}]}
    project = factories.ProjectFactory(organization=cast.project.organization, schema=spans, created_by=cast.manager)

    with pytest.raises(Invalid, match="entities"):
        projects.project_update(actor=cast.manager, project=project, items_per_page=10)
    project.refresh_from_db()
    assert project.items_per_page == 1


def test_over_the_api_a_page_is_one_request_to_lease_and_one_to_submit(paged) -> None:
    _token, plain = accounts.token_create(user=paged.labeler, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}", HTTP_ACCEPT_LANGUAGE="en")
    client.get("/api/v1/me")

    leased = client.post(f"/api/v1/projects/{paged.project.id}/pages/next")
    answers = [{"assignment_id": task["id"], "result": {"sentiment": "negative"}} for task in leased.json()["tasks"]]
    body = json.dumps({"answers": answers, "active_seconds": 30})
    submitted, statements = statements_sent(
        lambda: client.post(f"/api/v1/projects/{paged.project.id}/pages/submit", body, content_type="application/json")
    )
    retried = client.post(f"/api/v1/projects/{paged.project.id}/pages/submit", body, content_type="application/json")

    assert leased.status_code == 200 and len(leased.json()["tasks"]) == PAGE
    assert submitted.status_code == 201 and len(submitted.json()["stored"]) == PAGE
    assert 3 <= statements <= STATEMENTS_PER_SUBMIT + 1  # one submit's handful (and a statement for versions)
    assert retried.status_code == 200 and len(retried.json()["already"]) == PAGE
    assert Annotation.objects.count() == PAGE


def test_over_the_api_bad_pages_get_a_clear_4xx_and_store_nothing(paged) -> None:
    _token, plain = accounts.token_create(user=paged.labeler, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}", HTTP_ACCEPT_LANGUAGE="en")
    task = client.post(f"/api/v1/projects/{paged.project.id}/pages/next").json()["tasks"][0]
    url = f"/api/v1/projects/{paged.project.id}/pages/submit"

    twice = {"answers": [{"assignment_id": task["id"], "result": {"sentiment": "positive"}}] * 2}
    outside = {"answers": [{"assignment_id": task["id"], "result": {"sentiment": "furious"}}]}
    responses = [
        client.post(url, json.dumps(twice), content_type="application/json"),
        client.post(url, json.dumps(outside), content_type="application/json"),
        client.post(url, json.dumps({"answers": []}), content_type="application/json"),
        client.post(url, "{not json", content_type="application/json"),
    ]

    assert [response.status_code for response in responses] == [422, 422, 422, 400]
    assert "answered once" in responses[0].json()["detail"]
    assert "Item 1 on the page" in responses[1].json()["detail"]
    assert not Annotation.objects.exists()
