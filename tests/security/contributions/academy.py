"""The academy's part of the isolation tests: a course of A's with a lesson, practice and evaluation items, an
open cohort where A's labeler is enrolled (with eligibility answers) and has an attempt in progress.

Public on purpose: the catalogue (published courses with open cohorts), a published course's overview found by its
code in the path, and the cohort page and the certificate check, both found by a code in the query string (no
database id in a public address). A cohort's code in the apply
path is not an id either: anyone may apply.
"""

from datadam.academy.models import Certificate, Qualification
from datadam.academy.services import cohorts, learning
from tests.academy.builders import make_cohort, make_course
from tests.security.shapes import AccountWide, ObjectsOfA

SECRET_LESSON = "A 강의의 비밀 본문"
SECRET_ANSWER = "A 지원자의 비밀 답변"

PUBLIC_ROUTES = {
    "academy/": "the catalogue: published courses open for applications, their cohorts and seats left",
    "academy/cohort/": "a cohort's public page (found by its code in the query), for other sites to link to",
    "academy/verify/": "anyone checks a certificate by its code; it shows only name, course and date",
    "academy/course/<str:course_code>/": "a published course's overview by its code: title, description, lesson "
    "titles, study time and open cohorts; lessons, practice and the evaluation stay for the people enrolled",
}
NOT_ID_PARAMS = {"cohort_code", "course_code"}
PERSONAL_PARAMS = {"attempt_id", "enrolment_id"}
ACCOUNT_WIDE_OPERATIONS = {
    ("GET", "/api/v1/academy/courses"): AccountWide(200, lists=None),  # published courses are open to all
    ("POST", "/api/v1/academy/cohorts/{cohort_code}/apply"): AccountWide(201, lists=None),  # anyone may apply
    ("GET", "/api/v1/academy/enrolments"): AccountWide(200, lists="enrolments"),
    ("GET", "/api/v1/academy/qualifications"): AccountWide(200, lists="qualifications"),
}
BODIES = {
    ("POST", "/api/v1/academy/courses/{course_id}/cohorts"): lambda a: {
        "number": 9,
        "enrol_opens_at": "2026-01-01T00:00:00Z",
        "enrol_closes_at": "2026-01-10T00:00:00Z",
        "starts_on": "2026-01-11",
        "ends_on": "2026-01-20",
        "seats": 10,
    },
    ("POST", "/api/v1/academy/practice-items/{course_item_id}/answer"): lambda a: {"answer": {"sentiment": "positive"}},
}


def objects_of_a(cast, a: ObjectsOfA) -> None:
    course = make_course(cast.manager, practice=1, evaluation=2)
    lesson = course.lessons.get()
    lesson.body_ko = SECRET_LESSON
    lesson.save()
    cohort = make_cohort(cast.manager, course, eligibility_questions=["사는 곳"], selection="first_come")
    enrolment, _created = cohorts.cohort_apply(
        actor=cast.labeler, cohort=cohort, answers={"사는 곳": SECRET_ANSWER}, consent=True
    )
    attempt = learning.evaluation_start(actor=cast.labeler, course=course)
    qualification = Qualification.objects.create(user=cast.labeler, data_type="text", role="labeler", course=course)
    Certificate.objects.create(user=cast.labeler, course=course, holder_name="labeler")
    practice_item = course.course_items.get(use="practice")
    a.ids |= {
        "course_id": course.id,
        "cohort_id": cohort.id,
        "cohort_code": cohort.code,
        "course_code": course.code,
        "lesson_id": lesson.id,
        "enrolment_id": enrolment.id,
        "attempt_id": attempt.id,
        "course_item_id": practice_item.id,
    }
    a.ids_by_kind |= {"enrolments": {enrolment.id}, "qualifications": {qualification.id}}
    evaluation_texts = [row.item.data["text"] for row in course.course_items.filter(use="evaluation")]
    a.secrets += [SECRET_LESSON, SECRET_ANSWER, *evaluation_texts]
