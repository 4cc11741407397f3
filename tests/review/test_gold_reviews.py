"""Gold reviews: a manager writes a known-wrong answer on a gold item (to be sent back) or shows the gold answer
(to be accepted); reviewers meet them in their queue at the policy's share, on the same page as real work, and
their agreement is kept. A gold review never becomes an annotation, so releases and pay never see it."""

import pytest

from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.labeling.models import Annotation
from datadam.pay.models import LedgerEntry
from datadam.quality import gold_reviews
from datadam.quality import services as quality
from datadam.quality.models import GoldReview, GoldReviewServe, QualityPolicy
from datadam.review import reviewer_quality, services, work_queue
from tests.chain import SENIOR_REASONS, add_second_stage, add_senior
from tests.conftest import client_for
from tests.review.conftest import submitted

REASON = "라벨이 틀렸습니다 (wrong label)"


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def gold(cast):
    return quality.gold_item_create(
        actor=cast.manager, project=cast.project, data={"text": "정말 좋아요"}, answer={"sentiment": "positive"}
    )


@pytest.fixture
def wrong(cast, gold):
    """A known-wrong answer, served in every reviewer's queue while real work waits."""
    check = gold_reviews.gold_review_create(
        actor=cast.manager, project=cast.project, gold_id=gold.id, expected="reject", result={"sentiment": "negative"}
    )
    quality.policy_update(actor=cast.manager, project=cast.project, review_gold_share=0.5)
    QualityPolicy.objects.filter(project=cast.project).update(review_gold_share=1.0)  # every time a check
    return check


def test_a_known_wrong_answer_must_differ_from_the_gold_answer(cast, gold) -> None:
    with pytest.raises(Invalid):
        gold_reviews.gold_review_create(actor=cast.manager, project=cast.project, gold_id=gold.id, expected="reject")
    with pytest.raises(NotFound):
        gold_reviews.gold_review_create(actor=cast.reviewer, project=cast.project, gold_id=gold.id, expected="accept")
    right = gold_reviews.gold_review_create(
        actor=cast.manager, project=cast.project, gold_id=gold.id, expected="accept"
    )
    assert right.result == {"sentiment": "positive"}


def test_no_check_is_served_while_no_real_work_waits(cast, wrong) -> None:
    assert work_queue.review_next(actor=cast.reviewer, project=cast.project) is None


def test_the_reviewer_meets_the_check_on_the_review_page_and_sending_it_back_agrees(cast, wrong) -> None:
    real = submitted(cast)
    reviewer = client_for(cast.reviewer)

    start = reviewer.get(f"/projects/{cast.project.id}/review/")
    serve = GoldReviewServe.objects.get(reviewer=cast.reviewer)
    assert start.url == f"/projects/{cast.project.id}/review/check/{serve.id}/"
    page = reviewer.get(start.url).content.decode()
    assert "정말 좋아요" in page and 'data-testid="reject"' in page
    sent = reviewer.post(f"{start.url}reject/", {"reason": REASON, "active_seconds": "9"})

    serve.refresh_from_db()
    assert (serve.verdict, serve.agreed, serve.active_seconds) == ("reject", True, 9)
    assert sent.url == f"/projects/{cast.project.id}/review/"
    assert reviewer.get(sent.url).url == f"/projects/{cast.project.id}/review/{real.id}/"  # the held real work
    assert not Annotation.objects.filter(item=wrong.gold.item).exists()
    assert not LedgerEntry.objects.filter(worker=cast.reviewer).exists()
    row = reviewer_quality.reviewer_table(cast.project, reviewer_ids=[cast.reviewer.id])[0]
    assert row["gold"]["answers"] == 1 and row["gold"]["share"] == 1.0


def test_accepting_a_known_wrong_answer_disagrees_and_a_second_verdict_is_refused(cast, wrong) -> None:
    submitted(cast)
    serve = work_queue.review_next(actor=cast.reviewer, project=cast.project)
    assert isinstance(serve, GoldReviewServe)

    gold_reviews.gold_review_answer(actor=cast.reviewer, serve_id=serve.id, verdict="accept")

    assert GoldReviewServe.objects.get(id=serve.id).agreed is False
    with pytest.raises(Conflict):
        gold_reviews.gold_review_answer(actor=cast.reviewer, serve_id=serve.id, verdict="reject")
    assert isinstance(work_queue.review_next(actor=cast.reviewer, project=cast.project), Annotation)  # each check once


def test_another_persons_check_is_not_found(cast, wrong, reviewer2) -> None:
    submitted(cast)
    serve = work_queue.review_next(actor=cast.reviewer, project=cast.project)

    with pytest.raises(NotFound):
        gold_reviews.gold_review_answer(actor=reviewer2, serve_id=serve.id, verdict="reject")
    assert client_for(reviewer2).get(f"/projects/{cast.project.id}/review/check/{serve.id}/").status_code == 404


def test_a_sending_back_without_a_reason_is_shown_again_with_the_message(cast, wrong) -> None:
    submitted(cast)
    serve = work_queue.review_next(actor=cast.reviewer, project=cast.project)

    answer = client_for(cast.reviewer).post(f"/projects/{cast.project.id}/review/check/{serve.id}/reject/", {})

    assert answer.status_code == 422 and 'class="form-errors" role="alert"' in answer.content.decode()
    assert GoldReviewServe.objects.get(id=serve.id).answered_at is None


def test_the_manager_adds_a_check_on_the_reviewers_page(cast, gold) -> None:
    manager = client_for(cast.manager)
    url = f"/projects/{cast.project.id}/reviewers/gold/"

    manager.post(url, {"gold": gold.id, "expected": "reject", "result": '{"sentiment": "negative"}'})
    outside_the_schema = manager.post(url, {"gold": gold.id, "expected": "reject", "result": '{"sentiment": "meh"}'})
    not_json = manager.post(url, {"gold": gold.id, "expected": "reject", "result": "{"})

    assert GoldReview.objects.get().result == {"sentiment": "negative"}
    assert outside_the_schema.status_code == not_json.status_code == 302
    page = manager.get(f"/projects/{cast.project.id}/reviewers/").content.decode()
    assert 'data-testid="gold-reviews"' in page and "negative" in page


def test_a_senior_meets_a_check_as_work_at_their_stage_with_its_reasons(cast, wrong) -> None:
    add_second_stage(cast.project)
    senior = add_senior(cast.project)
    work = submitted(cast)
    services.review_accept(actor=cast.reviewer, annotation_id=work.id, stage=1)
    serve = work_queue.review_next(actor=senior, project=cast.project)
    url = f"/projects/{cast.project.id}/review/check/{serve.id}/"

    page = client_for(senior).get(url).content.decode()
    wrong_reason = client_for(senior).post(f"{url}reject/", {"reason": REASON})
    sent = client_for(senior).post(f"{url}reject/", {"reason": SENIOR_REASONS[0]})

    assert 'data-testid="stage"' in page and SENIOR_REASONS[0] in page
    assert wrong_reason.status_code == 422 and sent.status_code == 302
    assert GoldReviewServe.objects.get(id=serve.id).agreed is True
