"""The public job board: what anyone sees, the filters, and what stays off it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from datadam.academy.models import Course
from datadam.core.errors import NotFound
from datadam.jobs import selectors, services
from datadam.jobs.models import JobPosting
from datadam.labeling.models import Annotation
from datadam.pay import offer
from datadam.projects.models import Project
from tests import factories
from tests.conftest import Cast, client_for
from tests.jobs.conftest import qualify
from tests.programmes.conftest import accepted_work

pytestmark = pytest.mark.django_db


def board_ids(**query: str) -> set[int]:
    board_filter = selectors.BoardFilter.from_query(query)
    return {
        posting.project_id for posting in selectors.job_list(actor=factories.UserFactory(), board_filter=board_filter)
    }


def test_anonymous_visitor_sees_an_open_job_with_pay_openings_and_work_remaining(
    posting: JobPosting, course: Course
) -> None:
    response = Client().get("/jobs/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "A 뉴스 분류" in text and "A 데이터" in text
    assert "120" in text and "100" in text and "10" in text
    assert 'data-testid="job-remaining">3' in text
    assert course.title in text  # the course that gives the qualification is named


def test_work_remaining_counts_open_item_slots(posting: JobPosting) -> None:
    posting.project.items.filter(id=posting.project.items.first().id).update(open_slots=0)

    job = selectors.job_list_public().get(id=posting.id)

    assert job.work_remaining == 2


def test_invite_only_hidden_closed_and_expired_projects_stay_off_the_board(cast: Cast, posting: JobPosting) -> None:
    services.posting_publish(actor=cast.manager, project=cast.project, labeler_openings=5)  # invite-only
    hidden = factories.ProjectFactory(organization=cast.project.organization, created_by=cast.manager, hidden=True)
    services.posting_publish(actor=cast.manager, project=hidden, labeler_openings=5)
    closed = factories.ProjectFactory(organization=cast.project.organization, created_by=cast.manager)
    services.posting_publish(actor=cast.manager, project=closed, is_open=False)
    expired = factories.ProjectFactory(organization=cast.project.organization, created_by=cast.manager)
    services.posting_publish(actor=cast.manager, project=expired, deadline=timezone.localdate() - timedelta(days=1))

    assert board_ids() == {posting.project_id}
    assert cast.project.name not in Client().get("/jobs/").content.decode()


def test_filters_by_data_type_mode_language_qualification_and_search(cast: Cast, posting: JobPosting) -> None:
    image = factories.ProjectFactory(
        organization=cast.project.organization, created_by=cast.manager, name="도로 사진 박스", data_type="image"
    )
    services.posting_publish(actor=cast.manager, project=image, mode="onsite", language="en", location="부산")

    assert board_ids(data_type="image") == {image.id}
    assert board_ids(data_type="text") == {posting.project_id}
    assert board_ids(mode="onsite") == {image.id}
    assert board_ids(language="ko") == {posting.project_id}
    assert board_ids(qualification="none") == {image.id}
    assert board_ids(q="부산") == {image.id}
    assert board_ids(q="뉴스") == {posting.project_id}
    assert board_ids(data_type="nonsense") == {image.id, posting.project_id}


def test_jobs_i_am_qualified_for_lists_only_those(cast: Cast, posting: JobPosting) -> None:
    board_filter = selectors.BoardFilter.from_query({"qualification": "mine"})

    assert not selectors.job_list(actor=cast.labeler, board_filter=board_filter).exists()
    qualify(cast.labeler)
    assert {job.project_id for job in selectors.job_list(actor=cast.labeler, board_filter=board_filter)} == {
        posting.project_id
    }


def test_outsider_gets_404_for_an_invite_only_projects_job_page(cast: Cast) -> None:
    services.posting_publish(actor=cast.manager, project=cast.project, labeler_openings=5)

    assert client_for(cast.outsider).get(f"/jobs/{cast.project.id}/").status_code == 404
    assert client_for(cast.manager).get(f"/jobs/{cast.project.id}/").status_code == 200  # staff preview
    with pytest.raises(NotFound):
        selectors.job_get_public(project_id=cast.project.id)


def test_project_without_a_posting_is_not_a_job(cast: Cast) -> None:
    project = factories.ProjectFactory(join_policy=Project.JoinPolicy.OPEN)

    assert client_for(cast.outsider).get(f"/jobs/{project.id}/").status_code == 404


def test_estimated_hourly_wage_comes_from_the_median_measured_pace(cast: Cast, posting: JobPosting) -> None:
    assert offer.estimated_hourly_wage(project=posting.project) is None  # nothing measured yet
    items = factories.ItemFactory.create_batch(5, project=posting.project)
    for item, seconds in zip(items, [30, 36, 36, 40, 300], strict=True):
        annotation = accepted_work(cast.labeler, item)
        Annotation.objects.filter(id=annotation.id).update(active_seconds=seconds)

    card = selectors.job_card(selectors.job_list_public().get(id=posting.id))

    assert card["wage_estimate"] == 120 * 3600 // 36 == 12000
    assert card["below_minimum"] is False
