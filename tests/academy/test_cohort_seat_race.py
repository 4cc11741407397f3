"""100 people apply at once for 30 seats: exactly 30 are enrolled and 70 wait, each with their own place.
Runs on the file-backed SQLite test database and on PostgreSQL alike."""

import threading

import pytest
from django.db import close_old_connections, connection

from datadam.academy.models import Enrolment
from datadam.academy.services import cohorts
from tests import factories
from tests.academy.builders import make_cohort, make_course

APPLICANTS = 100
SEATS = 30


def _apply(person, cohort, barrier: threading.Barrier, failures: list) -> None:
    try:
        barrier.wait(timeout=60)
        cohorts.cohort_apply(actor=person, cohort=cohort)
    except Exception as exc:  # collected and asserted on below, so a thread never dies silently
        failures.append(repr(exc))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_hundred_people_applying_at_once_for_thirty_seats_get_thirty_seats_and_seventy_places_in_line() -> None:
    manager = factories.OrganizationMembershipFactory().user
    cohort = make_cohort(manager, make_course(manager), seats=SEATS)
    people = factories.UserFactory.create_batch(APPLICANTS)
    barrier, failures = threading.Barrier(APPLICANTS), []
    close_old_connections()

    threads = [threading.Thread(target=_apply, args=(person, cohort, barrier, failures)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures, failures[:5]
    rows = Enrolment.objects.filter(cohort=cohort)
    assert rows.count() == APPLICANTS
    assert rows.filter(status=Enrolment.Status.ENROLLED).count() == SEATS
    waiting = list(rows.filter(status=Enrolment.Status.WAITLISTED).order_by("waitlist_order"))
    assert len(waiting) == APPLICANTS - SEATS
    assert [row.waitlist_order for row in waiting] == list(range(1, APPLICANTS - SEATS + 1))
    assert [cohorts.waitlist_position(row) for row in waiting[:3]] == [1, 2, 3]


def _cancel(person, enrolment, barrier: threading.Barrier, failures: list) -> None:
    try:
        barrier.wait(timeout=60)
        cohorts.enrolment_cancel(actor=person, enrolment=enrolment)
    except Exception as exc:  # collected and asserted on below
        failures.append(repr(exc))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_cancellations_and_new_applications_at_once_fill_freed_seats_from_the_waiting_list_in_order() -> None:
    manager = factories.OrganizationMembershipFactory().user
    cohort = make_cohort(manager, make_course(manager), seats=5)
    seated = [cohorts.cohort_apply(actor=p, cohort=cohort)[0] for p in factories.UserFactory.create_batch(5)]
    waiting = [cohorts.cohort_apply(actor=p, cohort=cohort)[0] for p in factories.UserFactory.create_batch(8)]
    newcomers = factories.UserFactory.create_batch(5)
    barrier, failures = threading.Barrier(10), []
    close_old_connections()

    threads = [threading.Thread(target=_cancel, args=(e.user, e, barrier, failures)) for e in seated]
    threads += [threading.Thread(target=_apply, args=(p, cohort, barrier, failures)) for p in newcomers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures, failures[:5]
    enrolled = set(Enrolment.objects.filter(cohort=cohort, status="enrolled").values_list("user_id", flat=True))
    assert enrolled == {e.user_id for e in waiting[:5]}
    still_waiting = Enrolment.objects.filter(cohort=cohort, status="waitlisted").order_by("waitlist_order")
    assert [e.user_id for e in still_waiting][:3] == [e.user_id for e in waiting[5:]]
    assert still_waiting.count() == 3 + 5
