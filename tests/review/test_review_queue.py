"""One queue across the projects and stages a reviewer holds: the oldest work first, whichever project it is
in; verdicts given from the queue lead on to the next piece in it; a paused project is passed over."""

from datadam.projects.models import ProjectMembership
from datadam.quality import gold_reviews
from datadam.quality import services as quality
from datadam.quality.models import GoldReviewServe, WorkerPause
from datadam.review import services, work_queue
from tests import factories
from tests.chain import add_second_stage, add_senior, submit
from tests.conftest import client_for


def _second_project(cast):
    """Another project of A's organization where the same reviewer inspects and labeler2 labels."""
    project = factories.ProjectFactory(organization=cast.project.organization, name="A 두 번째")
    factories.ProjectMembershipFactory(project=project, user=cast.reviewer, role=ProjectMembership.Role.REVIEWER)
    factories.ProjectMembershipFactory(project=project, user=cast.labeler2)
    factories.ItemFactory.create_batch(2, project=project)
    return project


def test_the_oldest_work_comes_first_across_projects(cast) -> None:
    other = _second_project(cast)
    oldest = submit(cast.labeler2, other)
    newer = submit(cast.labeler, cast.project)
    reviewer = client_for(cast.reviewer)

    first = reviewer.get("/projects/review/next/")
    assert first.url == f"/projects/{other.id}/review/{oldest.id}/"
    after = reviewer.post(f"{first.url}accept/", {"active_seconds": "5"})

    assert after.url == "/projects/review/next/"
    assert reviewer.get(after.url).url == f"/projects/{cast.project.id}/review/{newer.id}/"


def test_the_queue_page_lists_each_project_and_stage_held(cast) -> None:
    other = _second_project(cast)
    add_second_stage(cast.project)
    senior = add_senior(cast.project)
    factories.ProjectMembershipFactory(project=other, user=senior, role=ProjectMembership.Role.REVIEWER)
    work = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=work.id, stage=1)

    rows = work_queue.review_queue(actor=senior)

    assert [(row.project.id, row.stage.position, row.waiting) for row in rows] == [
        (cast.project.id, 2, 1),
        (other.id, 1, 0),
    ]
    page = client_for(senior).get("/projects/review/").content.decode()
    assert "2차 검수" in page and 'data-testid="queue-start"' in page


def test_a_paused_project_is_passed_over(cast) -> None:
    other = _second_project(cast)
    submit(cast.labeler2, other)
    later = submit(cast.labeler, cast.project)
    quality.worker_pause(project=other, worker=cast.reviewer, reason="검수 멈춤", role=WorkerPause.Role.REVIEW)

    assert work_queue.review_next(actor=cast.reviewer).id == later.id
    assert "검수 멈춤" in client_for(cast.reviewer).get("/projects/review/").content.decode()


def test_someone_without_a_review_role_has_an_empty_queue(cast) -> None:
    submit(cast.labeler, cast.project)

    assert work_queue.review_queue(actor=cast.labeler) == []
    assert work_queue.review_next(actor=cast.outsider) is None
    assert client_for(cast.outsider).get("/projects/review/").status_code == 200


def test_a_check_left_open_in_a_project_the_reviewer_left_does_not_block_the_queue(cast) -> None:
    other = _second_project(cast)
    gold = quality.gold_item_create(
        actor=cast.manager, project=other, data={"text": "점검"}, answer={"sentiment": "positive"}
    )
    check = gold_reviews.gold_review_create(
        actor=cast.manager, project=other, gold_id=gold.id, expected="reject", result={"sentiment": "negative"}
    )
    GoldReviewServe.objects.create(gold_review=check, reviewer=cast.reviewer)
    ProjectMembership.objects.filter(project=other, user=cast.reviewer).delete()
    work = submit(cast.labeler, cast.project)

    assert work_queue.review_next(actor=cast.reviewer) == work
