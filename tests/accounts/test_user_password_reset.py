"""A person who forgot their password sets a new one from a mailed link; a new password, reset or changed,
revokes their API tokens and ends their other log-ins."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from datadam.accounts import services
from datadam.accounts.models import ApiToken, PersonSession
from tests import factories
from tests.conftest import Cast, client_for
from tests.factories import PASSWORD

HOME = "198.51.100.7"
ELSEWHERE = "203.0.113.66"
NEW_PASSWORD = "a-brand-new-passphrase"


@pytest.fixture
def labeler(cast: Cast):
    cast.labeler.email = "labeler@example.org"
    cast.labeler.save(update_fields=["email"])
    return cast.labeler


def _ask_for_reset(email: str, address: str = HOME, client: Client | None = None):
    return (client or Client()).post("/accounts/password/reset/", {"email": email}, REMOTE_ADDR=address)


def _link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", message.body).group(1)


def test_the_log_in_page_links_to_the_password_reset(db) -> None:
    page = Client().get("/accounts/login/").content.decode()

    assert 'href="/accounts/password/reset/"' in page and "비밀번호를 잊으셨나요?" in page


def test_a_labeler_who_forgot_the_password_sets_a_new_one_from_the_mailed_link(labeler) -> None:
    response = _ask_for_reset("Labeler@Example.org")

    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert [message.to for message in mail.outbox] == [["labeler@example.org"]]
    client = Client()
    form_page = client.get(_link_in(mail.outbox[0]), follow=True)
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/done/"
    labeler.refresh_from_db()
    assert labeler.check_password(NEW_PASSWORD) and not labeler.check_password(PASSWORD)


def test_the_reset_mail_speaks_the_language_of_the_page(labeler) -> None:
    _ask_for_reset("labeler@example.org", client=Client(HTTP_ACCEPT_LANGUAGE="en"))
    _ask_for_reset("labeler@example.org")

    english, korean = mail.outbox
    assert english.subject == "Set a new Datadam password" and "If it was not you" in english.body
    assert korean.subject == "Datadam 새 비밀번호 설정" and "본인이 요청하지 않았다면" in korean.body


def test_a_reset_link_works_once(labeler) -> None:
    _ask_for_reset("labeler@example.org")
    link = _link_in(mail.outbox[0])
    client = Client()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)

    assert "이 링크는 더 이상 쓸 수 없습니다" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(labeler) -> None:
    response = _ask_for_reset("nobody@example.org")

    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


@override_settings(DATADAM_PASSWORD_RESET_PER_EMAIL=3)
def test_reset_mails_for_one_email_address_are_limited_from_any_address(labeler) -> None:
    answers = [_ask_for_reset("labeler@example.org", address=f"192.0.2.{n}").status_code for n in range(4)]

    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


@override_settings(DATADAM_PASSWORD_RESET_PER_ADDRESS=5)
def test_reset_mails_from_one_address_are_limited_over_all_emails(labeler) -> None:
    answers = [_ask_for_reset(f"someone{n}@example.org", address=ELSEWHERE).status_code for n in range(5)]
    stopped = _ask_for_reset("labeler@example.org", address=ELSEWHERE)

    assert answers == [302] * 5
    assert stopped.status_code == 429 and "다시 시도" in stopped.content.decode()
    assert _ask_for_reset("labeler@example.org", address=HOME).status_code == 302


def test_a_reset_revokes_the_api_tokens_and_ends_other_log_ins(labeler) -> None:
    _token, plain = services.token_create(user=labeler, name="script")
    other_browser = client_for(labeler)

    assert PersonSession.objects.filter(user=labeler).count() == 1

    services.user_password_reset(user=labeler, new_password=NEW_PASSWORD)

    assert client_for(None).get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401
    assert not PersonSession.objects.filter(user=labeler).exists()
    assert other_browser.get("/projects/").status_code == 302


def test_a_password_change_revokes_the_api_tokens_and_ends_other_log_ins_but_not_this_one(labeler) -> None:
    _token, plain = services.token_create(user=labeler, name="script")
    this_browser, other_browser = client_for(labeler), client_for(labeler)

    response = this_browser.post("/accounts/password/", {"old_password": PASSWORD, "new_password": NEW_PASSWORD})

    assert response.status_code == 302
    assert client_for(None).get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401
    assert ApiToken.objects.get(user=labeler).revoked_at is not None
    assert [row.session_key for row in PersonSession.objects.filter(user=labeler)] == [this_browser.session.session_key]
    assert other_browser.get("/projects/").status_code == 302
    assert this_browser.get("/projects/").status_code == 200


def test_a_refused_password_change_keeps_the_tokens(labeler) -> None:
    _token, plain = services.token_create(user=labeler, name="script")

    client_for(labeler).post("/accounts/password/", {"old_password": "not-it", "new_password": NEW_PASSWORD})

    assert client_for(None).get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 200


def test_the_admins_password_change_leads_to_the_one_that_revokes_tokens(db) -> None:
    staff = client_for(factories.UserFactory(username="operator", is_staff=True))

    response = staff.get("/admin/password_change/")

    assert response.status_code == 302 and response["Location"] == "/accounts/password/"
