"""The quality verification report's numbers equal the ones worked out by hand on a constructed project."""

import pytest

from datadam.core.stats import wilson_interval
from datadam.labeling import services as labeling
from datadam.projects.models import Item
from datadam.releases import report
from datadam.review import services as review
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build


def _answer(cast, person, answers: list[str]) -> dict:
    done = {}
    for answer in answers:
        lease = labeling.assignment_lease_next(actor=person, project=cast.project)
        annotation, _ = labeling.annotation_submit(actor=person, assignment_id=lease.id, result={"sentiment": answer})
        done[annotation.item_id] = annotation
    return done


@pytest.fixture
def overlapped(cast) -> dict:
    """Five items, each labeled by both labelers; seven of the ten answers inspected.

    item:       0    1    2    3    4
    labeler:    pos  neg  pos  neg  pos   reviewed: accept, correct→pos, reject, accept, accept
    labeler2:   pos  pos  pos  neg  neg   reviewed: -, accept, accept, -, -
    """
    Item.objects.filter(project=cast.project).update(target_overlap=2, open_slots=2)
    first = _answer(cast, cast.labeler, ["positive", "negative", "positive", "negative", "positive"])
    second = _answer(cast, cast.labeler2, ["positive", "positive", "positive", "negative", "negative"])
    ids = [item.id for item in cast.items]
    review.review_accept(actor=cast.reviewer, annotation_id=first[ids[0]].id)
    review.review_correct(actor=cast.reviewer, annotation_id=first[ids[1]].id, result={"sentiment": "positive"})
    review.review_reject(actor=cast.reviewer, annotation_id=first[ids[2]].id, comment="다시")
    review.review_accept(actor=cast.reviewer, annotation_id=first[ids[3]].id)
    review.review_accept(actor=cast.reviewer, annotation_id=first[ids[4]].id)
    review.review_accept(actor=cast.reviewer, annotation_id=second[ids[1]].id)
    review.review_accept(actor=cast.reviewer, annotation_id=second[ids[2]].id)
    return {"first": first, "second": second}


def test_the_report_numbers_equal_the_hand_computed_ones(cast, overlapped) -> None:
    figures = cut_and_build(cast).report

    low, high = wilson_interval(5, 7)
    assert figures["semantic_accuracy"] == {
        "accepted": 5,
        "inspected": 7,
        "percent": 71.43,
        "ci_low": round(100 * low, 2),
        "ci_high": round(100 * high, 2),
    }
    agreement = figures["agreement"]
    assert (agreement["items"], agreement["pairs"], agreement["percent"]) == (5, 5, 60.0)  # items 0, 2, 3 agree
    assert agreement["ci_low"] <= 60.0 <= agreement["ci_high"]
    assert figures["label_distribution"] == {"sentiment": {"positive": 4, "negative": 1}}
    low, high = wilson_interval(5, 5)
    assert figures["completeness"] == {
        "labelled": 5, "items": 5, "percent": 100.0, "ci_low": round(100 * low, 2), "ci_high": round(100 * high, 2)
    }
    low, high = wilson_interval(10, 10)
    assert figures["format_validity"] == {
        "ok": 10, "total": 10, "percent": 100.0, "ci_low": round(100 * low, 2), "ci_high": 100.0
    }
    assert figures["syntactic_accuracy"]["valid"] == 5 and figures["syntactic_accuracy"]["percent"] == 100.0
    assert figures["people"] == {"workers": 2, "reviewers": 1}
    assert figures["time_span"]["days"] == 1
    lengths = [len(item.data["text"]) for item in cast.items]
    text = figures["data_statistics"]["text_length"]
    assert (text["count"], text["min"], text["max"]) == (5, min(lengths), max(lengths))
    assert text["mean"] == round(sum(lengths) / 5, 3)
    assert figures["below_target"] == ["semantic_accuracy"]  # 71.43 % < 90 %


def test_targets_come_from_the_project_and_a_met_target_is_not_flagged(cast, overlapped) -> None:
    client_for(cast.manager).post(
        f"/projects/{cast.project.id}/releases/targets/",
        {"format_validity": 99, "syntactic_accuracy": 99.5, "semantic_accuracy": 70},
    )

    figures = cut_and_build(cast).report

    assert figures["targets"]["semantic_accuracy"] == 70.0 and figures["below_target"] == []


def test_an_invalid_label_lowers_syntactic_accuracy_and_is_named() -> None:
    collector = report.Collector({"controls": [{"type": "choices", "name": "sentiment", "labels": ["pos", "neg"]}]})

    collector.add(data={"text": "좋다"}, result={"sentiment": "pos"}, raw_ok=True, measures={"text_length": 2})
    collector.add(data={"text": ""}, result={"sentiment": "meh"}, raw_ok=False, measures={"text_length": 0})

    assert (collector.valid, collector.checked, collector.files_ok, collector.files_total) == (1, 2, 3, 4)
    assert "meh" in collector.problems[0]


def test_a_span_past_the_end_of_its_text_counts_as_syntactically_invalid() -> None:
    collector = report.Collector({"controls": [{"type": "spans", "name": "ner", "source": "text", "labels": ["PS"]}]})
    good = {"ner": [{"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"}]}
    past_the_end = {"ner": [{"id": "s1", "start": 3, "end": 4, "label": "PS", "text": "이"}]}  # fine on its own

    collector.add(data={"text": "홍길동이 왔다"}, result=good, raw_ok=True, measures={})
    collector.add(data={"text": "홍길동"}, result=past_the_end, raw_ok=True, measures={})

    assert (collector.valid, collector.checked) == (1, 2)
    assert "ner" in collector.problems[0]


def test_report_page_printable_page_and_json_show_the_same_figures(cast, overlapped) -> None:
    release = cut_and_build(cast)
    client, base = client_for(cast.manager), f"/projects/{cast.project.id}/releases/{release.id}"

    page = client.get(f"{base}/report/").content.decode()
    printable = client.get(f"{base}/report/?print=1").content.decode()
    document = client.get(f"{base}/report.json").json()

    assert "5 / 7" in page and "5 / 7" in printable and "release_report.js" in page
    assert "<nav" not in printable
    assert document["figures"]["semantic_accuracy"]["accepted"] == 5
    assert client_for(cast.outsider).get(f"{base}/report.json").status_code == 404


def test_agreement_gives_alpha_and_kappa_per_control_with_bootstrap_intervals(cast, overlapped) -> None:
    from datadam.quality import agreement as quality_agreement

    first = ["positive", "negative", "positive", "negative", "positive"]
    second = ["positive", "positive", "positive", "negative", "negative"]
    units = {n: {"a": a, "b": b} for n, (a, b) in enumerate(zip(first, second, strict=True))}

    control = cut_and_build(cast).report["agreement"]["controls"][0]

    assert control["name"] == "sentiment" and control["items"] == 5 and control["level"] == "nominal"
    assert control["alpha"] == round(quality_agreement.krippendorff_alpha(units), 4)
    assert control["kappa"] == round(quality_agreement.fleiss(units), 4)
    assert control["alpha_ci"][0] <= control["alpha"] <= control["alpha_ci"][1]
    assert control["kappa_ci"][0] <= control["kappa"] <= control["kappa_ci"][1]
