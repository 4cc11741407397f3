"""A labeler asks for the next task: the queue hands out open slots in order, never twice to one person."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from datadam.core.errors import PermissionDenied
from datadam.labeling import services
from datadam.labeling.models import Assignment
from datadam.projects.models import Item
from tests import factories
from tests.conftest import client_for


def test_labeler_gets_the_first_item_in_priority_order(cast) -> None:
    cast.items[3].priority = -1
    cast.items[3].save()

    assignment = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    assert assignment.item_id == cast.items[3].id
    assert Item.objects.get(id=cast.items[3].id).open_slots == 0


def test_asking_again_resumes_the_same_task_instead_of_taking_another(cast) -> None:
    first = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    second = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    assert first.id == second.id
    assert Assignment.objects.filter(worker=cast.labeler).count() == 1


def test_an_item_with_overlap_two_goes_to_two_different_labelers_and_then_closes(cast) -> None:
    item = factories.ItemFactory(project=cast.project, target_overlap=2, priority=-5)
    third = factories.UserFactory()
    factories.ProjectMembershipFactory(project=cast.project, user=third)

    leases = [
        services.assignment_lease_next(actor=worker, project=cast.project)
        for worker in (cast.labeler, cast.labeler2, third)
    ]

    assert [lease.item_id for lease in leases[:2]] == [item.id, item.id]
    assert leases[2].item_id != item.id
    assert Item.objects.get(id=item.id).open_slots == 0


def test_a_skipped_item_never_comes_back_to_that_labeler(cast) -> None:
    skipped = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    services.assignment_skip(actor=cast.labeler, assignment_id=skipped.id)

    offered = set()
    while (lease := services.assignment_lease_next(actor=cast.labeler, project=cast.project)) is not None:
        offered.add(lease.item_id)
        services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"})

    assert skipped.item_id not in offered
    assert len(offered) == len(cast.items) - 1
    assert Item.objects.get(id=skipped.item_id).open_slots == 1


def test_an_expired_lease_gives_the_slot_to_the_next_labeler(cast) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    Assignment.objects.filter(id=lease.id).update(expires_at=timezone.now() - timedelta(seconds=1))

    other = services.assignment_lease_next(actor=cast.labeler2, project=cast.project)

    assert other.item_id == lease.item_id
    assert Assignment.objects.get(id=lease.id).status == Assignment.Status.EXPIRED


def test_items_of_an_unpublished_import_are_never_handed_out(cast) -> None:
    Item.objects.filter(project=cast.project).update(priority=10)
    factories.ItemFactory(project=cast.project, is_published=False, open_slots=0, priority=-100)

    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    assert lease.item.is_published


def test_the_queue_says_none_when_everything_is_taken(cast) -> None:
    Item.objects.filter(project=cast.project).update(open_slots=0)

    assert services.assignment_lease_next(actor=cast.labeler, project=cast.project) is None


def test_a_reviewer_who_is_not_a_labeler_gets_no_tasks(cast) -> None:
    with pytest.raises(PermissionDenied):
        services.assignment_lease_next(actor=cast.reviewer, project=cast.project)


def test_next_task_api_answers_204_when_the_queue_is_empty(cast) -> None:
    Item.objects.filter(project=cast.project).update(open_slots=0)

    response = client_for(cast.labeler).post(f"/api/v1/projects/{cast.project.id}/tasks/next")

    assert response.status_code == 204


def test_next_task_api_leases_and_shows_the_text(cast) -> None:
    response = client_for(cast.labeler).post(f"/api/v1/projects/{cast.project.id}/tasks/next")

    assert response.status_code == 200
    assert response.json()["item"]["data"]["text"] == cast.items[0].data["text"]


def test_a_manager_who_does_not_label_is_told_to_join_and_a_lease_lasts_the_projects_lease_time(cast) -> None:
    cast.project.lease_seconds = 600
    cast.project.save(update_fields=["lease_seconds"])

    refused = client_for(cast.manager).post(f"/api/v1/projects/{cast.project.id}/tasks/next")
    leased = client_for(cast.labeler).post(f"/api/v1/projects/{cast.project.id}/tasks/next")

    assert refused.status_code == 403 and "라벨러로 참여하세요" in refused.json()["detail"]
    assignment = Assignment.objects.get(id=leased.json()["id"])
    assert (assignment.worker, assignment.expires_at - assignment.leased_at) == (cast.labeler, timedelta(seconds=600))
    told = parse_datetime(leased.json()["expires_at"])  # the answer tells the same time, to the millisecond
    assert abs(told - assignment.expires_at) < timedelta(milliseconds=1)


def test_outsider_cannot_lease_in_another_organizations_project(cast) -> None:
    response = client_for(cast.outsider).post(f"/api/v1/projects/{cast.project.id}/tasks/next")

    assert response.status_code == 404
    assert not Assignment.objects.exists()
