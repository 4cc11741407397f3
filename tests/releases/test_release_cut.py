"""A manager cuts a release: a frozen copy of the accepted labels, split the same way every time."""

import pytest

from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.projects.models import Item
from datadam.quality.models import GoldItem
from datadam.releases import services
from datadam.releases.models import Release, ReleaseEntry
from datadam.releases.split import validation_ids
from tests.conftest import client_for
from tests.releases.conftest import label_and_review


def test_the_release_holds_the_newest_accepted_label_of_each_accepted_item(cast) -> None:
    submitted = label_and_review(cast)

    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0", notes="첫 배포")

    entries = {e.item_id: e.result for e in ReleaseEntry.objects.filter(release=release)}
    rejected_item = submitted[2].item_id
    assert rejected_item not in entries and len(entries) == 4
    assert entries[submitted[1].item_id] == {"sentiment": "positive"}  # the reviewer's correction
    assert (release.status, release.items_in_project, release.entries_total) == ("queued", 5, 4)


def test_a_project_with_no_accepted_items_is_refused_with_a_clear_message(cast) -> None:
    with pytest.raises(Invalid, match="accepted|승인"):
        services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")

    assert not Release.objects.exists()


def test_two_releases_with_the_same_version_are_refused(cast) -> None:
    label_and_review(cast)
    services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")

    with pytest.raises(Conflict):
        services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")

    assert Release.objects.count() == 1


def test_a_version_must_look_like_v1_0_0(cast) -> None:
    label_and_review(cast)

    with pytest.raises(Invalid):
        services.release_cut(actor=cast.manager, project=cast.project, version="1.0")


def test_a_labeler_or_an_outsider_cannot_cut_a_release(cast) -> None:
    label_and_review(cast)

    for person in (cast.labeler, cast.outsider):
        with pytest.raises(NotFound):
            services.release_cut(actor=person, project=cast.project, version="v1.0.0")


def test_the_split_is_stratified_and_the_same_every_time() -> None:
    strata = {item_id: ("a" if item_id % 4 else "b") for item_id in range(1, 401)}

    first = validation_ids(7, strata, 10)
    again = validation_ids(7, dict(reversed(list(strata.items()))), 10)

    assert first == again
    assert len([i for i in first if strata[i] == "a"]) == 30  # 10 % of the 300 "a" items
    assert len([i for i in first if strata[i] == "b"]) == 10  # 10 % of the 100 "b" items


def test_the_split_follows_the_requested_share(cast) -> None:
    Item.objects.bulk_create(Item(project=cast.project, data={"text": f"추가 {n}"}) for n in range(15))
    label_and_review(cast)

    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0", validation_percent=50)

    splits = list(release.entries.order_by("item_id").values_list("stratum", "split"))
    assert splits.count(("positive", "validation")) == round(3 * 0.5)
    assert release.items_in_project == 20


def test_cut_page_makes_a_release_and_shows_the_refusal_of_a_duplicate(cast) -> None:
    label_and_review(cast)
    client = client_for(cast.manager)
    form = {"version": "v1.0.0", "notes": "", "source": "accepted", "validation_percent": 10}

    first = client.post(f"/projects/{cast.project.id}/releases/", form)
    second = client.post(f"/projects/{cast.project.id}/releases/", form)

    release = Release.objects.get()
    assert first.status_code == 302 and first.url == f"/projects/{cast.project.id}/releases/{release.id}/"
    assert second.status_code == 422 and "v1.0.0" in second.content.decode()


def test_cut_api_answers_202_and_409_for_a_duplicate(cast) -> None:
    label_and_review(cast)
    client = client_for(cast.manager)

    first = client.post(f"/api/v1/projects/{cast.project.id}/releases", {"version": "v1.0.0"}, "application/json")
    second = client.post(f"/api/v1/projects/{cast.project.id}/releases", {"version": "v1.0.0"}, "application/json")
    outsider = client_for(cast.outsider).get(f"/api/v1/releases/{first.json()['id']}")

    assert (first.status_code, second.status_code, outsider.status_code) == (202, 409, 404)


def test_a_project_without_accepted_items_answers_422_through_the_api(cast) -> None:
    response = client_for(cast.manager).post(
        f"/api/v1/projects/{cast.project.id}/releases", {"version": "v1.0.0"}, "application/json"
    )

    detail = response.json()["detail"]
    assert response.status_code == 422 and ("accepted" in detail or "승인" in detail)


def test_gold_items_are_tests_of_the_workers_and_stay_out_of_releases(cast) -> None:
    submitted = label_and_review(cast)
    gold_item = submitted[0].item_id  # accepted, and also used as a gold question
    GoldItem.objects.create(
        item_id=gold_item, project=cast.project, answer={"sentiment": "positive"}, source="promoted"
    )

    accepted = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")
    consensus = services.release_cut(actor=cast.manager, project=cast.project, version="v1.1.0", source="consensus")

    for release in (accepted, consensus):
        items = set(release.entries.values_list("item_id", flat=True))
        assert gold_item not in items and len(items) == 3
