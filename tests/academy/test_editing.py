"""An operator edits what they created: a course, its lessons and a cohort, freely until the first application,
then only the safe fields; the pages show which fields are fixed and why."""

import datetime

import pytest

from datadam.academy.models import Cohort, Course, Enrolment
from datadam.academy.services import cohorts, editing
from datadam.core.errors import Conflict, NotFound
from tests.academy.builders import make_cohort
from tests.conftest import client_for


def test_a_course_without_applicants_changes_in_every_field(cast, course: Course) -> None:
    editing.course_update(actor=cast.manager, course=course, title_ko="새 과정 이름", labeler_threshold=0.6)

    course.refresh_from_db()
    assert (course.title_ko, course.labeler_threshold) == ("새 과정 이름", 0.6)


def test_after_an_application_only_the_words_of_a_course_change(cast, course: Course, cohort: Cohort) -> None:
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)

    editing.course_update(actor=cast.manager, course=course, description_ko="설명을 고쳤습니다")
    with pytest.raises(Conflict):
        editing.course_update(actor=cast.manager, course=course, labeler_threshold=0.1)

    course.refresh_from_db()
    assert course.description_ko == "설명을 고쳤습니다" and course.labeler_threshold != 0.1


def test_a_cohort_with_applicants_gains_seats_for_those_waiting_but_keeps_its_dates(cast, course: Course) -> None:
    cohort = make_cohort(cast.manager, course, seats=1)
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    waiting, _created = cohorts.cohort_apply(actor=cast.labeler2, cohort=cohort)

    editing.cohort_update(actor=cast.manager, cohort=cohort, seats=2, venue="시청 3층 교육장")
    with pytest.raises(Conflict):
        editing.cohort_update(actor=cast.manager, cohort=cohort, starts_on=cohort.starts_on + datetime.timedelta(1))
    with pytest.raises(Conflict):
        editing.cohort_update(actor=cast.manager, cohort=cohort, seats=1)

    cohort.refresh_from_db()
    assert (cohort.seats, cohort.venue) == (2, "시청 3층 교육장")
    assert Enrolment.objects.get(id=waiting.id).status == Enrolment.Status.ENROLLED


def test_the_operator_edits_a_lesson_and_a_cohort_on_their_pages(cast, course: Course, cohort: Cohort) -> None:
    lesson = course.lessons.first()
    old_title = lesson.title_ko
    client = client_for(cast.manager)
    lesson_url = f"/academy/manage/courses/{course.id}/lessons/{lesson.id}/edit/"
    cohort_url = f"/academy/manage/cohorts/{cohort.id}/edit/"

    shown = client.get(lesson_url).content.decode()
    saved = client.post(lesson_url, {"title_ko": "고친 강의", "title_en": "Edited", "body_ko": "본문", "minutes": 20})
    cohort_page = client.get(cohort_url).content.decode()

    lesson.refresh_from_db()
    assert old_title in shown and saved.status_code == 302
    assert (lesson.title_ko, lesson.minutes) == ("고친 강의", 20)
    assert 'data-testid="edit-form"' in cohort_page and 'data-testid="edit-locked"' not in cohort_page


def test_after_an_application_the_cohort_page_shows_the_fixed_fields_disabled(cast, cohort: Cohort) -> None:
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)

    page = client_for(cast.manager).get(f"/academy/manage/cohorts/{cohort.id}/edit/").content.decode()

    assert 'data-testid="edit-locked"' in page
    assert 'name="starts_on"' in page and "disabled" in page.split('name="starts_on"')[1].split(">")[0]


def test_an_outsider_cannot_edit_another_organizations_course(cast, course: Course, cohort: Cohort) -> None:
    with pytest.raises(NotFound):
        editing.course_update(actor=cast.outsider, course=course, title_ko="x")
    client = client_for(cast.outsider)

    answers = [
        client.get(f"/academy/manage/courses/{course.id}/edit/").status_code,
        client.post(f"/academy/manage/cohorts/{cohort.id}/edit/", {"venue": "x"}).status_code,
    ]

    assert answers == [404, 404]
