"""A consensus release is decided at the cut: the quality engine aggregates the labelers' accepted answers
with the project's method, items still waiting for labelers stay out and are counted, and the report says how
sure each consensus is."""

import json

import pytest

from datadam.labeling import services as labeling
from datadam.projects.models import Item, ProjectMembership
from datadam.quality.models import Consensus, QualityPolicy
from datadam.releases import services
from datadam.releases.models import Release
from datadam.review import services as review
from tests import factories
from tests.conftest import client_for
from tests.releases.packages import labels

TRUTH = ["positive", "negative", "positive", "negative", "positive"]
FLIPPED = {"positive": "negative", "negative": "positive"}


def _label_all(cast, person, answers: list[str]) -> list:
    done = []
    for answer in answers:
        lease = labeling.assignment_lease_next(actor=person, project=cast.project)
        annotation, _ = labeling.annotation_submit(actor=person, assignment_id=lease.id, result={"sentiment": answer})
        review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
        done.append(annotation)
    return done


@pytest.fixture
def overlap_three(cast):
    """Five items labeled by three labelers. Two give the true label; the third, who labels last, flips the
    first three items. Every answer is accepted, and nobody ever refreshed the project's quality figures."""
    Item.objects.filter(project=cast.project).update(target_overlap=3, open_slots=3)
    noisy = factories.UserFactory(username="labeler3")
    factories.ProjectMembershipFactory(project=cast.project, user=noisy, role=ProjectMembership.Role.LABELER)
    _label_all(cast, cast.labeler, TRUTH)
    _label_all(cast, cast.labeler2, TRUTH)
    newest = _label_all(cast, noisy, [FLIPPED[a] for a in TRUTH[:3]] + TRUTH[3:])
    return {"noisy": noisy, "newest": newest}


def test_a_consensus_release_without_a_quality_refresh_ships_the_majority_not_the_newest_label(
    cast, overlap_three
) -> None:
    response = client_for(cast.manager).post(
        f"/api/v1/projects/{cast.project.id}/releases",
        {"version": "v1.0.0", "source": "consensus"},
        "application/json",
    )

    release = Release.objects.get(id=response.json()["id"])
    shipped = dict(release.entries.order_by("item_id").values_list("item_id", "result"))
    assert response.status_code == 202 and not Consensus.objects.exists()
    assert [shipped[item.id]["sentiment"] for item in cast.items] == TRUTH
    assert [a.result["sentiment"] for a in overlap_three["newest"]] != TRUTH  # what the old release shipped


def test_the_report_names_the_method_each_confidence_and_the_items_below_the_floor(cast, overlap_three) -> None:
    QualityPolicy.objects.update_or_create(project=cast.project, defaults={"aggregation_method": "mv"})

    release = services.release_build_run(
        release_id=services.release_cut(
            actor=cast.manager, project=cast.project, version="v1.0.0", source="consensus"
        ).id
    )

    consensus = release.report["consensus"]
    flipped = sorted(item.id for item in cast.items[:3])
    assert consensus["method"] == "mv" and consensus["floor_percent"] == 70.0
    assert sorted(row["item_id"] for row in consensus["below_floor"]["items"]) == flipped
    assert {row["confidence"] for row in consensus["below_floor"]["items"]} == {0.6667}
    assert consensus["below_floor"]["count"] == 3 and consensus["overlap_incomplete"] == 0
    written = labels(release)
    assert {item_id: label["consensus"]["confidence"] for item_id, label in written.items()} == {
        item.id: (0.6667 if item.id in flipped else 1.0) for item in cast.items
    }
    assert all(label["consensus"]["method"] == "mv" for label in written.values())
    assert "consensus.csv" in set(release.files.values_list("name", flat=True))


def test_items_whose_overlap_is_not_complete_are_left_out_and_counted(cast, overlap_three) -> None:
    waiting = factories.ItemFactory(project=cast.project, target_overlap=3)
    for person in (cast.labeler, cast.labeler2):  # the third labeler has not come to it yet
        _label_all(cast, person, ["negative"])

    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0", source="consensus")

    assert waiting.id not in set(release.entries.values_list("item_id", flat=True))
    assert release.entries_total == 5 and release.snapshot["consensus"]["overlap_incomplete"] == 1


def test_a_consensus_release_with_no_complete_item_answers_422_with_a_plain_message(cast) -> None:
    Item.objects.filter(project=cast.project).update(target_overlap=3, open_slots=3)
    _label_all(cast, cast.labeler, TRUTH)

    response = client_for(cast.manager).post(
        f"/api/v1/projects/{cast.project.id}/releases",
        {"version": "v1.0.0", "source": "consensus"},
        "application/json",
        headers={"accept-language": "en"},
    )

    assert response.status_code == 422 and not Release.objects.exists()
    assert "5 items are still waiting" in response.json()["detail"]


def test_a_project_with_no_accepted_work_answers_422_for_either_source(cast) -> None:
    client = client_for(cast.manager)

    for source in ("accepted", "consensus"):
        response = client.post(
            f"/api/v1/projects/{cast.project.id}/releases",
            json.dumps({"version": "v1.0.0", "source": source}),
            "application/json",
            headers={"accept-language": "en"},
        )
        assert response.status_code == 422 and "no accepted items yet" in response.json()["detail"]
    assert not Release.objects.exists()


def test_an_item_labeled_once_by_design_keeps_its_accepted_answer_and_has_no_vote_to_weigh(cast) -> None:
    _label_all(cast, cast.labeler, TRUTH)

    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0", source="consensus")

    entries = list(release.entries.order_by("item_id").values_list("result", "confidence"))
    assert entries == [({"sentiment": answer}, None) for answer in TRUTH]
    assert release.snapshot["consensus"]["single_answer"] == 5


def test_the_report_page_shows_the_consensus_and_the_items_below_the_floor(cast, overlap_three) -> None:
    QualityPolicy.objects.update_or_create(project=cast.project, defaults={"aggregation_method": "mv"})
    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0", source="consensus")
    services.release_build_run(release_id=release.id)

    page = client_for(cast.manager).get(
        f"/projects/{cast.project.id}/releases/{release.id}/report/", headers={"accept-language": "en"}
    ).content.decode()

    assert "Decided at the cut by majority vote over the labelers' accepted answers: 5 items released" in page
    assert "0 left out" in page
    assert "Items below the confidence floor of 70.0 %: 3" in page


def test_the_manager_sets_the_confidence_floor_with_the_quality_targets(cast, overlap_three) -> None:
    QualityPolicy.objects.update_or_create(project=cast.project, defaults={"aggregation_method": "mv"})
    client = client_for(cast.manager)
    client.post(
        f"/projects/{cast.project.id}/releases/targets/",
        {"format_validity": 99, "syntactic_accuracy": 99.5, "semantic_accuracy": 90, "consensus_floor": 60},
    )

    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0", source="consensus")

    page = client.get(f"/projects/{cast.project.id}/releases/").content.decode()
    assert release.snapshot["consensus"]["floor_percent"] == 60.0
    assert release.snapshot["consensus"]["below_floor"]["count"] == 0  # 2 of 3 votes is 66.67 %
    assert 'name="consensus_floor"' in page and 'value="60.0"' in page
