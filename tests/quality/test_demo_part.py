"""The quality part of the demo: gold items, gold reviews for reviewers, overlapped items with answers, and a
consensus to look at."""

from datadam.demo.loader import demo_load
from datadam.quality import selectors
from datadam.quality.models import Consensus, GoldItem, GoldReview, QualityPolicy


def test_the_demo_has_gold_items_overlap_and_agreement_figures(db) -> None:
    project = demo_load()
    assert GoldItem.objects.filter(project=project).count() == 20
    assert QualityPolicy.objects.get(project=project).honeypot_share == 0.05
    assert Consensus.objects.filter(project=project).exists()
    assert sorted(GoldReview.objects.filter(project=project).values_list("expected", flat=True)) == [
        "accept",
        "reject",
        "reject",
    ]
    assert selectors.agreement_report(project)["controls"][0]["items"] >= 2
    demo_load()  # a second load changes nothing
    assert GoldItem.objects.filter(project=project).count() == 20
    assert GoldReview.objects.filter(project=project).count() == 3
