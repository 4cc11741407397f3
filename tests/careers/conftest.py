from datetime import timedelta

import pytest
from django.utils import timezone

from datadam.academy.models import Cohort, Course, Enrolment
from datadam.accounts.models import Organization, User
from tests.conftest import Cast


def cohort_of(organization: Organization, created_by: User, number: int = 1) -> Cohort:
    course = Course.objects.create(
        organization=organization,
        title_ko=f"{organization.name} 라벨링 과정",
        title_en=f"{organization.name} labeling course",
        data_types=["text"],
        created_by=created_by,
    )
    now = timezone.now()
    return Cohort.objects.create(
        course=course,
        number=number,
        enrol_opens_at=now - timedelta(days=30),
        enrol_closes_at=now - timedelta(days=20),
        starts_on=(now - timedelta(days=19)).date(),
        ends_on=(now - timedelta(days=1)).date(),
        seats=30,
    )


def enrol(person: User, cohort: Cohort, status: str = Enrolment.Status.COMPLETED) -> Enrolment:
    return Enrolment.objects.create(user=person, cohort=cohort, status=status)


@pytest.fixture
def cohort_a(cast: Cast) -> Cohort:
    """A's course cohort, which trained the labeler."""
    cohort = cohort_of(cast.project.organization, cast.manager)
    enrol(cast.labeler, cohort)
    return cohort
