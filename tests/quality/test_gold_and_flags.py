"""Gold items, honeypots in the lease, gold accuracy with its interval, flags and pauses."""

import pytest

from datadam.core.errors import Invalid, NotFound, PermissionDenied, SchemaViolation
from datadam.core.stats import wilson_interval
from datadam.labeling.services import assignment_lease_next
from datadam.quality import selectors, services
from datadam.quality.models import GoldItem, QualityPolicy, WorkerFlag, WorkerPause
from tests.quality.conftest import answer


def test_gold_items_stay_out_of_the_ordinary_queue(cast, gold) -> None:
    for item in [g.item for g in gold]:
        item.refresh_from_db()
        assert item.open_slots == 0 and item.is_published
    services.policy_update(actor=cast.manager, project=cast.project, honeypot_share=0.0)
    served = {assignment_lease_next(actor=cast.labeler, project=cast.project).item_id}
    assert not served & {g.item_id for g in gold}


def test_a_gold_answer_must_fit_the_schema(cast) -> None:
    with pytest.raises(SchemaViolation):
        services.gold_item_create(actor=cast.manager, project=cast.project, data={"text": "x"}, answer={"s": 1})
    with pytest.raises(NotFound):
        services.gold_item_create(actor=cast.outsider, project=cast.project, data={"text": "x"}, answer={})


def test_the_honeypot_share_serves_gold_and_scores_it_with_the_control_score(cast, gold) -> None:
    services.policy_update(actor=cast.manager, project=cast.project, honeypot_share=0.5)
    QualityPolicy.objects.filter(project=cast.project).update(honeypot_share=1.0)  # every lease a honeypot
    first = answer(cast, cast.labeler, "positive")
    second = answer(cast, cast.labeler, "negative")
    assert {first.item_id, second.item_id} <= {g.item_id for g in gold}
    accuracy = selectors.gold_accuracy_for_worker(project=cast.project, worker=cast.labeler)
    assert accuracy["answers"] == 2 and accuracy["accuracy"] == 0.5
    assert (accuracy["low"], accuracy["high"]) == wilson_interval(1, 2)
    assert selectors.gold_accuracy_by_worker(cast.project)[cast.labeler.id]["answers"] == 2


def test_promoting_accepted_work_makes_gold(cast) -> None:
    from datadam.review.services import review_accept, review_claim_next

    annotation = answer(cast, cast.labeler, "negative")
    claimed = review_claim_next(actor=cast.reviewer, project=cast.project)
    review_accept(actor=cast.reviewer, annotation_id=claimed.id)
    gold = services.gold_item_promote(actor=cast.manager, project=cast.project, item_id=annotation.item_id)
    assert gold.answer == {"sentiment": "negative"} and gold.source == GoldItem.Source.PROMOTED
    with pytest.raises(Invalid):
        services.gold_item_promote(actor=cast.manager, project=cast.project, item_id=cast.items[4].id)


def test_a_worker_below_the_gold_floor_is_paused_with_the_reason(cast, gold) -> None:
    services.policy_update(
        actor=cast.manager,
        project=cast.project,
        honeypot_share=0.5,
        min_gold_answers=3,
        accuracy_floor=0.6,
        flag_action=QualityPolicy.Action.PAUSE,
    )
    QualityPolicy.objects.filter(project=cast.project).update(honeypot_share=1.0)
    for _ in range(3):
        answer(cast, cast.labeler, "negative")
    with pytest.raises(PermissionDenied, match="paused. Reason: Your answers on check items were right 0%"):
        assignment_lease_next(actor=cast.labeler, project=cast.project)
    assert WorkerFlag.objects.get(worker=cast.labeler).kind == WorkerFlag.Kind.GOLD
    # The manager lifts the pause: the worker goes on, and the old answers do not pause them again.
    services.worker_pause_lift(actor=cast.manager, project=cast.project, worker_id=cast.labeler.id)
    assert assignment_lease_next(actor=cast.labeler, project=cast.project) is not None
    assert not WorkerPause.objects.filter(worker=cast.labeler, lifted_at__isnull=True).exists()


def test_with_the_flag_policy_the_worker_is_flagged_but_goes_on(cast, gold) -> None:
    services.policy_update(actor=cast.manager, project=cast.project, honeypot_share=0.5, min_gold_answers=2)
    QualityPolicy.objects.filter(project=cast.project).update(honeypot_share=1.0)
    answer(cast, cast.labeler, "negative")
    answer(cast, cast.labeler, "negative")
    assert assignment_lease_next(actor=cast.labeler, project=cast.project) is not None
    assert WorkerFlag.objects.filter(worker=cast.labeler, kind=WorkerFlag.Kind.GOLD).count() == 1


def test_speed_one_answer_and_burst_flags(cast) -> None:
    from datadam.labeling.models import Annotation
    from tests import factories

    factories.ItemFactory.create_batch(20, project=cast.project)
    for _ in range(12):
        answer(cast, cast.labeler2, "positive" if _ % 2 else "negative")
    for _ in range(12):
        answer(cast, cast.labeler, "positive")
    # The page reports active time; the lease caps it by the time since the lease, so set it as measured.
    Annotation.objects.filter(author=cast.labeler2).update(active_seconds=40)
    Annotation.objects.filter(author=cast.labeler).update(active_seconds=2)
    services.policy_update(actor=cast.manager, project=cast.project, burst_count=12, burst_seconds=600)
    flags = services.worker_flags_evaluate(project=cast.project, worker=cast.labeler)
    assert {flag.kind for flag in flags} == {WorkerFlag.Kind.SPEED, WorkerFlag.Kind.CONSTANT, WorkerFlag.Kind.BURST}
    assert "far below the project's" in next(f.detail for f in flags if f.kind == WorkerFlag.Kind.SPEED)
    assert services.worker_flags_evaluate(project=cast.project, worker=cast.labeler) == []  # once until resolved
    others = services.worker_flags_evaluate(project=cast.project, worker=cast.labeler2)
    assert [flag.kind for flag in others] == [WorkerFlag.Kind.BURST]  # steady pace, mixed answers


def test_policy_values_are_checked(cast) -> None:
    with pytest.raises(Invalid, match="aggregation method"):
        services.policy_update(actor=cast.manager, project=cast.project, aggregation_method="best")
    with pytest.raises(Invalid, match="AQL 3.0"):
        services.policy_update(actor=cast.manager, project=cast.project, aql=3.0)
    with pytest.raises(Invalid, match="honeypot_share"):
        services.policy_update(actor=cast.manager, project=cast.project, honeypot_share=0.9)
    with pytest.raises(NotFound):
        services.policy_update(actor=cast.manager_b, project=cast.project, honeypot_share=0.1)


def test_gold_items_are_imported_from_json_lines_all_or_nothing(cast) -> None:
    good = '{"data": {"text": "좋다"}, "answer": {"sentiment": "positive"}}'
    made = services.gold_items_import(actor=cast.manager, project=cast.project, lines=[good, "", good])
    assert len(made) == 2
    with pytest.raises(Invalid, match="Line 2: sentiment"):
        services.gold_items_import(
            actor=cast.manager,
            project=cast.project,
            lines=[good, '{"data": {"text": "x"}, "answer": {"sentiment": "maybe"}}'],
        )
    with pytest.raises(Invalid, match="Line 1: not valid JSON"):
        services.gold_items_import(actor=cast.manager, project=cast.project, lines=["{oops"])
    assert GoldItem.objects.count() == 2
