"""Scripts call the API with a personal token, stored hashed and revocable."""

import hashlib

from django.test import Client

from datadam.accounts import services
from datadam.accounts.models import ApiToken
from tests.conftest import client_for

TOKEN_NOT_VALID = "This API token is not valid or was revoked. Make a new one on your API tokens page."


def test_a_token_is_shown_once_and_only_its_hash_is_stored(cast) -> None:
    token, plain = services.token_create(user=cast.labeler, name="script")

    stored = ApiToken.objects.get(id=token.id)
    assert stored.token_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in (stored.prefix, stored.token_hash, stored.name)


def test_a_script_with_a_token_reads_its_projects(cast) -> None:
    _token, plain = services.token_create(user=cast.labeler, name="script")

    response = client_for(None).get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {plain}")

    assert response.status_code == 200
    assert [p["name"] for p in response.json()["items"]] == [cast.project.name]


def test_a_script_with_a_token_can_post_without_a_csrf_cookie(cast) -> None:
    _token, plain = services.token_create(user=cast.labeler, name="script")

    response = client_for(None).post(
        f"/api/v1/projects/{cast.project.id}/tasks/next", HTTP_AUTHORIZATION=f"Bearer {plain}"
    )

    assert response.status_code == 200


def script_client(language: str = "en") -> Client:
    """An HTTP client as a script is one: it keeps no cookies, and CSRF is checked as the real server checks it."""
    return Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)


def test_a_revoked_token_no_longer_works_and_the_script_is_told_why(cast) -> None:
    token, plain = services.token_create(user=cast.labeler, name="script")
    services.token_revoke(user=cast.labeler, token_id=token.id)

    reading = script_client().get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {plain}")
    writing = script_client().post(
        f"/api/v1/projects/{cast.project.id}/tasks/next", HTTP_AUTHORIZATION=f"Bearer {plain}"
    )

    assert (reading.status_code, writing.status_code) == (401, 401)
    assert reading.json() == writing.json() == {"detail": TOKEN_NOT_VALID}


def test_a_made_up_token_is_refused_as_a_token_not_as_a_csrf_failure(cast) -> None:
    writing = script_client().post(
        f"/api/v1/projects/{cast.project.id}/tasks/next", HTTP_AUTHORIZATION="Bearer dd_made-up"
    )

    assert writing.status_code == 401
    assert writing.json() == {"detail": TOKEN_NOT_VALID}
    in_korean = script_client("ko").get("/api/v1/me", HTTP_AUTHORIZATION="Bearer dd_made-up")
    assert "토큰" in in_korean.json()["detail"]


def test_a_call_with_neither_token_nor_log_in_is_asked_for_one(cast) -> None:
    writing = script_client().post(f"/api/v1/projects/{cast.project.id}/tasks/next")

    assert writing.status_code == 401
    assert writing.json() == {"detail": "Log in, or send an API token."}


def test_a_browser_post_without_csrf_is_refused(cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.labeler)

    response = client.post(f"/api/v1/projects/{cast.project.id}/tasks/next")

    assert response.status_code == 403


def test_the_tokens_page_creates_and_revokes(cast) -> None:
    client = client_for(cast.labeler)

    created = client.post("/accounts/tokens/", {"name": "노트북"})
    token = ApiToken.objects.get(user=cast.labeler)
    client.post(f"/accounts/tokens/{token.id}/revoke/")

    assert "dd_" in created.content.decode()
    assert ApiToken.objects.get(id=token.id).revoked_at is not None


def test_nobody_revokes_another_persons_token(cast) -> None:
    token, _plain = services.token_create(user=cast.labeler, name="script")

    response = client_for(cast.outsider).post(f"/accounts/tokens/{token.id}/revoke/")

    assert response.status_code == 404
    assert ApiToken.objects.get(id=token.id).revoked_at is None
