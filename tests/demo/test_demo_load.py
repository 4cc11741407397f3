"""The demo programme loads the 2,000 real Korean reviews with its people, and loading twice changes nothing."""

from datadam.demo.loader import PROJECT_NAME, demo_load, demo_logins
from datadam.projects.models import Item, Project, ProjectMembership
from tests.conftest import client_for


def test_the_demo_has_a_korean_review_project_with_people_and_2000_items(db) -> None:
    project = demo_load()

    assert project.name == PROJECT_NAME
    assert Item.objects.filter(project=project, is_published=True).count() == 2000
    roles = sorted(ProjectMembership.objects.filter(project=project).values_list("user__username", "role"))
    assert roles == [("labeler1", "labeler"), ("labeler2", "labeler"), ("labeler3", "labeler"),
                     ("reviewer", "reviewer")]
    assert [login[0] for login in demo_logins()] == ["manager", "reviewer", "labeler1", "labeler2", "labeler3"]


def test_the_demo_items_show_no_answers_to_labelers(db) -> None:
    project = demo_load()

    data = Item.objects.filter(project=project).first().data

    assert set(data["meta"]) == {"id", "movie_id"}


def test_loading_the_demo_twice_changes_nothing(db) -> None:
    demo_load()
    demo_load()

    assert Project.objects.count() == 1
    assert Item.objects.count() == 2000


def test_a_demo_labeler_can_start_labeling_right_away(db) -> None:
    project = demo_load()
    labeler = ProjectMembership.objects.get(project=project, user__username="labeler1").user

    response = client_for(labeler).get(f"/projects/{project.id}/label/", follow=True)

    assert response.status_code == 200
    assert response.context["item"].data["text"]
