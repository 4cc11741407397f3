"""A person asks to be erased: their personal data goes, their earnings stay in the ledger under a pseudonym."""

import pytest
from axes.models import AccessAttempt

from datadam.academy.services import cohorts
from datadam.accounts import services
from datadam.accounts.models import PasswordResetRequest, PersonSession, User
from datadam.core.errors import Invalid
from datadam.pay.models import LedgerEntry
from datadam.pay.services import ledger_adjust
from tests.academy.builders import make_cohort, make_course
from tests.conftest import client_for
from tests.factories import PASSWORD


def test_an_erased_labeler_keeps_their_earnings_but_loses_their_name_and_log_in(cast) -> None:
    ledger_adjust(
        actor=cast.manager,
        organization=cast.project.organization,
        worker=cast.labeler,
        amount=1200,
        reason="보너스",
        kind="bonus",
    )
    cast.labeler.email, cast.labeler.display_name = "me@example.org", "홍길동"
    cast.labeler.save()
    client_for(cast.labeler)

    services.user_erase(user=cast.labeler, password=PASSWORD)

    erased = User.objects.get(id=cast.labeler.id)
    assert (erased.username, erased.email, erased.display_name) == (f"erased-{erased.id}", "", "")
    assert not erased.is_active and not erased.has_usable_password()
    assert not erased.project_memberships.exists()
    assert not PersonSession.objects.filter(user=erased).exists()
    assert LedgerEntry.objects.get(worker=erased).amount == 1200
    assert client_for(None).post("/accounts/login/", {"username": "labeler", "password": PASSWORD}).status_code == 400


def test_erasing_needs_the_password(cast) -> None:
    with pytest.raises(Invalid):
        services.user_erase(user=cast.labeler, password="wrong")

    assert User.objects.get(id=cast.labeler.id).username == "labeler"


def test_the_erase_page_erases_and_logs_out(cast) -> None:
    client = client_for(cast.labeler)

    response = client.post("/accounts/erase/", {"password": PASSWORD})

    assert response.status_code == 302
    assert User.objects.get(id=cast.labeler.id).username.startswith("erased-")
    assert client.get("/projects/").status_code == 302


def test_erasing_a_person_also_deletes_the_eligibility_answers_they_gave_the_academy(cast) -> None:
    course = make_course(cast.manager)
    cohort = make_cohort(cast.manager, course, selection="review", eligibility_questions=["거주 지역은?"])
    answers = {"거주 지역은?": "대구"}
    enrolment, _ = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort, answers=answers, consent=True)

    services.user_erase(user=cast.labeler, password=PASSWORD)

    enrolment.refresh_from_db()
    assert (enrolment.answers, enrolment.answers_consent_at) == ({}, None)


def test_erasing_removes_the_addresses_kept_under_the_persons_name(cast) -> None:
    cast.labeler.email = "me@example.org"
    cast.labeler.save()
    client_for(None).post("/accounts/login/", {"username": "Labeler", "password": "wrong"}, REMOTE_ADDR="192.0.2.1")
    client_for(None).post("/accounts/password/reset/", {"email": "ME@example.org"}, REMOTE_ADDR="192.0.2.1")
    assert AccessAttempt.objects.filter(username="labeler").exists()
    assert PasswordResetRequest.objects.filter(email="me@example.org").exists()

    services.user_erase(user=cast.labeler, password=PASSWORD)

    assert not AccessAttempt.objects.filter(username="labeler").exists()
    assert not PasswordResetRequest.objects.filter(email="me@example.org").exists()
