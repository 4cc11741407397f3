"""Consensus with dynamic overlap, agreement on a project, and sampling inspection in the review loop."""

import pytest

from datadam.core.errors import Invalid
from datadam.labeling.models import Annotation
from datadam.pay.models import LedgerEntry
from datadam.projects.models import Item
from datadam.quality import consensus, inspection, selectors, services
from datadam.quality.models import Consensus, Lot, LotMember, QualityPolicy
from datadam.review.services import review_accept, review_claim_next, review_reject
from tests import factories
from tests.quality.conftest import add_labelers, answer


@pytest.fixture
def overlapped(cast) -> list[Item]:
    """Two items each labelled by three workers: item 0 unanimous, item 1 split 2-1."""
    Item.objects.filter(project=cast.project).update(open_slots=0)
    items = factories.ItemFactory.create_batch(2, project=cast.project, target_overlap=3)
    for worker, labels in zip([cast.labeler, cast.labeler2, *add_labelers(cast, 1)], ["pp", "pn", "pp"], strict=True):
        for label in labels:
            answer(cast, worker, {"p": "positive", "n": "negative"}[label])
    return items


def test_consensus_is_stored_with_its_confidence_and_read_for_releases(cast, overlapped) -> None:
    result = consensus.consensus_refresh(project=cast.project)
    assert result["items"] == 2
    by_item = selectors.consensus_for_project(cast.project)
    assert by_item[overlapped[0].id] == ({"sentiment": "positive"}, 1.0)
    label, confidence = by_item[overlapped[1].id]
    assert label == {"sentiment": "positive"} and 0.5 < confidence < 1.0
    assert Consensus.objects.get(item=overlapped[0]).agreement == 1.0


def test_an_item_with_low_agreement_gets_one_more_worker_up_to_the_maximum(cast, overlapped) -> None:
    services.policy_update(actor=cast.manager, project=cast.project, agreement_threshold=0.5, max_overlap=4)
    assert consensus.consensus_refresh(project=cast.project)["raised"] == 1  # item 1: 1 of 3 pairs agree
    split = Item.objects.get(id=overlapped[1].id)
    assert (split.target_overlap, split.open_slots) == (4, 1)
    assert consensus.consensus_refresh(project=cast.project)["raised"] == 0  # waits for the fourth worker


def test_agreement_report_per_control_and_worker(cast, overlapped) -> None:
    report = selectors.agreement_report(cast.project)
    control = report["controls"][0]
    assert control["name"] == "sentiment" and control["items"] == 2
    assert control["workers"][cast.labeler.id] == (0.75, 4)  # agrees with 3 of the 4 other answers
    assert report["alpha"] == control["alpha"]


def test_agreement_without_overlap_says_it_needs_overlap(cast) -> None:
    answer(cast, cast.labeler, "positive")
    with pytest.raises(Invalid, match="needs overlap ≥ 2"):
        selectors.agreement_report(cast.project)


def lot_project(cast, lot_size: int = 8):
    services.policy_update(
        actor=cast.manager,
        project=cast.project,
        inspection=QualityPolicy.Inspection.SAMPLING,
        lot_size=lot_size,
        aql=2.5,
        inspection_level="II",
    )
    factories.ItemFactory.create_batch(lot_size, project=cast.project)
    cast.project.rate_per_item = 100
    cast.project.save()
    for _ in range(lot_size):
        answer(cast, cast.labeler, "positive")


def test_a_lot_smaller_than_its_sample_is_inspected_whole(cast) -> None:
    lot_project(cast, 8)  # lot 8, level II → A; AQL 2.5 → arrows down to D, n = 8: the whole lot
    claimed = review_claim_next(actor=cast.reviewer, project=cast.project)
    lot = Lot.objects.get()
    assert (lot.size, lot.sample_size) == (8, 8)
    assert LotMember.objects.get(annotation=claimed).sampled


def test_an_accepted_lot_accepts_and_pays_the_rest_by_sampling(cast) -> None:
    lot_project(cast, 40)  # lot 40, level II → D, AQL 2.5 → Ac 0 Re 1 with n = 8
    lot = (inspection.lots_form(project=cast.project) or [Lot.objects.get()])[0]
    assert (lot.letter, lot.sample_size, lot.accept_number, lot.reject_number) == ("D", 8, 0, 1)
    for _ in range(8):
        claimed = review_claim_next(actor=cast.reviewer, project=cast.project)
        assert LotMember.objects.get(annotation=claimed).sampled
        review_accept(actor=cast.reviewer, annotation_id=claimed.id)
    lot.refresh_from_db()
    assert lot.status == Lot.Status.ACCEPTED
    assert review_claim_next(actor=cast.reviewer, project=cast.project) is None
    assert Annotation.objects.filter(author=cast.labeler, status=Annotation.Status.ACCEPTED).count() == 40
    assert LotMember.objects.filter(outcome=LotMember.Outcome.BY_SAMPLING).count() == 32
    assert LedgerEntry.objects.filter(worker=cast.labeler).count() == 40


def test_a_rejected_lot_is_inspected_in_full(cast) -> None:
    lot_project(cast, 40)
    claimed = review_claim_next(actor=cast.reviewer, project=cast.project)
    review_reject(actor=cast.reviewer, annotation_id=claimed.id, comment="틀렸어요")
    assert Lot.objects.get().status == Lot.Status.REJECTED
    seen = 1
    while (claimed := review_claim_next(actor=cast.reviewer, project=cast.project)) is not None:
        review_accept(actor=cast.reviewer, annotation_id=claimed.id)
        seen += 1
    assert seen == 40
