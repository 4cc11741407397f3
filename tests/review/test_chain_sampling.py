"""The second inspection stage may sample (ISO 2859-1): lots per labeler or per first-stage reviewer, a sample
inspected, the rest accepted with the lot; a rejected lot at the second stage is inspected there in full."""

import pytest

from datadam.labeling.models import Annotation
from datadam.pay.models import LedgerEntry
from datadam.projects.models import InspectionStage, ProjectMembership
from datadam.quality import sampling
from datadam.quality.models import Lot, QualityPolicy
from datadam.review import services
from tests import factories
from tests.chain import add_second_stage, add_senior, submit

LOT = 8
AQL = 10.0  # lot 8 at level II: code letter A, a sample of 2, accept with 0 defects, reject with 1


@pytest.fixture
def sampled_chain(cast):
    assert sampling.plan_for(LOT, AQL) == sampling.Plan("A", 2, 0, 1)
    QualityPolicy.objects.create(project=cast.project, lot_size=LOT, aql=AQL)
    add_second_stage(cast.project, mode=InspectionStage.Mode.SAMPLING)
    cast.project.rate_per_item = 100
    cast.project.save()
    factories.ItemFactory.create_batch(LOT - len(cast.items), project=cast.project)
    cast.senior = add_senior(cast.project)
    return cast


def _passed_first_stage(cast, reviewers: list) -> list[Annotation]:
    pieces = [submit(cast.labeler, cast.project) for _ in range(LOT)]
    for index, piece in enumerate(pieces):
        services.review_accept(actor=reviewers[index % len(reviewers)], annotation_id=piece.id)
    return pieces


def _claim_all(senior, project, verdict) -> list[int]:
    seen = []
    while (claimed := services.review_claim_next(actor=senior, project=project)) is not None:
        seen.append(claimed.id)
        verdict(claimed)
    return seen


def test_the_senior_sees_only_the_sample_and_the_rest_is_accepted_with_the_lot(sampled_chain) -> None:
    cast = sampled_chain
    pieces = _passed_first_stage(cast, [cast.reviewer])

    seen = _claim_all(
        cast.senior, cast.project, lambda a: services.review_accept(actor=cast.senior, annotation_id=a.id)
    )

    assert len(seen) == 2
    lot = Lot.objects.get(project=cast.project, stage=2)
    assert (lot.status, lot.worker_id, lot.size) == (Lot.Status.ACCEPTED, cast.labeler.id, LOT)
    statuses = set(Annotation.objects.filter(id__in=[p.id for p in pieces]).values_list("status", flat=True))
    assert statuses == {Annotation.Status.ACCEPTED}
    assert LedgerEntry.objects.filter(worker=cast.labeler).count() == LOT  # paid once each, at the first stage


def test_a_rejected_lot_at_the_second_stage_goes_to_full_inspection_there(sampled_chain) -> None:
    cast = sampled_chain
    _passed_first_stage(cast, [cast.reviewer])
    first = services.review_claim_next(actor=cast.senior, project=cast.project)

    services.review_reject(actor=cast.senior, annotation_id=first.id, comment="경계가 틀렸습니다")

    assert Lot.objects.get(project=cast.project, stage=2).status == Lot.Status.REJECTED
    rest = _claim_all(
        cast.senior, cast.project, lambda a: services.review_accept(actor=cast.senior, annotation_id=a.id)
    )
    assert len(rest) == LOT - 1


def test_lots_by_reviewer_group_the_work_each_first_stage_reviewer_passed(sampled_chain) -> None:
    cast = sampled_chain
    InspectionStage.objects.filter(project=cast.project).update(lot_by=InspectionStage.LotBy.REVIEWER)
    QualityPolicy.objects.filter(project=cast.project).update(lot_size=LOT // 2)
    other = factories.ProjectMembershipFactory(project=cast.project, role=ProjectMembership.Role.REVIEWER).user
    _passed_first_stage(cast, [cast.reviewer, other])

    services.review_claim_next(actor=cast.senior, project=cast.project)

    owners = sorted(Lot.objects.filter(project=cast.project, stage=2).values_list("worker_id", "size"))
    assert owners == sorted([(cast.reviewer.id, LOT // 2), (other.id, LOT // 2)])
