"""A visitor reads the academy's catalogue and a cohort's page without an account: the seats left, a full cohort
said to be full (with the waiting list) before applying, how long the course takes, and applying asks to log in."""

import pytest
from django.test import Client

from datadam.academy import selectors
from datadam.academy.models import Cohort, Course
from datadam.academy.services import cohorts, courses
from datadam.core.errors import Invalid
from tests import factories
from tests.academy.builders import make_cohort
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def fill(cohort: Cohort, people: int) -> None:
    for _ in range(people):
        cohorts.cohort_apply(actor=factories.UserFactory(), cohort=cohort, consent=True)


def test_visitor_sees_the_catalogue_with_each_cohorts_seats_left(cohort: Cohort) -> None:
    fill(cohort, 2)

    response = Client().get("/academy/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "텍스트 라벨링 기초" in page
    assert "정원 30명 중 28자리 남음" in page
    assert "내 과정" not in page  # a visitor has no applications of their own


def test_a_full_first_come_cohort_says_full_and_offers_the_waiting_list_before_applying(
    cast: Cast, course: Course
) -> None:
    small = make_cohort(cast.manager, course, number=2, seats=2)
    fill(small, 2)

    catalogue = Client().get("/academy/").content.decode()
    public = Client().get(f"/academy/cohort/?code={small.code}").content.decode()

    assert "정원이 찼습니다 — 대기자 명단에 오릅니다" in catalogue
    assert "정원이 찼습니다 — 대기자 명단에 오릅니다" in public
    signed_in = factories.UserFactory()
    client = Client()
    client.force_login(signed_in)
    assert "대기자 명단에 오르기" in client.get(f"/academy/cohort/?code={small.code}").content.decode()


def test_applying_asks_a_visitor_to_log_in_and_comes_back_to_the_form(cohort: Cohort) -> None:
    apply_path = f"/academy/cohorts/{cohort.code}/apply/"

    public = Client().get(f"/academy/cohort/?code={cohort.code}").content.decode()
    answer = Client().get(apply_path)

    assert f'href="/accounts/login/?next={apply_path}"' in public
    assert answer.status_code == 302 and answer.url == f"/accounts/login/?next={apply_path}"


def test_study_time_comes_from_the_lessons_and_items_not_a_typed_figure(cast: Cast, cohort: Cohort) -> None:
    course = cohort.course
    words = " ".join(["단어"] * 300)  # two minutes of careful reading
    courses.lesson_create(actor=cast.manager, course=course, title_ko="긴 강의", title_en="Long", body_ko=words)

    minutes = selectors.course_minutes(course)

    # "# 안녕" reads in a minute, 300 words in two; two practice items; five evaluation items, a minute each.
    assert minutes == 1 + 2 + 2 + 5
    assert "약 10분" in Client().get("/academy/").content.decode()
    course.time_limit_minutes = 55
    course.save()
    assert selectors.course_minutes(course) == 1 + 2 + 2 + 55
    assert "약 1시간" in Client().get("/academy/").content.decode()


def test_an_explanation_citing_a_field_labelers_never_see_is_refused(cast: Cast, cohort: Cohort) -> None:
    review = {"text": "최고의 영화였다", "rating": 10}

    with pytest.raises(Invalid, match="rating"):
        courses.course_item_add(
            actor=cast.manager,
            course=cohort.course,
            data=review,
            gold={"sentiment": "positive"},
            use="practice",
            explanation_ko="별점이 10점이라 긍정입니다.",
        )
    fine = courses.course_item_add(
        actor=cast.manager,
        course=cohort.course,
        data=review,
        gold={"sentiment": "positive"},
        use="practice",
        explanation_ko="‘최고의 영화’라고 칭찬합니다. 긍정입니다.",
    )
    assert fine.explanation_ko.startswith("‘최고의 영화’")
