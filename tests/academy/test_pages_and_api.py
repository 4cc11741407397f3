"""The academy's pages and API: the trainee's path, the operator's pages, and bad input."""

import pytest
from django.core import mail

from datadam.academy.models import Cohort, Course, Enrolment, EvaluationAttempt
from datadam.academy.services import cohorts, courses, learning
from tests.academy.builders import evaluation_answers, make_cohort
from tests.conftest import Cast, client_for

COHORT_BODY = {
    "number": 5,
    "enrol_opens_at": "2026-12-01T00:00:00Z",
    "enrol_closes_at": "2026-12-10T00:00:00Z",
    "starts_on": "2026-12-11",
    "ends_on": "2026-12-20",
    "seats": 10,
}


def test_a_trainee_applies_on_the_public_page_studies_practises_and_passes(cast: Cast, cohort: Cohort) -> None:
    client = client_for(cast.outsider)
    public = client.get(f"/academy/cohort/?code={cohort.code}")
    assert public.status_code == 200 and "텍스트 라벨링 기초" in public.content.decode()

    applied = client.post(f"/academy/cohorts/{cohort.code}/apply/", {})
    again = client.post(f"/academy/cohorts/{cohort.code}/apply/", {}, follow=True)

    assert applied.status_code == 302
    assert "이미 지원했습니다" in again.content.decode()
    course = cohort.course
    assert client.get(f"/academy/courses/{course.id}/").status_code == 200
    wrong = client.post(f"/academy/courses/{course.id}/practice/", {"n": 1, "sentiment": "negative"})
    page = wrong.content.decode()
    assert 'data-correct="false"' in page and "positive" in page
    started = client.post(f"/academy/courses/{course.id}/evaluation/")
    attempt = EvaluationAttempt.objects.get(user=cast.outsider)
    assert started.url == f"/academy/attempts/{attempt.id}/"
    answers = {f"i{key}-sentiment": value["sentiment"] for key, value in evaluation_answers(attempt, right=5).items()}
    result = client.post(f"/academy/attempts/{attempt.id}/", answers, follow=True)
    assert 'data-testid="certificate-code"' in result.content.decode()
    code = cast.outsider.certificates.get().code
    verify = client_for(None).get(f"/academy/verify/?code={code}")
    assert verify.status_code == 200 and course.title_ko in verify.content.decode()
    assert client_for(None).get("/academy/verify/?code=NOPE").status_code == 404


def test_the_public_pages_need_no_login(cohort: Cohort) -> None:
    anonymous = client_for(None)

    assert anonymous.get("/academy/cohort/").status_code == 200
    assert anonymous.get(f"/academy/cohort/?code={cohort.code}").status_code == 200
    assert anonymous.get("/academy/cohort/?code=UNKNOWN").status_code == 404
    assert anonymous.get("/academy/verify/").status_code == 200


@pytest.mark.parametrize(
    "change", [{"seats": -3}, {"ends_on": "2026-12-01"}, {"enrol_closes_at": "2026-11-01T00:00:00Z"}]
)
def test_a_cohort_with_dates_in_the_wrong_order_or_negative_seats_answers_422(
    cast: Cast, course: Course, change: dict
) -> None:
    response = client_for(cast.manager).post(
        f"/api/v1/academy/courses/{course.id}/cohorts", COHORT_BODY | change, content_type="application/json"
    )

    assert response.status_code == 422, response.content
    assert not Cohort.objects.exists()


def test_a_cohort_form_with_negative_seats_answers_422(cast: Cast, course: Course) -> None:
    form = {
        "number": 1,
        "mode": "online",
        "selection": "first_come",
        "enrol_opens_at": "2026-12-01T09:00",
        "enrol_closes_at": "2026-12-10T09:00",
        "starts_on": "2026-12-11",
        "ends_on": "2026-12-20",
        "seats": -1,
        "sessions": 0,
        "required_attendance": 0,
    }
    response = client_for(cast.manager).post(f"/academy/manage/courses/{course.id}/cohorts/new/", form)

    assert response.status_code == 422
    assert not Cohort.objects.exists()


def test_another_organizations_cohort_and_course_ids_answer_404(cast: Cast, cohort: Cohort) -> None:
    client = client_for(cast.manager_b)
    course = cohort.course

    for path in [
        f"/academy/manage/cohorts/{cohort.id}/",
        f"/academy/manage/courses/{course.id}/",
        f"/academy/courses/{course.id}/",
        f"/api/v1/academy/cohorts/{cohort.id}/enrolments",
        f"/api/v1/academy/courses/{course.id}",
    ]:
        assert client.get(path).status_code == 404, path
    response = client.post(f"/api/v1/academy/courses/{course.id}/cohorts", COHORT_BODY, content_type="application/json")
    assert response.status_code == 404


def test_the_operator_selects_an_applicant_and_records_attendance(
    cast: Cast, course: Course, django_capture_on_commit_callbacks
) -> None:
    cohort = make_cohort(cast.manager, course, selection="review", sessions=2, required_attendance=2)
    cast.labeler.email = "l@example.org"
    cast.labeler.save()
    enrolment, _ = cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    client = client_for(cast.manager)
    assert str(cast.labeler) in client.get(f"/academy/manage/cohorts/{cohort.id}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/academy/manage/enrolments/{enrolment.id}/select/")
    client.post(f"/academy/manage/cohorts/{cohort.id}/attendance/", {f"a-{enrolment.id}-1": "on"})

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED and len(mail.outbox) == 1
    assert list(enrolment.attendance.values_list("session", "present")) == [(1, True), (2, False)]
    attempt = learning.evaluation_start(actor=cast.labeler, course=course)
    learning.evaluation_submit(actor=cast.labeler, attempt=attempt, answers=evaluation_answers(attempt, right=5))
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED  # one session short of the two asked for
    client.post(
        f"/academy/manage/cohorts/{cohort.id}/attendance/", {f"a-{enrolment.id}-1": "on", f"a-{enrolment.id}-2": "on"}
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def test_the_manager_creates_a_course_with_its_hidden_project(cast: Cast) -> None:
    form = {
        "organization": cast.project.organization_id,
        "title_ko": "이미지 기초",
        "title_en": "Image basics",
        "data_types": ["text"],
        "schema": '{"controls": [{"type": "choices", "name": "c", "labels": ["a", "b"]}]}',
        "labeler_threshold": 0.7,
        "reviewer_threshold": 0.9,
        "evaluation_mode": "fixed",
        "evaluation_size": 5,
        "max_attempts": 3,
        "cooldown_minutes": 10,
    }
    response = client_for(cast.manager).post("/academy/manage/", form)

    course = Course.objects.get(title_en="Image basics")
    assert response.status_code == 302 and course.item_project.hidden
    refused = client_for(cast.manager).post("/academy/manage/", form | {"max_attempts": 0})
    assert refused.status_code == 200  # the form comes back with its error
    assert Course.objects.count() == 1


def test_the_api_apply_twice_answers_the_existing_enrolment(cast: Cast, cohort: Cohort) -> None:
    client = client_for(cast.outsider)

    first = client.post(f"/api/v1/academy/cohorts/{cohort.code}/apply", {}, content_type="application/json")
    second = client.post(f"/api/v1/academy/cohorts/{cohort.code}/apply", {}, content_type="application/json")

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


def test_an_attempt_during_the_cool_down_answers_409(cast: Cast, cohort: Cohort) -> None:
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)
    client = client_for(cast.labeler)
    attempt = client.post(f"/api/v1/academy/courses/{cohort.course_id}/attempts").json()
    client.post(f"/api/v1/academy/attempts/{attempt['id']}/submit", {"answers": {}}, content_type="application/json")

    response = client.post(f"/api/v1/academy/courses/{cohort.course_id}/attempts")

    assert response.status_code == 409


def test_lesson_markdown_is_rendered_safely(cast: Cast, cohort: Cohort) -> None:
    lesson = courses.lesson_create(
        actor=cast.manager,
        course=cohort.course,
        title_ko="위험한 강의",
        title_en="Risky",
        body_ko="# 제목\n\n<script>alert(1)</script>\n\n![그림](https://example.org/a.png)\n\n[x](javascript:alert(1))",
    )
    cohorts.cohort_apply(actor=cast.labeler, cohort=cohort)

    page = client_for(cast.labeler).get(f"/academy/courses/{cohort.course_id}/lessons/{lesson.id}/").content.decode()

    assert "<h1>제목</h1>" in page and '<img src="https://example.org/a.png" alt="그림">' in page
    assert "<script>alert(1)" not in page and 'href="javascript' not in page
