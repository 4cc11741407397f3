"""A person keeps their own account: name and contact, where their pay goes (stored encrypted, shown masked),
the password, and under "advanced" the API tokens and deleting the account."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from datadam.accounts import profile, services
from datadam.accounts.models import PayoutDetails, User
from datadam.core.checks import field_key_is_set
from datadam.core.errors import Conflict
from datadam.core.field_crypto import field_decrypt
from tests.conftest import client_for
from tests.factories import PASSWORD

NUMBER = "110-234-569012"
OLD_KEY = "Tb8bLUxaaYG5k0a-ypd6unVX9Dc3y4rcc_F1cR0d9Rg="
NEW_KEY = "r0AGd3ON3t9a1b8m0zc2m3r1FYkq8YbqHzgNk1hKJjw="


def test_a_labeler_saves_name_email_and_phone_on_my_account(cast) -> None:
    client = client_for(cast.labeler)

    response = client.post(
        "/accounts/me/", {"display_name": "김라벨", "email": "Label@Example.org", "phone": "010-1234-5678"}
    )

    user = User.objects.get(id=cast.labeler.id)
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    assert (user.display_name, user.email, user.phone) == ("김라벨", "label@example.org", "010-1234-5678")


def test_a_phone_number_in_words_is_refused_with_a_plain_message_and_nothing_changes(cast) -> None:
    response = client_for(cast.labeler).post(
        "/accounts/me/", {"display_name": "새 이름", "email": "", "phone": "call me"}, headers={"accept-language": "en"}
    )

    assert response.status_code == 422
    assert "Write the phone number in digits" in response.content.decode()
    assert User.objects.get(id=cast.labeler.id).display_name != "새 이름"


def test_payout_details_are_stored_encrypted_and_shown_masked(cast) -> None:
    client = client_for(cast.labeler)

    client.post("/accounts/me/payout/", {"bank": "국민은행", "holder": "김라벨", "account_number": NUMBER})
    page = client.get("/accounts/me/").content.decode()

    details = PayoutDetails.objects.get(user=cast.labeler)
    assert NUMBER not in details.account_number_encrypted and "569012" not in details.account_number_encrypted
    assert field_decrypt(details.account_number_encrypted) == NUMBER
    assert "••••••9012" in page and NUMBER not in page and "국민은행" in page


def test_without_a_key_payout_details_are_refused_and_the_system_check_warns(cast) -> None:
    with override_settings(DATADAM_FIELD_KEYS=[]):
        response = client_for(cast.labeler).post(
            "/accounts/me/payout/",
            {"bank": "국민은행", "holder": "김라벨", "account_number": NUMBER},
            headers={"accept-language": "en"},
        )
        warnings = field_key_is_set(None)

    assert response.status_code == 409
    assert "has not set an encryption key" in response.content.decode()
    assert not PayoutDetails.objects.exists()
    assert [warning.id for warning in warnings] == ["datadam.W070"]
    with override_settings(DATADAM_FIELD_KEYS=["not-a-key"]):
        assert [error.id for error in field_key_is_set(None)] == ["datadam.E070"]


def test_the_operator_rotates_the_key_and_the_old_one_can_then_be_dropped(cast) -> None:
    profile.payout_details_set(actor=cast.labeler, bank="신한은행", holder="김라벨", account_number=NUMBER)

    with override_settings(DATADAM_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_field_keys", stdout=StringIO())

    with override_settings(DATADAM_FIELD_KEYS=[NEW_KEY]):
        assert field_decrypt(PayoutDetails.objects.get().account_number_encrypted) == NUMBER
    with pytest.raises(Conflict):
        field_decrypt(PayoutDetails.objects.get().account_number_encrypted)  # the old key alone no longer opens it


def test_deleting_the_account_erases_contact_and_payout_details(cast) -> None:
    profile.profile_update(actor=cast.labeler, display_name="김라벨", email="l@example.org", phone="010-1111-2222")
    profile.payout_details_set(actor=cast.labeler, bank="신한은행", holder="김라벨", account_number=NUMBER)

    services.user_erase(user=cast.labeler, password=PASSWORD)

    user = User.objects.get(id=cast.labeler.id)
    assert (user.phone, user.email, user.display_name) == ("", "", "")
    assert not PayoutDetails.objects.exists()


def test_the_account_page_keeps_tokens_and_deleting_under_advanced_and_is_only_ones_own(cast) -> None:
    profile.payout_details_set(actor=cast.labeler, bank="신한은행", holder="김라벨", account_number=NUMBER)

    own = client_for(cast.labeler).get("/accounts/me/").content.decode()
    others = client_for(cast.outsider).get("/accounts/me/").content.decode()

    advanced = own.split('id="advanced-heading"')[1]
    assert 'href="/accounts/tokens/"' in advanced and 'href="/accounts/erase/"' in advanced
    assert "신한은행" in own and "신한은행" not in others and "9012" not in others
    assert client_for(None).get("/accounts/me/").status_code == 302
