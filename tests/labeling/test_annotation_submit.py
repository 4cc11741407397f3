"""A labeler submits an answer: stored once, validated against the schema, never lost."""

from datetime import timedelta

import pytest
from django.utils import timezone

from datadam.core.errors import Conflict, LeaseExpired, NotFound, SchemaViolation
from datadam.labeling import services
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Item
from datadam.projects.services import project_update
from tests.conftest import client_for


def _lease(cast):
    return services.assignment_lease_next(actor=cast.labeler, project=cast.project)


def test_labeler_submits_a_valid_answer_and_it_is_stored_once(cast) -> None:
    lease = _lease(cast)

    annotation, created = services.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive", "note": "좋아요"}
    )

    assert created
    stored = Annotation.objects.get()
    assert stored.id == annotation.id and stored.result == {"sentiment": "positive", "note": "좋아요"}
    assert Assignment.objects.get(id=lease.id).status == Assignment.Status.SUBMITTED


def test_a_retried_submit_returns_the_same_annotation_and_adds_nothing(cast) -> None:
    lease = _lease(cast)
    first, _ = services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"})

    again, created = services.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative"}
    )

    assert not created and again.id == first.id
    assert Annotation.objects.count() == 1
    assert Annotation.objects.get().result == {"sentiment": "positive"}


def test_a_label_outside_the_schema_is_refused_naming_it_and_nothing_is_stored(cast) -> None:
    lease = _lease(cast)

    with pytest.raises(SchemaViolation, match="'neutral'"):
        services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "neutral"})

    assert not Annotation.objects.exists()
    assert Assignment.objects.get(id=lease.id).status == Assignment.Status.ACTIVE


def test_a_label_the_manager_adds_is_taken_at_the_next_submit(cast) -> None:
    first, second = _lease(cast), services.assignment_lease_next(actor=cast.labeler2, project=cast.project)
    services.annotation_submit(actor=cast.labeler, assignment_id=first.id, result={"sentiment": "positive"})
    schema = {"controls": [{"type": "choices", "name": "sentiment", "labels": ["positive", "negative", "neutral"]}]}

    project_update(actor=cast.manager, project=cast.project, schema=schema)
    _annotation, created = services.annotation_submit(
        actor=cast.labeler2, assignment_id=second.id, result={"sentiment": "neutral"}
    )

    assert created and Annotation.objects.get(assignment_id=second.id).result == {"sentiment": "neutral"}


def test_a_missing_required_answer_is_refused(cast) -> None:
    lease = _lease(cast)

    with pytest.raises(SchemaViolation, match="sentiment"):
        services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"note": "hmm"})


def test_submit_on_an_expired_lease_is_refused_and_the_answer_is_kept_as_draft(cast) -> None:
    lease = _lease(cast)
    Assignment.objects.filter(id=lease.id).update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(LeaseExpired):
        services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative"})

    expired = Assignment.objects.get(id=lease.id)
    assert expired.status == Assignment.Status.EXPIRED
    assert expired.draft == {"sentiment": "negative"}
    assert Item.objects.get(id=lease.item_id).open_slots == 1
    assert not Annotation.objects.exists()


def test_another_labelers_lease_is_not_found(cast) -> None:
    lease = _lease(cast)

    with pytest.raises(NotFound):
        services.annotation_submit(actor=cast.labeler2, assignment_id=lease.id, result={"sentiment": "positive"})


def test_a_skipped_task_cannot_be_submitted(cast) -> None:
    lease = _lease(cast)
    services.assignment_skip(actor=cast.labeler, assignment_id=lease.id)

    with pytest.raises(Conflict):
        services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"})


def test_submit_api_answers_201_then_200_for_the_retry(cast) -> None:
    lease = _lease(cast)
    client = client_for(cast.labeler)
    url = f"/api/v1/assignments/{lease.id}/submit"

    first = client.post(url, {"result": {"sentiment": "positive"}}, content_type="application/json")
    retry = client.post(url, {"result": {"sentiment": "positive"}}, content_type="application/json")

    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json()["id"] == retry.json()["id"]


def test_submit_api_names_the_wrong_label_with_422(cast) -> None:
    lease = _lease(cast)

    response = client_for(cast.labeler).post(
        f"/api/v1/assignments/{lease.id}/submit", {"result": {"sentiment": "meh"}}, content_type="application/json"
    )

    assert response.status_code == 422
    assert "meh" in response.json()["detail"]


def test_submit_api_refuses_a_nul_character_with_422(cast) -> None:
    lease = _lease(cast)

    response = client_for(cast.labeler).post(
        f"/api/v1/assignments/{lease.id}/submit",
        {"result": {"sentiment": "positive", "note": "a\x00b"}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert not Annotation.objects.exists()


def test_submit_api_answers_409_on_an_expired_lease(cast) -> None:
    lease = _lease(cast)
    Assignment.objects.filter(id=lease.id).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client_for(cast.labeler).post(
        f"/api/v1/assignments/{lease.id}/submit", {"result": {"sentiment": "positive"}}, content_type="application/json"
    )

    assert response.status_code == 409
    assert Assignment.objects.get(id=lease.id).draft == {"sentiment": "positive"}


def test_the_labeling_page_posts_the_form_and_moves_to_the_next_task(cast) -> None:
    lease = _lease(cast)
    client = client_for(cast.labeler)

    response = client.post(f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {"sentiment": "negative"})

    assert response.status_code == 302
    assert Annotation.objects.get().result == {"sentiment": "negative"}
    next_page = client.get(response["Location"], follow=True)
    assert next_page.status_code == 200
    assert next_page.context["assignment"].id != lease.id


def test_the_labeling_page_shows_the_schema_error_and_keeps_the_choice(cast) -> None:
    lease = _lease(cast)

    response = client_for(cast.labeler).post(f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {})

    assert response.status_code == 422
    assert "sentiment" in response.content.decode()
    assert not Annotation.objects.exists()


JSON = "application/json"


def _lease_held_for_ten_minutes(cast):
    lease = _lease(cast)
    Assignment.objects.filter(id=lease.id).update(leased_at=timezone.now() - timedelta(minutes=10))
    return lease


def test_the_labeling_page_passes_on_the_active_seconds_its_page_counted(cast) -> None:
    lease = _lease_held_for_ten_minutes(cast)

    client_for(cast.labeler).post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {"sentiment": "negative", "active_seconds": "45"}
    )

    assert Annotation.objects.get().active_seconds == 45


@pytest.mark.parametrize(("sent", "stored"), [("abc", 0), ("-5", 0), ("", 0), ("99999999999999999999", 600)])
def test_garbled_or_inflated_active_seconds_from_the_page_are_never_trusted(cast, sent: str, stored: int) -> None:
    lease = _lease_held_for_ten_minutes(cast)

    client_for(cast.labeler).post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {"sentiment": "negative", "active_seconds": sent}
    )

    assert Annotation.objects.get().active_seconds == pytest.approx(stored, abs=2)


def test_submit_api_takes_the_active_seconds_and_refuses_a_count_out_of_range(cast) -> None:
    lease = _lease_held_for_ten_minutes(cast)
    client, url = client_for(cast.labeler), f"/api/v1/assignments/{lease.id}/submit"

    refused = [
        client.post(url, {"result": {"sentiment": "positive"}, "active_seconds": seconds}, content_type=JSON)
        for seconds in (-1, 86_401, "soon")
    ]
    accepted = client.post(url, {"result": {"sentiment": "positive"}, "active_seconds": 30}, content_type=JSON)

    assert [response.status_code for response in refused] == [422, 422, 422]
    assert accepted.status_code == 201
    assert Annotation.objects.get().active_seconds == 30
