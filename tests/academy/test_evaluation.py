import datetime

import pytest
from django.utils import timezone

from datadam.academy import selectors
from datadam.academy.models import Certificate, Cohort, Course, Enrolment, EvaluationAttempt, Qualification
from datadam.academy.services import cohorts, courses, learning
from datadam.core.errors import Conflict, NotFound, SchemaViolation
from tests.academy.builders import evaluation_answers, make_course
from tests.conftest import Cast


@pytest.fixture
def trainee(cast: Cast, cohort: Cohort):
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    return cast.labeler


def test_a_wrong_practice_answer_shows_the_expected_answer_and_the_explanation(cast: Cast, course: Course, trainee):
    item = selectors.practice_items(course)[0]

    wrong = learning.practice_answer(actor=trainee, course_item=item, answer={"sentiment": "negative"})
    right = learning.practice_answer(actor=trainee, course_item=item, answer={"sentiment": "positive"})

    assert (wrong.correct, wrong.expected, right.correct) == (False, {"sentiment": "positive"}, True)
    assert "positive" in wrong.explanation
    assert selectors.course_progress(user=trainee, course=course).practice_right == 1


def test_a_practice_answer_outside_the_schema_is_refused(course: Course, trainee) -> None:
    with pytest.raises(SchemaViolation):
        learning.practice_answer(
            actor=trainee, course_item=selectors.practice_items(course)[0], answer={"sentiment": "angry"}
        )


def test_someone_not_enrolled_cannot_practise(cast: Cast, course: Course) -> None:
    with pytest.raises(NotFound):
        learning.practice_answer(
            actor=cast.outsider, course_item=selectors.practice_items(course)[0], answer={"sentiment": "positive"}
        )


def test_a_pass_grants_the_labeler_qualification_a_certificate_and_completes_the_cohort(
    cast: Cast, course: Course, cohort: Cohort, trainee
) -> None:
    attempt = learning.evaluation_start(actor=trainee, course=course)

    done = learning.evaluation_submit(actor=trainee, attempt=attempt, answers=evaluation_answers(attempt, right=4))

    assert (done.status, done.score, done.passed) == ("scored", 0.8, True)
    assert [(q.data_type, q.role) for q in selectors.qualifications_of(trainee)] == [("text", "labeler")]
    assert Certificate.objects.filter(user=trainee, course=course).exists()
    assert Enrolment.objects.get(user=trainee, cohort=cohort).status == Enrolment.Status.COMPLETED


def test_a_top_score_grants_the_reviewer_qualification_too(course: Course, trainee) -> None:
    attempt = learning.evaluation_start(actor=trainee, course=course)

    learning.evaluation_submit(actor=trainee, attempt=attempt, answers=evaluation_answers(attempt, right=5))

    assert set(selectors.qualifications_of(trainee).values_list("role", flat=True)) == {"labeler", "reviewer"}


def test_a_low_score_grants_nothing_and_the_next_attempt_waits_for_the_cool_down(course: Course, trainee) -> None:
    attempt = learning.evaluation_start(actor=trainee, course=course)
    failed = learning.evaluation_submit(actor=trainee, attempt=attempt, answers=evaluation_answers(attempt, right=2))

    assert (failed.score, failed.passed) == (0.4, False)
    assert not Qualification.objects.exists() and not Certificate.objects.exists()
    with pytest.raises(Conflict):
        learning.evaluation_start(actor=trainee, course=course)


def test_attempts_are_limited(cast: Cast, trainee) -> None:
    course = make_course(cast.manager, title_ko="두 번", title_en="Twice", max_attempts=2, cooldown_minutes=0)
    cohort = cohorts.cohort_create(
        actor=cast.manager,
        course=course,
        number=1,
        seats=5,
        enrol_opens_at=timezone.now() - datetime.timedelta(hours=1),
        enrol_closes_at=timezone.now() + datetime.timedelta(hours=1),
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    cohorts.cohort_apply(actor=trainee, cohort=cohort)
    for _ in range(2):
        attempt = learning.evaluation_start(actor=trainee, course=course)
        learning.evaluation_submit(actor=trainee, attempt=attempt, answers={})

    with pytest.raises(Conflict, match="2"):
        learning.evaluation_start(actor=trainee, course=course)


def test_an_evaluation_handed_in_after_its_time_limit_is_recorded_late_and_not_scored(cast: Cast, trainee) -> None:
    course = make_course(cast.manager, title_ko="시간", title_en="Timed", time_limit_minutes=10)
    cohorts.cohort_apply(
        actor=trainee,
        cohort=cohorts.cohort_create(
            actor=cast.manager,
            course=course,
            number=1,
            seats=5,
            enrol_opens_at=timezone.now() - datetime.timedelta(hours=1),
            enrol_closes_at=timezone.now() + datetime.timedelta(hours=1),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
        ),
    )
    attempt = learning.evaluation_start(actor=trainee, course=course)
    EvaluationAttempt.objects.filter(id=attempt.id).update(deadline=timezone.now() - datetime.timedelta(minutes=1))

    late = learning.evaluation_submit(actor=trainee, attempt=attempt, answers=evaluation_answers(attempt, right=5))

    assert (late.status, late.score, late.passed) == ("late", None, False)
    assert not Qualification.objects.exists()


def test_an_attempt_cannot_be_handed_in_twice_or_by_someone_else(cast: Cast, course: Course, trainee) -> None:
    attempt = learning.evaluation_start(actor=trainee, course=course)
    with pytest.raises(NotFound):
        learning.evaluation_submit(actor=cast.labeler2, attempt=attempt, answers={})
    learning.evaluation_submit(actor=trainee, attempt=attempt, answers={})
    with pytest.raises(Conflict):
        learning.evaluation_submit(actor=trainee, attempt=attempt, answers={})


def test_a_random_draw_takes_the_asked_number_of_items_from_the_bank(cast: Cast, trainee) -> None:
    course = make_course(cast.manager, title_ko="무작위", title_en="Random", evaluation=5)
    course.evaluation_mode, course.evaluation_size = "random", 3
    course.save()
    courses.course_item_add(
        actor=cast.manager, course=course, data={"text": "x"}, gold={"sentiment": "positive"}, use="evaluation"
    )
    cohorts.cohort_apply(
        actor=trainee,
        cohort=cohorts.cohort_create(
            actor=cast.manager,
            course=course,
            number=1,
            seats=5,
            enrol_opens_at=timezone.now() - datetime.timedelta(hours=1),
            enrol_closes_at=timezone.now() + datetime.timedelta(hours=1),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
        ),
    )

    attempt = learning.evaluation_start(actor=trainee, course=course)

    assert len(attempt.item_ids) == 3 and len(set(attempt.item_ids)) == 3
