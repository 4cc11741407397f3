"""Wrong passwords are counted for a user name at one address and for an address over all user names, on
both log-in forms (ours and the admin's), so a guesser is stopped and nobody elsewhere is locked out."""

from ipaddress import ip_network

import pytest
from django.test import Client, override_settings

from datadam.accounts.models import User
from tests import factories
from tests.conftest import Cast
from tests.factories import PASSWORD

HOME = "198.51.100.7"  # where the person logs in from
ATTACKER = "203.0.113.66"
PROXY = "10.0.0.5"  # the load balancer in front of the web processes


def _attempt(path: str, username: str, password: str, address: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": address}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(path, {"username": username, "password": password}, **headers)


def _login(username: str, password: str, address: str, forwarded: str | None = None):
    return _attempt("/accounts/login/", username, password, address, forwarded)


def _admin_login(username: str, password: str, address: str):
    return _attempt("/admin/login/?next=/admin/", username, password, address)


@pytest.fixture
def operator(db) -> User:
    return factories.UserFactory(username="operator", is_staff=True, is_superuser=True)


def test_wrong_passwords_at_the_admin_login_are_stopped_too(operator: User) -> None:
    answers = [_admin_login("operator", f"guess-{n}", ATTACKER).status_code for n in range(20)]

    assert answers[:4] == [200] * 4
    assert answers[4:] == [429] * 16
    assert _admin_login("operator", PASSWORD, ATTACKER).status_code == 429


def test_an_account_locked_at_the_log_in_page_stays_locked_at_the_admin_login(operator: User) -> None:
    for n in range(5):
        _login("operator", f"guess-{n}", ATTACKER)

    response = _admin_login("operator", PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session


def test_the_lockout_says_in_plain_words_when_to_try_again(cast: Cast) -> None:
    answers = [_login("labeler", "wrong", ATTACKER) for _ in range(5)]

    locked = answers[-1]
    assert [answer.status_code for answer in answers] == [400, 400, 400, 400, 429]
    assert "다시 시도" in locked.content.decode() and "15" in locked.content.decode()
    assert int(locked["Retry-After"]) == 15 * 60


def test_the_lockout_speaks_english_to_an_english_browser(cast: Cast) -> None:
    for _ in range(4):
        _login("labeler", "wrong", ATTACKER)

    locked = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/accounts/login/", {"username": "labeler", "password": "wrong"}, REMOTE_ADDR=ATTACKER
    )

    assert locked.status_code == 429 and "Try again after" in locked.content.decode()


def test_an_attacker_elsewhere_cannot_lock_the_labeler_out(cast: Cast) -> None:
    for _ in range(5):
        _login("labeler", "wrong", ATTACKER)

    assert _login("labeler", PASSWORD, ATTACKER).status_code == 429
    assert _login("labeler", PASSWORD, HOME).status_code == 302


def test_a_lock_ignores_the_case_of_the_user_name(cast: Cast) -> None:
    for name in ["labeler", "LABELER", "Labeler", "laBeler", "labeleR"]:
        _login(name, "wrong", ATTACKER)

    assert _login("labeler", PASSWORD, ATTACKER).status_code == 429


@override_settings(DATADAM_LOGIN_MAX_FAILURES_PER_ADDRESS=30)
def test_one_address_trying_many_accounts_is_stopped(cast: Cast) -> None:
    real = [f"worker{n}" for n in range(10)]
    for name in real:
        factories.UserFactory(username=name)
    names = real + [f"made-up-{n}" for n in range(30)]

    answers = [_login(name, "summer2026!", ATTACKER).status_code for name in names]

    assert answers[:29] == [400] * 29
    assert set(answers[29:]) == {429}
    stopped = _login("labeler", PASSWORD, ATTACKER)
    assert stopped.status_code == 429, "the address is stopped for every account"
    assert 0 < int(stopped["Retry-After"]) <= 15 * 60
    assert _login("labeler", PASSWORD, HOME).status_code == 302, "other addresses are not"


def test_a_spoofed_forwarded_header_from_an_untrusted_address_is_ignored(cast: Cast) -> None:
    answers = [_login("labeler", "wrong", ATTACKER, forwarded=f"192.0.2.{n}").status_code for n in range(6)]

    assert answers[-2:] == [429, 429]


@override_settings(DATADAM_TRUSTED_PROXIES=[ip_network("10.0.0.0/8")])
def test_behind_a_trusted_proxy_an_attacker_does_not_lock_out_everyone(cast: Cast) -> None:
    for _ in range(5):
        _login("labeler", "wrong", PROXY, forwarded=ATTACKER)

    assert _login("labeler", PASSWORD, PROXY, forwarded=ATTACKER).status_code == 429
    assert _login("labeler", PASSWORD, PROXY, forwarded=HOME).status_code == 302


@override_settings(DATADAM_TRUSTED_PROXIES=[ip_network("10.0.0.0/8")])
def test_behind_a_trusted_proxy_a_made_up_left_hop_does_not_escape_the_count(cast: Cast) -> None:
    answers = [
        _login("labeler", "wrong", PROXY, forwarded=f"192.0.2.{n}, {ATTACKER}").status_code for n in range(5)
    ]

    assert answers[-1] == 429


def test_a_successful_log_in_clears_that_persons_count(cast: Cast) -> None:
    for _ in range(4):
        _login("labeler", "wrong", HOME)
    assert _login("labeler", PASSWORD, HOME).status_code == 302

    answers = [_login("labeler", "wrong", HOME).status_code for _ in range(4)]

    assert answers == [400] * 4


def test_force_login_in_tests_still_works(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.labeler)

    assert client.get("/projects/").status_code == 200
