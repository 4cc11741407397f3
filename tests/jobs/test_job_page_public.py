"""A job on the board has a public page: a visitor reads it in full and is asked to log in only to join, and comes
back to it afterwards. A job that is not on the board is never shown to a visitor."""

from urllib.parse import quote

import pytest
from django.test import Client

from datadam.jobs import services
from datadam.jobs.models import JobPosting
from tests import factories
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def test_visitor_reads_an_open_job_with_pay_and_a_log_in_link_that_comes_back(posting: JobPosting) -> None:
    path = f"/jobs/{posting.project_id}/"

    response = Client().get(path)

    page = response.content.decode()
    assert response.status_code == 200
    assert "A 뉴스 분류" in page and 'data-testid="job-rate">120' in page
    assert f'href="/accounts/login/?next={path}"' in page
    assert 'data-testid="job-join"' not in page


def test_logging_in_from_the_job_comes_back_to_it(cast: Cast, posting: JobPosting) -> None:
    path = f"/jobs/{posting.project_id}/"
    credentials = {"username": "outsider", "password": factories.PASSWORD}

    answer = Client().post("/accounts/login/?next=" + quote(path), credentials)

    assert answer.status_code == 302 and answer.url == path


def test_visitor_is_asked_to_log_in_for_an_invite_only_or_missing_job_alike(cast: Cast) -> None:
    services.posting_publish(actor=cast.manager, project=cast.project, labeler_openings=5, location="A의 비밀 사무실")

    private = Client().get(f"/jobs/{cast.project.id}/")
    missing = Client().get("/jobs/999999/")

    assert private.status_code == missing.status_code == 302
    assert private.url == f"/accounts/login/?next=/jobs/{cast.project.id}/"
    assert "A의 비밀 사무실" not in private.content.decode()


def test_visitor_cannot_join_without_logging_in(posting: JobPosting) -> None:
    answer = Client().post(f"/jobs/{posting.project_id}/join/")

    assert answer.status_code == 302 and answer.url.startswith("/accounts/login/")
    assert not posting.project.memberships.exists()


def test_a_job_that_asks_for_a_course_links_a_visitor_to_the_courses_public_overview(
    posting: JobPosting, course
) -> None:
    page = Client().get(f"/jobs/{posting.project_id}/").content.decode()
    overview = Client().get(f"/academy/course/{course.code}/")

    assert f'href="/academy/course/{course.code}/"' in page
    assert overview.status_code == 200 and "텍스트 라벨링 기초" in overview.content.decode()
