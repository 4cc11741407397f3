"""The quality part of the demo: 20 reviews with known answers become gold items (a few per hundred tasks are
served as check items), 30 reviews get three labelers each, the demo labelers answer some of them, and the
consensus is computed so the agreement and quality pages have figures. Three gold reviews are mixed into the
reviewers' queue."""

import csv

from django.db import transaction

from datadam.demo.loader import DATA_FILE, DemoCore
from datadam.labeling.services import annotation_submit, assignment_lease_next
from datadam.projects.models import Item
from datadam.quality import consensus
from datadam.quality.models import GoldItem, GoldReview, QualityPolicy

GOLD_COUNT = 20
OVERLAP_COUNT = 30
LABELS = {"1": "positive", "0": "negative"}


def demo_load_part(core: DemoCore) -> None:
    project = core.project
    if QualityPolicy.objects.filter(project=project).exists():
        return
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        truth = {row["id"]: LABELS[row["label"]] for row in csv.DictReader(source, delimiter="\t")}
    items = list(Item.objects.filter(project=project).order_by("id")[: GOLD_COUNT + OVERLAP_COUNT])
    with transaction.atomic():
        for item in items[:GOLD_COUNT]:
            answer = truth.get(item.external_id) or truth.get(str(item.data.get("id", "")))
            if answer:
                GoldItem.objects.create(
                    item=item, project=project, answer={"sentiment": answer}, source=GoldItem.Source.IMPORTED
                )
                Item.objects.filter(id=item.id).update(open_slots=0, target_overlap=0)
        overlapped = items[GOLD_COUNT:]
        Item.objects.filter(id__in=[item.id for item in overlapped]).update(target_overlap=3, open_slots=3)
        # Move the overlapped items to the front of the queue so the demo labelers' answers land on them.
        Item.objects.filter(id__in=[item.id for item in overlapped]).update(priority=-1)
    _demo_answers(core, {item.id: truth.get(item.external_id) for item in overlapped})
    QualityPolicy.objects.create(project=project, honeypot_share=0.05, review_gold_share=0.1, aggregation_method="auto")
    _demo_gold_reviews(project)
    consensus.consensus_refresh(project=project)


def _demo_gold_reviews(project) -> None:
    """Checks for reviewers on three gold items: two wrong answers to send back, one right answer to accept."""
    flipped = {"positive": "negative", "negative": "positive"}
    for number, gold in enumerate(GoldItem.objects.filter(project=project).order_by("id")[:3]):
        result, expected = gold.answer, GoldReview.Expected.ACCEPT
        if number < 2:
            result = {"sentiment": flipped.get(gold.answer.get("sentiment"), "negative")}
            expected = GoldReview.Expected.REJECT
        GoldReview.objects.create(project=project, gold=gold, result=result, expected=expected)


def _demo_answers(core: DemoCore, truth: dict[int, str | None]) -> None:
    """Each demo labeler answers six overlapped reviews; labeler3 disagrees now and then."""
    for number, username in enumerate(["labeler1", "labeler2", "labeler3"]):
        worker = core.people[username]
        for step in range(6):
            assignment = assignment_lease_next(actor=worker, project=core.project)
            if assignment is None:
                break
            label = truth.get(assignment.item_id) or "positive"
            if number == 2 and step % 3 == 0:
                label = "negative" if label == "positive" else "positive"
            annotation_submit(actor=worker, assignment_id=assignment.id, result={"sentiment": label})
