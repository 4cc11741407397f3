"""A course may pay a completion stipend: it lands in the trainee's earnings once, from the training organization."""

import pytest

from datadam.academy.models import Enrolment
from datadam.academy.services import cohorts, learning, qualifications
from datadam.core.errors import Invalid
from datadam.pay.models import LedgerEntry
from tests.academy.builders import evaluation_answers, make_cohort, make_course


def test_a_trainee_who_passes_and_completes_is_paid_the_stipend_once(cast) -> None:
    course = make_course(cast.manager, stipend=50_000)
    cohort = make_cohort(cast.manager, course)
    enrolment, _ = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    attempt = learning.evaluation_start(actor=cast.labeler, course=course)

    learning.evaluation_submit(actor=cast.labeler, attempt=attempt, answers=evaluation_answers(attempt, right=5))
    qualifications.enrolment_complete_if_done(user=cast.labeler, course=course)  # a second look pays nothing more

    enrolment.refresh_from_db()
    rows = LedgerEntry.objects.filter(worker=cast.labeler)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert [(row.kind, row.amount, row.organization_id, row.reason) for row in rows] == [
        ("stipend", 50_000, course.organization_id, course.title_ko)
    ]


def test_a_course_without_a_stipend_pays_nothing(cast) -> None:
    course = make_course(cast.manager)
    cohorts.cohort_apply(actor=cast.labeler, cohort=make_cohort(cast.manager, course))
    attempt = learning.evaluation_start(actor=cast.labeler, course=course)

    learning.evaluation_submit(actor=cast.labeler, attempt=attempt, answers=evaluation_answers(attempt, right=5))

    assert not LedgerEntry.objects.filter(worker=cast.labeler).exists()


def test_a_stipend_with_extra_zeros_is_refused(cast) -> None:
    with pytest.raises(Invalid, match="10,000,000"):
        make_course(cast.manager, stipend=500_000_000)
