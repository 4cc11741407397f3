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
