"""Work passes a chain of inspection stages: a reviewer (1차 검수), then a senior reviewer (2차 검수). It is
accepted only at the last stage; the senior can overturn the reviewer's acceptance, and the rework starts the
chain again from the first stage. One person never judges one piece of work at two stages."""

import pytest
from django.utils import translation

from datadam.core.errors import Conflict, Invalid, PermissionDenied
from datadam.labeling.models import Annotation, Assignment
from datadam.review import selectors, services
from datadam.review.models import Review
from tests.chain import SENIOR_REASONS, add_second_stage, add_senior, overturned_at_second_stage, submit
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):  # the refusals' messages are matched in English
        yield


@pytest.fixture
def senior(cast):
    add_second_stage(cast.project)
    return add_senior(cast.project)


def test_work_the_reviewer_accepts_waits_for_the_senior_and_is_not_accepted_yet(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)

    review = services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    annotation.refresh_from_db()
    assert (annotation.status, annotation.stage, review.stage) == (Annotation.Status.SUBMITTED, 2, 1)
    assert services.review_claim_next(actor=cast.reviewer, project=cast.project) is None
    assert services.review_claim_next(actor=senior, project=cast.project).id == annotation.id


def test_the_senior_accepts_at_the_last_stage_and_only_then_the_work_is_accepted(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    services.review_accept(actor=senior, annotation_id=annotation.id)

    annotation.refresh_from_db()
    assert annotation.status == Annotation.Status.ACCEPTED
    assert list(Review.objects.filter(annotation=annotation).order_by("stage").values_list("stage", "verdict")) == [
        (1, "accept"),
        (2, "accept"),
    ]


def test_the_senior_sends_back_accepted_work_and_the_first_acceptance_is_overturned_not_deleted(cast, senior) -> None:
    annotation = overturned_at_second_stage(cast, senior)

    first, second = Review.objects.filter(annotation=annotation).order_by("stage")
    assert (first.verdict, first.overturned_by_id, first.is_overturned) == ("accept", second.id, True)
    assert (second.verdict, second.reason, second.overturned_by_id) == ("reject", SENIOR_REASONS[1], None)
    assert Assignment.objects.get(id=annotation.assignment_id).status == Assignment.Status.REWORK


def test_the_rework_starts_again_at_the_first_stage(cast, senior) -> None:
    overturned_at_second_stage(cast, senior)

    rework = submit(cast.labeler, cast.project, answer="negative")

    assert (rework.version, rework.stage, rework.status) == (2, 1, Annotation.Status.SUBMITTED)
    assert services.review_claim_next(actor=senior, project=cast.project) is None
    assert services.review_claim_next(actor=cast.reviewer, project=cast.project).id == rework.id


def test_the_senior_picks_a_reason_from_the_second_stages_own_list(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    with pytest.raises(Invalid):
        services.review_reject(actor=senior, annotation_id=annotation.id, reason=cast.project.reject_reasons[0])

    assert Review.objects.filter(annotation=annotation, stage=2).count() == 0


def test_the_senior_cannot_act_before_the_first_stages_verdict(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)

    with pytest.raises(Conflict, match="waits for the verdict of inspection stage 1"):
        services.review_accept(actor=senior, annotation_id=annotation.id)

    assert not Review.objects.filter(annotation=annotation).exists()


def test_a_manager_who_passed_work_at_the_first_stage_may_not_judge_it_at_the_second(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.manager, annotation_id=annotation.id, stage=1)

    with pytest.raises(PermissionDenied, match="one person inspects an item at one stage"):
        services.review_reject(actor=cast.manager, annotation_id=annotation.id, comment="다시", stage=2)

    assert services.review_claim_next(actor=cast.manager, project=cast.project) is None
    assert Review.objects.filter(annotation=annotation).count() == 1


def test_an_inspector_never_judges_their_own_correction_at_the_next_stage(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)

    review = services.review_correct(actor=cast.manager, annotation_id=annotation.id, result={"sentiment": "negative"})

    correction = review.correction
    assert (correction.status, correction.stage, correction.author_id) == ("submitted", 2, cast.manager.id)
    with pytest.raises(PermissionDenied):
        services.review_accept(actor=cast.manager, annotation_id=correction.id)
    services.review_accept(actor=senior, annotation_id=correction.id)
    assert Annotation.objects.get(id=correction.id).status == Annotation.Status.ACCEPTED


def test_submitting_the_same_verdict_twice_gives_back_the_first(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)

    first = services.review_accept(actor=cast.reviewer, annotation_id=annotation.id, stage=1)
    again = services.review_accept(actor=cast.reviewer, annotation_id=annotation.id, stage=1)

    assert again.id == first.id
    assert Review.objects.filter(annotation=annotation).count() == 1
    assert Annotation.objects.get(id=annotation.id).stage == 2


def test_a_different_second_verdict_at_the_same_stage_is_refused(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=annotation.id, stage=1)

    with pytest.raises(Conflict):
        services.review_reject(actor=cast.reviewer, annotation_id=annotation.id, comment="아니", stage=1)


def test_a_project_without_later_stages_accepts_at_its_one_stage_as_before(cast) -> None:
    annotation = submit(cast.labeler, cast.project)

    review = services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    assert (review.stage, Annotation.objects.get(id=annotation.id).status) == (1, Annotation.Status.ACCEPTED)


def test_the_labelers_figures_count_each_piece_once_and_leave_out_overturned_acceptances(cast, senior) -> None:
    both = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=both.id)
    services.review_accept(actor=senior, annotation_id=both.id)
    overturned_at_second_stage(cast, senior)

    feedback = selectors.review_feedback_for_worker(project=cast.project, worker=cast.labeler)

    assert (feedback["accepted"], feedback["rejected"], feedback["corrected"]) == (1, 1, 0)


def test_the_first_stage_page_says_a_correction_goes_on_to_the_next_stage(cast, senior) -> None:
    annotation = submit(cast.labeler, cast.project)
    client = client_for(cast.reviewer)

    page = client.get(f"/projects/{cast.project.id}/review/{annotation.id}/", headers={"accept-language": "en"})
    response = client.post(
        f"/projects/{cast.project.id}/review/{annotation.id}/correct/",
        {"sentiment": "negative", "stage": "1"},
        headers={"accept-language": "en"},
        follow=True,
    )

    assert "Stage 1 of 2" in page.content.decode()
    assert "Save the correction for the next stage" in page.content.decode()
    assert "The correction goes on to the next stage." in response.content.decode()
    assert Annotation.objects.get(correction_of__annotation=annotation).stage == 2
