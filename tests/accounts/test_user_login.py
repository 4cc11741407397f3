"""People log in and out; repeated wrong passwords are throttled, counted in the database
(tests/accounts/test_login_protection.py covers the limits per address and the admin's form)."""

from axes.models import AccessAttempt
from django.test import override_settings

from tests.conftest import client_for
from tests.factories import PASSWORD


def _login(client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_labeler_logs_in_and_goes_to_their_projects(cast) -> None:
    client = client_for(None)

    response = _login(client, "labeler", PASSWORD)

    assert response.status_code == 302
    assert client.get("/projects/").status_code == 200


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(cast) -> None:
    inside = client_for(None).post("/accounts/login/?next=/projects/1/", {"username": "labeler", "password": PASSWORD})
    outside = client_for(None).post(
        "/accounts/login/?next=https://evil.example/", {"username": "labeler", "password": PASSWORD}
    )

    assert inside["Location"] == "/projects/1/"
    assert outside["Location"] == "/"


def test_a_wrong_password_is_refused_and_counted(cast) -> None:
    response = _login(client_for(None), "labeler", "wrong")

    assert response.status_code == 400
    assert AccessAttempt.objects.get(username="labeler").failures_since_start == 1


@override_settings(AXES_FAILURE_LIMIT=3)
def test_after_three_failures_even_the_right_password_waits(cast) -> None:
    client = client_for(None)
    for _ in range(3):
        _login(client, "labeler", "wrong")

    response = _login(client, "labeler", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_clears_the_failures(cast) -> None:
    client = client_for(None)
    _login(client, "labeler", "wrong")

    _login(client, "labeler", PASSWORD)

    assert not AccessAttempt.objects.filter(username="labeler").exists()


def test_log_out_ends_the_session(cast) -> None:
    client = client_for(cast.labeler)

    client.post("/accounts/logout/")

    assert client.get("/projects/").status_code == 302


def test_a_person_changes_their_password(cast) -> None:
    client = client_for(cast.labeler)

    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password": "a-new-long-one"})

    cast.labeler.refresh_from_db()
    assert response.status_code == 302 and cast.labeler.check_password("a-new-long-one")


def test_a_wrong_current_password_changes_nothing(cast) -> None:
    client_for(cast.labeler).post("/accounts/password/", {"old_password": "nope", "new_password": "a-new-long-one"})

    cast.labeler.refresh_from_db()
    assert cast.labeler.check_password(PASSWORD)
