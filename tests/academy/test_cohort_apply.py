import datetime

import pytest
from django.core import mail
from django.utils import timezone

from datadam.academy.models import Cohort, Course, Enrolment
from datadam.academy.services import cohorts
from datadam.core.errors import Conflict, Invalid, NotFound
from tests import factories
from tests.academy.builders import make_cohort, make_course
from tests.conftest import Cast


def test_applying_twice_gives_back_the_existing_enrolment(cast: Cast, cohort: Cohort) -> None:
    first, created = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    again, created_again = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)

    assert created and not created_again
    assert again.id == first.id and again.status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.filter(cohort=cohort).count() == 1


def test_applying_outside_the_window_is_refused(cast: Cast, course: Course) -> None:
    now = timezone.now()
    closed = make_cohort(
        cast.manager,
        course,
        number=2,
        enrol_opens_at=now - datetime.timedelta(days=9),
        enrol_closes_at=now - datetime.timedelta(days=2),
    )

    with pytest.raises(Invalid):
        cohorts.cohort_apply(actor=cast.labeler, cohort=closed)
    assert not Enrolment.objects.exists()


def test_a_cancellation_promotes_the_first_on_the_waiting_list_and_tells_them(cast: Cast, course: Course) -> None:
    cohort = make_cohort(cast.manager, course, seats=1)
    cast.labeler2.email, cast.reviewer.email = "l2@example.org", "r@example.org"
    cast.labeler2.save(), cast.reviewer.save()
    seated, _ = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    second, _ = cohorts.cohort_apply(actor=cast.labeler2, cohort=cohort)
    third, _ = cohorts.cohort_apply(actor=cast.reviewer, cohort=cohort)
    assert (second.status, cohorts.waitlist_position(second)) == ("waitlisted", 1)
    assert cohorts.waitlist_position(third) == 2

    cohorts.enrolment_cancel(actor=cast.labeler, enrolment=seated)

    second.refresh_from_db(), third.refresh_from_db()
    assert second.status == Enrolment.Status.ENROLLED
    assert cohorts.waitlist_position(third) == 1


def test_the_promoted_person_gets_an_email(cast: Cast, course: Course, django_capture_on_commit_callbacks) -> None:
    cohort = make_cohort(cast.manager, course, seats=1)
    cast.labeler2.email = "l2@example.org"
    cast.labeler2.save()
    seated, _ = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    cohorts.cohort_apply(actor=cast.labeler2, cohort=cohort)

    with django_capture_on_commit_callbacks(execute=True):
        cohorts.enrolment_cancel(actor=cast.manager, enrolment=seated)

    assert [message.to for message in mail.outbox] == [["l2@example.org"]]
    assert "텍스트 라벨링 기초" in mail.outbox[0].body and "Text labeling basics" in mail.outbox[0].body


def test_operator_review_selects_an_applicant_and_emails_them(
    cast: Cast, course: Course, django_capture_on_commit_callbacks
) -> None:
    cohort = make_cohort(cast.manager, course, selection="review", eligibility_questions=["거주 지역은?"])
    cast.labeler.email = "l@example.org"
    cast.labeler.save()
    applied, _ = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort, answers={"거주 지역은?": "대구"}, consent=True)
    assert applied.status == Enrolment.Status.APPLIED and applied.answers == {"거주 지역은?": "대구"}

    with django_capture_on_commit_callbacks(execute=True):
        cohorts.enrolment_select(actor=cast.manager, enrolment=applied)

    applied.refresh_from_db()
    assert applied.status == Enrolment.Status.ENROLLED
    assert len(mail.outbox) == 1


def test_eligibility_answers_are_kept_only_with_consent_and_can_be_deleted(cast: Cast, course: Course) -> None:
    cohort = make_cohort(cast.manager, course, selection="review", eligibility_questions=["거주 지역은?"])
    no_consent, _ = cohorts.cohort_apply(actor=cast.labeler2, cohort=cohort, answers={"거주 지역은?": "대구"})
    with_consent, _ = cohorts.cohort_apply(
        actor=cast.labeler, cohort=cohort, answers={"거주 지역은?": "대구"}, consent=True
    )
    assert no_consent.answers == {} and with_consent.answers_consent_at is not None

    cohorts.enrolment_answers_delete(actor=cast.labeler, enrolment=with_consent)

    with_consent.refresh_from_db()
    assert with_consent.answers == {} and with_consent.answers_consent_at is None


def test_someone_else_cannot_delete_or_cancel_an_application(cast: Cast, cohort: Cohort) -> None:
    enrolment, _ = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)

    with pytest.raises(NotFound):
        cohorts.enrolment_answers_delete(actor=cast.labeler2, enrolment=enrolment)
    with pytest.raises(NotFound):
        cohorts.enrolment_cancel(actor=cast.manager_b, enrolment=enrolment)


@pytest.mark.parametrize(
    "change",
    [
        {"seats": -1},
        {"seats": 0},
        {"starts_on": datetime.date(2026, 12, 20), "ends_on": datetime.date(2026, 12, 1)},
        {"enrol_closes_at": timezone.now() - datetime.timedelta(days=3)},
    ],
)
def test_a_cohort_with_dates_in_the_wrong_order_or_no_seats_is_refused(
    cast: Cast, course: Course, change: dict
) -> None:
    with pytest.raises(Invalid):
        make_cohort(cast.manager, course, **change)
    assert not Cohort.objects.exists()


def test_another_organizations_manager_cannot_add_a_cohort(cast: Cast, course: Course) -> None:
    with pytest.raises(NotFound):
        make_cohort(cast.manager_b, course)


def test_the_same_cohort_number_twice_is_a_conflict(cast: Cast, cohort: Cohort) -> None:
    with pytest.raises(Conflict):
        make_cohort(cast.manager, cohort.course, number=cohort.number)


def test_a_course_with_a_prerequisite_asks_for_its_certificate_first(cast: Cast, course: Course) -> None:
    advanced = make_course(cast.manager, title_ko="심화", title_en="Advanced", prerequisite=course)
    cohort = make_cohort(cast.manager, advanced)

    with pytest.raises(cohorts.PermissionDenied, match="텍스트 라벨링 기초"):
        cohorts.cohort_apply(actor=factories.UserFactory(), cohort=cohort)
