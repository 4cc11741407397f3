"""The demo programme loads the 2,000 real Korean reviews with its people, every app adds its part, and loading
twice changes nothing."""

from django.apps import apps

from datadam.demo.loader import PROJECT_NAME, demo_load, demo_logins
from datadam.projects.models import Item, Project, ProjectMembership
from tests.conftest import client_for


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("datadam.")
    }


def test_the_demo_has_a_korean_review_project_with_people_and_2000_items_without_answers(db) -> None:
    project = demo_load()

    assert project.name == PROJECT_NAME
    assert Item.objects.filter(project=project, is_published=True).count() == 2000
    roles = set(ProjectMembership.objects.filter(project=project).values_list("user__username", "role"))
    assert {
        ("labeler1", "labeler"),
        ("labeler2", "labeler"),
        ("labeler3", "labeler"),
        ("reviewer", "reviewer"),
    } <= roles
    assert [login[0] for login in demo_logins()][:5] == ["manager", "reviewer", "labeler1", "labeler2", "labeler3"]
    assert set(Item.objects.filter(project=project).first().data["meta"]) == {"id", "movie_id"}


def test_loading_the_demo_twice_changes_nothing(db) -> None:
    demo_load()
    first = row_counts()

    demo_load()

    assert row_counts() == first
    assert first["projects.Project"] > 1  # the apps' demo parts add their projects


def test_every_demo_labeling_project_pays_for_the_work(db) -> None:
    demo_load()

    # A recording collection is not paid per item (contributions earn nothing in the ledger yet), so it shows no rate.
    labeling = Project.objects.filter(memberships__role=ProjectMembership.Role.LABELER, collection_task__isnull=True)
    unpaid = labeling.filter(rate_per_item=0).distinct()

    assert list(unpaid.values_list("name", flat=True)) == []


def test_a_demo_labeler_can_start_labeling_right_away(db) -> None:
    project = demo_load()
    labeler = ProjectMembership.objects.get(project=project, user__username="labeler1").user

    response = client_for(labeler).get(f"/projects/{project.id}/label/", follow=True)

    assert response.status_code == 200
    assert response.context["item"].data["text"]
