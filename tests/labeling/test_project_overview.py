"""The manager's project overview: labels at each stage, per day and per worker with charts beside their tables,
the median time per label, an estimated finish date, and the management links grouped by task."""

import datetime

from datadam.labeling import overview, services
from datadam.labeling.models import Annotation
from datadam.review import services as review
from tests.conftest import client_for


def _label(cast, worker, answer: str = "positive", seconds: int = 30):
    lease = services.assignment_lease_next(actor=worker, project=cast.project)
    annotation, _created = services.annotation_submit(
        actor=worker, assignment_id=lease.id, result={"sentiment": answer}
    )
    Annotation.objects.filter(id=annotation.id).update(active_seconds=seconds)  # a lease of seconds is too short
    return annotation


def test_each_label_is_counted_at_its_stage_and_the_stages_add_up(cast) -> None:
    first = _label(cast, cast.labeler, seconds=20)
    second = _label(cast, cast.labeler, seconds=40)
    _label(cast, cast.labeler2)
    services.assignment_lease_next(actor=cast.labeler2, project=cast.project)
    review.review_accept(actor=cast.reviewer, annotation_id=first.id)
    review.review_reject(actor=cast.reviewer, annotation_id=second.id, comment="다시 보세요")

    stages = overview.project_stages(cast.project)

    assert stages == {"waiting": 1, "leased": 1, "submitted": 1, "in_review": 0, "accepted": 1, "rejected": 1}
    assert sum(stages.values()) == len(cast.items)


def test_the_finish_date_follows_the_last_weeks_pace(cast) -> None:
    today = datetime.date(2026, 12, 5)
    per_day = [{"day": today, "count": 0}] * 7
    quiet = overview.finish_estimate({"waiting": 10, "leased": 0, "rejected": 0}, per_day, today=today)
    busy = overview.finish_estimate(
        {"waiting": 10, "leased": 2, "rejected": 2}, [{"day": today, "count": 2}] * 7, today=today
    )

    assert quiet["date"] is None
    assert (busy["days"], busy["date"]) == (7, datetime.date(2026, 12, 12))


def test_the_manager_reads_the_overview_with_its_tables_and_side_menu(cast) -> None:
    _label(cast, cast.labeler, seconds=20)
    _label(cast, cast.labeler, seconds=40)

    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/").content.decode()

    assert 'data-testid="project-overview"' in page and 'data-testid="manage-menu"' in page
    for group in ["설정", "사람", "데이터", "품질", "지급", "배포"]:
        assert f">{group}</h3>" in page
    workers = page.split('data-testid="workers-table"')[1].split("</table>")[0]
    assert str(cast.labeler) in workers and "30초" in workers
    assert 'id="chart-days"' in page and 'id="overview-data"' in page
    assert 'data-testid="finish-date"' in page


def test_a_labeler_sees_no_overview_and_an_outsider_gets_404(cast) -> None:
    page = client_for(cast.labeler).get(f"/projects/{cast.project.id}/").content.decode()

    assert 'data-testid="project-overview"' not in page and 'data-testid="manage-menu"' not in page
    assert client_for(cast.outsider).get(f"/projects/{cast.project.id}/").status_code == 404
