"""A reviewer inspects submitted work: accepts it, sends it back with a reason, or corrects it.
Rejected work returns first in its labeler's queue with the reason shown; every version is kept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied, SchemaViolation
from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Item
from datadam.review import services
from datadam.review.models import Review
from tests import factories
from tests.conftest import client_for

REASON = "라벨이 틀렸습니다 (wrong label)"


def _submitted(cast, labeler=None, answer: str = "positive") -> Annotation:
    labeler = labeler or cast.labeler
    lease = labeling.assignment_lease_next(actor=labeler, project=cast.project)
    annotation, _ = labeling.annotation_submit(actor=labeler, assignment_id=lease.id, result={"sentiment": answer})
    return annotation


def test_reviewer_claims_the_oldest_submitted_work_and_keeps_it_on_reload(cast) -> None:
    first, _second = _submitted(cast), _submitted(cast, cast.labeler2)

    claimed = services.review_claim_next(actor=cast.reviewer, project=cast.project)
    again = services.review_claim_next(actor=cast.reviewer, project=cast.project)

    assert claimed.id == again.id == first.id


def test_two_reviewers_are_never_handed_the_same_work(cast) -> None:
    _submitted(cast)
    _submitted(cast, cast.labeler2)
    second_reviewer = factories.ProjectMembershipFactory(project=cast.project, role="reviewer").user

    one = services.review_claim_next(actor=cast.reviewer, project=cast.project)
    two = services.review_claim_next(actor=second_reviewer, project=cast.project)

    assert one.id != two.id


def test_reviewer_accepts_and_the_work_is_accepted(cast) -> None:
    annotation = _submitted(cast)

    review = services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    assert Annotation.objects.get(id=annotation.id).status == Annotation.Status.ACCEPTED
    assert review.verdict == Review.Verdict.ACCEPT


def test_a_second_verdict_is_refused_and_the_first_stands(cast) -> None:
    annotation = _submitted(cast)
    services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    with pytest.raises(Conflict):
        services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, reason=REASON)

    assert Review.objects.get().verdict == Review.Verdict.ACCEPT


def test_rejected_work_goes_back_first_in_the_labelers_queue_with_the_reason(cast) -> None:
    annotation = _submitted(cast, answer="positive")
    _submitted(cast)  # the labeler moves on to another item meanwhile
    services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, reason=REASON, comment="부정적인 리뷰예요")

    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    page = client_for(cast.labeler).get(f"/projects/{cast.project.id}/tasks/{lease.id}/").content.decode()

    assert lease.id == annotation.assignment_id
    assert lease.draft == {"sentiment": "positive"}
    assert REASON in page and "부정적인 리뷰예요" in page


def test_reworked_work_is_a_new_version_and_the_rejected_one_stays(cast) -> None:
    annotation = _submitted(cast)
    services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, reason=REASON)
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)

    reworked, created = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative"}
    )

    versions = list(
        Annotation.objects.filter(assignment_id=lease.id).order_by("version").values_list("version", "status", "result")
    )
    assert created and reworked.version == 2
    assert versions == [(1, "rejected", {"sentiment": "positive"}), (2, "submitted", {"sentiment": "negative"})]


def test_a_rework_lease_that_runs_out_stays_with_its_labeler(cast) -> None:
    annotation = _submitted(cast)
    services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, reason=REASON)
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    Assignment.objects.filter(id=lease.id).update(expires_at=timezone.now() - timedelta(seconds=1))
    slots_before = Item.objects.get(id=annotation.item_id).open_slots

    labeling.assignments_expire(project=cast.project)

    assert Assignment.objects.get(id=lease.id).status == Assignment.Status.REWORK
    assert Item.objects.get(id=annotation.item_id).open_slots == slots_before


def test_a_rejection_without_reason_or_comment_is_refused(cast) -> None:
    annotation = _submitted(cast)

    with pytest.raises(Invalid):
        services.review_reject(actor=cast.reviewer, annotation_id=annotation.id)

    assert Annotation.objects.get(id=annotation.id).status == Annotation.Status.SUBMITTED


def test_a_reason_not_on_the_projects_list_is_refused(cast) -> None:
    annotation = _submitted(cast)

    with pytest.raises(Invalid):
        services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, reason="made up")


def test_a_correction_is_a_new_accepted_version_by_the_reviewer(cast) -> None:
    annotation = _submitted(cast, answer="positive")

    review = services.review_correct(actor=cast.reviewer, annotation_id=annotation.id, result={"sentiment": "negative"})

    original = Annotation.objects.get(id=annotation.id)
    correction = Annotation.objects.get(id=review.correction_id)
    assert (original.status, original.result) == ("corrected", {"sentiment": "positive"})
    assert (correction.author, correction.version, correction.status) == (cast.reviewer, 2, "accepted")


def test_a_correction_outside_the_schema_is_refused(cast) -> None:
    annotation = _submitted(cast)

    with pytest.raises(SchemaViolation):
        services.review_correct(actor=cast.reviewer, annotation_id=annotation.id, result={"sentiment": "meh"})

    assert not Review.objects.exists()


def test_nobody_reviews_their_own_work(cast) -> None:
    factories.ProjectMembershipFactory(project=cast.project, user=cast.labeler, role="reviewer")
    annotation = _submitted(cast)

    with pytest.raises(PermissionDenied):
        services.review_accept(actor=cast.labeler, annotation_id=annotation.id)


def test_a_labeler_who_is_not_a_reviewer_cannot_review(cast) -> None:
    annotation = _submitted(cast)

    with pytest.raises(PermissionDenied):
        services.review_accept(actor=cast.labeler2, annotation_id=annotation.id)


def test_an_outsider_cannot_review_another_organizations_work(cast) -> None:
    annotation = _submitted(cast)

    with pytest.raises(NotFound):
        services.review_accept(actor=cast.outsider, annotation_id=annotation.id)


def test_a_verdict_on_work_not_yet_submitted_is_refused(cast) -> None:
    annotation = _submitted(cast)
    services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, reason=REASON)

    with pytest.raises(Conflict):
        services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)


def test_review_api_answers_409_for_a_second_verdict_and_422_without_reason(cast) -> None:
    annotation = _submitted(cast)
    other = _submitted(cast, cast.labeler2)
    client = client_for(cast.reviewer)

    first = client.post(f"/api/v1/annotations/{annotation.id}/accept", {}, content_type="application/json")
    second = client.post(f"/api/v1/annotations/{annotation.id}/accept", {}, content_type="application/json")
    no_reason = client.post(f"/api/v1/annotations/{other.id}/reject", {}, content_type="application/json")

    assert (first.status_code, second.status_code, no_reason.status_code) == (201, 409, 422)


def test_review_api_answers_403_for_own_work(cast) -> None:
    factories.ProjectMembershipFactory(project=cast.project, user=cast.labeler, role="reviewer")
    annotation = _submitted(cast)

    response = client_for(cast.labeler).post(
        f"/api/v1/annotations/{annotation.id}/accept", {}, content_type="application/json"
    )

    assert response.status_code == 403


def test_review_next_api_gives_the_work_and_204_when_none_waits(cast) -> None:
    annotation = _submitted(cast)
    client = client_for(cast.reviewer)

    first = client.post(f"/api/v1/projects/{cast.project.id}/reviews/next")
    client.post(f"/api/v1/annotations/{annotation.id}/accept", {}, content_type="application/json")
    empty = client.post(f"/api/v1/projects/{cast.project.id}/reviews/next")

    assert first.json()["result"] == {"sentiment": "positive"} and first.json()["author"] == "labeler"
    assert empty.status_code == 204


def test_the_review_page_sends_work_back_with_a_reason(cast) -> None:
    annotation = _submitted(cast)
    client = client_for(cast.reviewer)

    start = client.get(f"/projects/{cast.project.id}/review/")
    page = client.get(start["Location"])
    sent = client.post(f"/projects/{cast.project.id}/review/{annotation.id}/reject/", {"reason": REASON})

    assert start["Location"] == f"/projects/{cast.project.id}/review/{annotation.id}/"
    assert page.status_code == 200 and REASON in page.content.decode()
    assert sent.status_code == 302
    assert Review.objects.get().reason == REASON


def test_the_review_page_corrects_with_the_labeling_controls(cast) -> None:
    annotation = _submitted(cast, answer="positive")

    client_for(cast.reviewer).post(
        f"/projects/{cast.project.id}/review/{annotation.id}/correct/", {"sentiment": "negative"}
    )

    assert Annotation.objects.get(correction_of__annotation=annotation).result == {"sentiment": "negative"}


def test_rework_comes_before_the_fresh_task_the_labeler_already_holds(cast) -> None:
    annotation = _submitted(cast)
    fresh = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, reason=REASON)

    first = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    labeling.annotation_submit(actor=cast.labeler, assignment_id=first.id, result={"sentiment": "negative"})
    then = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)

    assert first.id == annotation.assignment_id
    assert then.id == fresh.id


def _claimed_five_minutes_ago(cast) -> Annotation:
    annotation = _submitted(cast)
    services.review_claim_next(actor=cast.reviewer, project=cast.project)
    claimed_at = timezone.now() - timedelta(minutes=5)
    Annotation.objects.filter(id=annotation.id).update(
        claim_expires_at=claimed_at + timedelta(seconds=services.CLAIM_SECONDS)
    )
    return annotation


@pytest.mark.parametrize(
    ("verdict", "form"), [("accept", {}), ("reject", {"reason": REASON}), ("correct", {"sentiment": "negative"})]
)
def test_each_review_form_passes_on_the_active_seconds_its_page_counted(cast, verdict: str, form: dict) -> None:
    annotation = _claimed_five_minutes_ago(cast)

    response = client_for(cast.reviewer).post(
        f"/projects/{cast.project.id}/review/{annotation.id}/{verdict}/", {**form, "active_seconds": "42"}
    )

    assert response.status_code == 302
    assert Review.objects.get().active_seconds == 42


def test_a_review_form_reporting_more_than_the_claim_has_run_is_cut_to_the_claims_age(cast) -> None:
    annotation = _claimed_five_minutes_ago(cast)

    client_for(cast.reviewer).post(
        f"/projects/{cast.project.id}/review/{annotation.id}/accept/", {"active_seconds": "86400"}
    )

    assert Review.objects.get().active_seconds == pytest.approx(300, abs=2)


def test_review_api_takes_the_active_seconds_of_a_verdict(cast) -> None:
    annotation = _claimed_five_minutes_ago(cast)
    client = client_for(cast.reviewer)

    too_many = client.post(
        f"/api/v1/annotations/{annotation.id}/accept", {"active_seconds": 86_401}, content_type="application/json"
    )
    accepted = client.post(
        f"/api/v1/annotations/{annotation.id}/accept", {"active_seconds": 20}, content_type="application/json"
    )

    assert (too_many.status_code, accepted.status_code) == (422, 201)
    assert Review.objects.get().active_seconds == 20
