"""A citizen signs up: the new account sees nothing private until it joins a project."""

import pytest

from datadam.accounts import services
from datadam.accounts.models import User
from datadam.core.errors import Conflict, Invalid
from tests.conftest import client_for


def test_a_new_person_signs_up_and_lands_on_the_projects_page(db) -> None:
    client = client_for(None)

    response = client.post(
        "/accounts/signup/",
        {"username": "newbie", "password": "long-enough-pass", "display_name": "새내기", "email": ""},
    )

    assert response.status_code == 302 and response["Location"] == "/projects/"
    assert User.objects.get(username="newbie").display_name == "새내기"


def test_a_new_account_sees_no_private_project_until_it_joins_one(cast) -> None:
    newbie = services.user_signup(username="newbie", password="long-enough-pass")

    projects = client_for(newbie).get("/api/v1/projects").json()

    assert projects["count"] == 0


def test_a_taken_user_name_is_refused(cast) -> None:
    with pytest.raises(Conflict):
        services.user_signup(username="LABELER", password="long-enough-pass")


def test_a_weak_password_is_refused_with_the_reason(db) -> None:
    with pytest.raises(Invalid):
        services.user_signup(username="someone", password="1234")

    assert not User.objects.filter(username="someone").exists()


def test_the_signup_page_shows_the_password_problem(db) -> None:
    response = client_for(None).post("/accounts/signup/", {"username": "someone", "password": "1234"})

    assert response.status_code == 400
    assert not User.objects.filter(username="someone").exists()
