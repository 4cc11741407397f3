"""How a reviewer's verdicts hold up: a sending back is confirmed when the rework differs and is accepted, and
not when the same answer is accepted after all; the figures come with Wilson intervals, speed and reasons; a
reviewer below the project's floor is flagged and, when the policy says so, paused as a reviewer only."""

import pytest

from datadam.core.errors import PermissionDenied
from datadam.core.stats import wilson_interval
from datadam.labeling import services as labeling
from datadam.quality import selectors as quality_selectors
from datadam.quality import services as quality
from datadam.quality.models import QualityPolicy, WorkerFlag, WorkerPause
from datadam.review import reviewer_quality, services, work_queue
from tests import factories
from tests.chain import add_second_stage, add_senior, overturned_at_second_stage, submit
from tests.conftest import client_for
from tests.review.conftest import submitted

REASON = "라벨이 틀렸습니다 (wrong label)"


@pytest.fixture(autouse=True)
def _english():
    """Service messages are read in English here."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _row(cast, person) -> dict:
    return reviewer_quality.reviewer_table(cast.project, reviewer_ids=[person.id])[0]


def _sent_back_then_reworked(cast, reviewer, second, rework_answer: str):
    """`reviewer` sends labeler's work back; the labeler reworks it into `rework_answer`; `second` accepts it."""
    first = submitted(cast, answer="positive")
    services.review_reject(actor=reviewer, annotation_id=first.id, reason=REASON, active_seconds=30)
    rework = submitted(cast, answer=rework_answer)
    assert rework.assignment_id == first.assignment_id
    services.review_accept(actor=second, annotation_id=rework.id)
    return first


def test_a_sending_back_is_confirmed_when_a_different_rework_is_accepted(cast, reviewer2) -> None:
    _sent_back_then_reworked(cast, cast.reviewer, reviewer2, rework_answer="negative")

    row = _row(cast, cast.reviewer)

    assert (row["confirmed"], row["decided"], row["share"]) == (1, 1, 1.0)
    assert (row["low"], row["high"]) == wilson_interval(1, 1)
    assert row["rejected"] == 1 and row["reasons"] == [(REASON, 1)]
    assert row["median_seconds"] == 30


def test_a_sending_back_is_not_confirmed_when_the_same_answer_is_accepted_after_all(cast, reviewer2) -> None:
    _sent_back_then_reworked(cast, cast.reviewer, reviewer2, rework_answer="positive")

    row = _row(cast, cast.reviewer)

    assert (row["confirmed"], row["decided"], row["share"]) == (0, 1, 0.0)


def test_verdicts_whose_next_step_has_not_come_are_not_counted(cast) -> None:
    services.review_reject(actor=cast.reviewer, annotation_id=submitted(cast).id, reason=REASON)
    services.review_accept(actor=cast.reviewer, annotation_id=submitted(cast, cast.labeler2).id)

    row = _row(cast, cast.reviewer)

    assert row["verdicts"] == 2 and row["decided"] == 0 and row["share"] is None


def test_a_reviewer_below_the_floor_is_paused_as_a_reviewer_only(cast, reviewer2) -> None:
    quality.policy_update(
        actor=cast.manager, project=cast.project, reviewer_floor=0.7, min_reviewer_verdicts=2,
        flag_action=QualityPolicy.Action.PAUSE,
    )  # fmt: skip
    _sent_back_then_reworked(cast, cast.reviewer, reviewer2, rework_answer="positive")
    services.review_reject(actor=cast.reviewer, annotation_id=submitted(cast, cast.labeler2).id, reason=REASON)
    services.review_accept(actor=reviewer2, annotation_id=submitted(cast, cast.labeler2).id)  # the same again

    raised = reviewer_quality.reviewer_floor_check(project=cast.project, reviewer=cast.reviewer)

    assert [flag.kind for flag in raised] == [WorkerFlag.Kind.REVIEW]
    pause = WorkerPause.objects.get(worker=cast.reviewer)
    assert pause.role == WorkerPause.Role.REVIEW and "0%" in pause.reason
    submitted(cast)  # more work waits
    with pytest.raises(PermissionDenied, match="paused"):
        work_queue.review_next(actor=cast.reviewer, project=cast.project)
    assert work_queue.review_next(actor=reviewer2, project=cast.project) is not None


def test_a_paused_reviewer_may_still_label(cast, reviewer2) -> None:
    quality.worker_pause(project=cast.project, worker=cast.labeler, reason="검수 멈춤", role=WorkerPause.Role.REVIEW)

    assert labeling.assignment_lease_next(actor=cast.labeler, project=cast.project) is not None
    assert quality_selectors.worker_quality_get(project=cast.project, worker=cast.labeler)["pause"] is None


def test_a_lifted_pause_counts_only_the_verdicts_since(cast, reviewer2) -> None:
    quality.policy_update(
        actor=cast.manager, project=cast.project, min_reviewer_verdicts=1, flag_action=QualityPolicy.Action.PAUSE
    )
    _sent_back_then_reworked(cast, cast.reviewer, reviewer2, rework_answer="positive")
    assert reviewer_quality.reviewer_floor_check(project=cast.project, reviewer=cast.reviewer)

    quality.worker_pause_lift(actor=cast.manager, project=cast.project, worker_id=cast.reviewer.id)

    assert reviewer_quality.reviewer_floor_check(project=cast.project, reviewer=cast.reviewer) == []
    assert work_queue.review_next(actor=cast.reviewer, project=cast.project) is None  # not paused: nothing waits


def test_the_manager_sees_every_reviewer_and_a_reviewer_only_themself(cast, reviewer2) -> None:
    _sent_back_then_reworked(cast, cast.reviewer, reviewer2, rework_answer="negative")

    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/reviewers/")
    mine = client_for(reviewer2).get(f"/projects/{cast.project.id}/reviewers/me/")

    assert page.status_code == 200 and mine.status_code == 200
    html = page.content.decode()
    assert 'data-testid="reviewer-row-reviewer"' in html and 'data-testid="reviewer-row-reviewer2"' in html
    assert "100% (" in html and "quality-figures" in html  # the table and the chart's figures
    own = mine.content.decode()
    assert "confirmed-reviewer2" in own and 'confirmed-reviewer"' not in own and REASON not in own
    assert client_for(cast.labeler).get(f"/projects/{cast.project.id}/reviewers/me/").status_code == 404
    assert client_for(cast.reviewer).get(f"/projects/{cast.project.id}/reviewers/").status_code == 404


def test_a_senior_overturning_an_acceptance_lowers_the_first_reviewers_figure(cast) -> None:
    add_second_stage(cast.project)
    senior = add_senior(cast.project)
    held = submit(cast.labeler2, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=held.id, stage=1)
    services.review_accept(actor=senior, annotation_id=held.id, stage=2)
    before = _row(cast, cast.reviewer)

    overturned_at_second_stage(cast, senior)

    after = _row(cast, cast.reviewer)
    assert (before["confirmed"], before["decided"], before["share"]) == (1, 1, 1.0)
    assert (after["confirmed"], after["decided"], after["share"]) == (1, 2, 0.5)
    assert after["low"] < before["low"]
    senior_row = _row(cast, senior)
    assert senior_row["verdicts"] == 2 and senior_row["decided"] == 0  # nothing follows the last stage


def test_a_correction_holds_when_the_next_stage_accepts_the_corrected_version(cast) -> None:
    add_second_stage(cast.project)
    senior = add_senior(cast.project)
    work = submit(cast.labeler, cast.project)
    review = services.review_correct(actor=cast.reviewer, annotation_id=work.id, result={"sentiment": "negative"})

    services.review_accept(actor=senior, annotation_id=review.correction_id, stage=2)

    row = _row(cast, cast.reviewer)
    assert (row["corrected"], row["confirmed"], row["decided"]) == (1, 1, 1)


def test_the_floor_is_checked_on_every_tenth_verdict_as_the_queue_hands_out_work(cast, reviewer2) -> None:
    quality.policy_update(
        actor=cast.manager, project=cast.project, min_reviewer_verdicts=1, flag_action=QualityPolicy.Action.PAUSE
    )
    factories.ItemFactory.create_batch(12, project=cast.project)  # work enough for ten verdicts
    _sent_back_then_reworked(cast, cast.reviewer, reviewer2, rework_answer="positive")  # one wrong sending back
    for _ in range(8):
        services.review_accept(actor=cast.reviewer, annotation_id=submitted(cast, cast.labeler2).id)
    submitted(cast, cast.labeler2)
    assert work_queue.review_next(actor=cast.reviewer, project=cast.project) is not None  # 9 verdicts: no check
    services.review_accept(actor=cast.reviewer, annotation_id=submitted(cast, cast.labeler2).id)

    with pytest.raises(PermissionDenied, match="paused"):
        work_queue.review_next(actor=cast.reviewer, project=cast.project)


def test_a_paused_reviewer_is_refused_a_claim_through_the_api_too(cast) -> None:
    quality.worker_pause(project=cast.project, worker=cast.reviewer, reason="검수 멈춤", role=WorkerPause.Role.REVIEW)
    submitted(cast)

    answer = client_for(cast.reviewer).post(f"/api/v1/projects/{cast.project.id}/reviews/next")

    assert answer.status_code == 403 and "검수 멈춤" in answer.json()["detail"]
