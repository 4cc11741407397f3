"""A visitor reads a published course's overview by its code — what it teaches, its lessons and study time, its
open cohorts — and is asked to log in only to start; the lessons themselves stay for the people enrolled."""

import pytest
from django.test import Client

from datadam.academy.models import Cohort, Course
from datadam.academy.services import cohorts
from tests import factories
from tests.conftest import Cast, client_for

pytestmark = pytest.mark.django_db


def overview(course: Course) -> str:
    return f"/academy/course/{course.code}/"


def test_a_visitor_reads_the_course_and_is_asked_to_log_in_to_start(cohort: Cohort) -> None:
    course = cohort.course

    response = Client().get(overview(course))

    page = response.content.decode()
    assert response.status_code == 200
    assert "텍스트 라벨링 기초" in page and "감성이란" in page  # the title and the lesson's title
    assert "# 안녕" not in page  # not the lesson itself
    assert 'data-testid="study-time"' in page
    assert f'href="/accounts/login/?next={overview(course)}"' in page
    assert "로그인하고 시작하기" in page
    assert f'href="/academy/cohort/?code={cohort.code}"' in page and "30자리 남음" in page
    assert f"/academy/courses/{course.id}/" not in page


def test_the_catalogue_links_each_course_to_its_overview(cohort: Cohort) -> None:
    catalogue = Client().get("/academy/").content.decode()

    assert f'href="{overview(cohort.course)}"' in catalogue


def test_an_enrolled_trainee_goes_from_the_overview_to_the_study_page(cast: Cast, cohort: Cohort) -> None:
    trainee = factories.UserFactory()
    cohorts.cohort_apply(actor=trainee, cohort=cohort, consent=True)

    page = client_for(trainee).get(overview(cohort.course)).content.decode()

    assert f'href="/academy/courses/{cohort.course.id}/"' in page


def test_a_draft_course_has_no_public_overview_and_the_study_page_still_asks_to_log_in(course: Course) -> None:
    Course.objects.filter(id=course.id).update(published=False)

    assert Client().get(overview(course)).status_code == 404
    assert Client().get("/academy/course/NOSUCHCODE/").status_code == 404
    study = Client().get(f"/academy/courses/{course.id}/")
    assert study.status_code == 302 and study.url.startswith("/accounts/login/")


def test_the_course_list_in_the_api_gives_each_courses_public_code(cast: Cast, cohort: Cohort) -> None:
    listed = client_for(cast.outsider).get("/api/v1/academy/courses").json()

    codes = [course["code"] for course in listed]
    assert cohort.course.code in codes
    assert Client().get(overview(cohort.course)).status_code == 200
