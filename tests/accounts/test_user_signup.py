"""A citizen signs up: the new account sees nothing private until it joins a project."""

import pytest
from django.utils import timezone

from datadam.accounts import consent, services
from datadam.accounts.models import PrivacyConsent, User
from datadam.core.errors import Conflict, Invalid
from tests.conftest import client_for

SIGNUP = {
    "username": "newbie",
    "password": "long-enough-pass",
    "password_again": "long-enough-pass",
    "display_name": "새내기",
    "email": "",
    "privacy_consent": "on",
}


def test_a_new_person_signs_up_and_lands_on_the_projects_page(db) -> None:
    client = client_for(None)

    response = client.post("/accounts/signup/", SIGNUP)

    assert response.status_code == 302 and response["Location"] == "/projects/"
    assert User.objects.get(username="newbie").display_name == "새내기"


def test_sign_up_records_which_consent_text_the_person_accepted_and_when(db) -> None:
    before = timezone.now()

    client_for(None).post("/accounts/signup/", SIGNUP)

    accepted = PrivacyConsent.objects.get(user__username="newbie")
    assert accepted.version == consent.VERSION and accepted.accepted_at >= before


def test_the_signup_page_tells_what_the_consent_covers(db) -> None:
    page = client_for(None).get("/accounts/signup/").content.decode()

    for heading in ["수집·이용 목적", "수집 항목", "보유·이용 기간", "동의를 거부할 권리와 거부 시 불이익"]:
        assert heading in page
    assert consent.VERSION in page
    assert 'type="checkbox" name="privacy_consent"' in page and "checked" not in page


def test_without_consent_no_account_is_made(db) -> None:
    response = client_for(None).post("/accounts/signup/", {**SIGNUP, "privacy_consent": ""})

    assert response.status_code == 400
    assert "계정을 만들려면 이 동의가 필요합니다" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


def test_two_different_passwords_are_refused(db) -> None:
    response = client_for(None).post("/accounts/signup/", {**SIGNUP, "password_again": "long-enough-pas"})

    assert response.status_code == 400
    assert "두 비밀번호가 다릅니다" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


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
    response = client_for(None).post(
        "/accounts/signup/", {**SIGNUP, "username": "someone", "password": "1234", "password_again": "1234"}
    )

    assert response.status_code == 400
    assert not User.objects.filter(username="someone").exists()
