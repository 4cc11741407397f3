"""A labeler reports a problem item beside Skip; the report waits in the manager's queue. An item reported for
personal data is held back from everyone at once until a manager releases it or removes it; the reporter's lease
ends cleanly, as a skip does."""

import pytest

from datadam.audit.models import AuditEvent
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.labeling import reports, services
from datadam.labeling.models import Assignment, ItemReport
from datadam.projects.models import Item
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def shared_item(cast) -> Item:
    """One item that two labelers label (overlap 2), the only work in the project."""
    Item.objects.filter(project=cast.project).delete()
    return factories.ItemFactory(project=cast.project, target_overlap=2, data={"text": "홍길동 010-1234-5678"})


def test_a_broken_item_is_reported_its_lease_ends_like_a_skip_and_others_still_get_it(cast, shared_item) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    response = client_for(cast.labeler).post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/report/", {"reason": "broken_file", "note": "안 열려요"}
    )

    lease.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/projects/{cast.project.id}/label/"
    assert lease.status == Assignment.Status.SKIPPED and lease.finished_at is not None
    assert services.assignment_lease_next(actor=cast.labeler, project=cast.project) is None  # never again to them
    assert services.assignment_lease_next(actor=cast.labeler2, project=cast.project).item_id == shared_item.id
    report = ItemReport.objects.get()
    assert (report.reason, report.note, report.withheld_slots) == ("broken_file", "안 열려요", None)
    assert AuditEvent.objects.filter(action="item.report").exists()


def test_personal_data_holds_the_item_back_from_everyone_at_once(cast, shared_item) -> None:
    mine = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    theirs = services.assignment_lease_next(actor=cast.labeler2, project=cast.project)

    reports.item_report(actor=cast.labeler, assignment_id=mine.id, reason="personal_data")

    theirs.refresh_from_db()
    shared_item.refresh_from_db()
    assert shared_item.open_slots == 0
    assert theirs.status == Assignment.Status.EXPIRED  # the other labeler's page no longer shows it
    page = client_for(cast.labeler2).get(f"/projects/{cast.project.id}/tasks/{theirs.id}/", follow=True)
    assert "홍길동" not in page.content.decode()
    third = factories.ProjectMembershipFactory(project=cast.project).user
    assert services.assignment_lease_next(actor=third, project=cast.project) is None
    assert ItemReport.objects.get().withheld_slots == 2  # the reporter's slot and the other labeler's


def test_the_manager_releases_a_held_item_and_it_goes_back_to_work(cast, shared_item) -> None:
    mine = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    report = reports.item_report(actor=cast.labeler, assignment_id=mine.id, reason="personal_data")
    client = client_for(cast.manager)

    queue = client.get(f"/projects/{cast.project.id}/reports/").content.decode()
    released = client.post(f"/projects/{cast.project.id}/reports/{report.id}/release/")

    shared_item.refresh_from_db()
    assert 'data-testid="report-queue"' in queue and "홍길동" in queue
    assert released.status_code == 302 and shared_item.open_slots == 2
    assert ItemReport.objects.get().status == ItemReport.Status.RELEASED
    assert services.assignment_lease_next(actor=cast.labeler2, project=cast.project).item_id == shared_item.id
    assert "홍길동" not in client.get(f"/projects/{cast.project.id}/reports/").content.decode()


def test_the_manager_removes_a_reported_item_and_nobody_gets_it_again(cast, shared_item) -> None:
    mine = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    report = reports.item_report(actor=cast.labeler, assignment_id=mine.id, reason="offensive")

    reports.item_report_decide(actor=cast.manager, project_id=cast.project.id, report_id=report.id, remove=True)

    shared_item.refresh_from_db()
    assert (shared_item.open_slots, shared_item.is_published) == (0, False)
    assert services.assignment_lease_next(actor=cast.labeler2, project=cast.project) is None
    with pytest.raises(Conflict):
        reports.item_report_decide(actor=cast.manager, project_id=cast.project.id, report_id=report.id, remove=False)


def test_a_made_up_reason_or_a_second_report_is_refused_and_nothing_is_lost(cast, shared_item) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    with pytest.raises(Invalid):
        reports.item_report(actor=cast.labeler, assignment_id=lease.id, reason="boring")
    lease.refresh_from_db()
    assert lease.status == Assignment.Status.ACTIVE  # the lease is untouched by a refused report
    reports.item_report(actor=cast.labeler, assignment_id=lease.id, reason="guideline_unclear")
    with pytest.raises(Conflict):
        reports.item_report(actor=cast.labeler, assignment_id=lease.id, reason="offensive")
    page = client_for(cast.labeler).post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/report/", {"reason": "offensive"}, follow=True
    )
    assert page.status_code == 200 and ItemReport.objects.count() == 1


def test_nobody_outside_the_projects_staff_sees_or_decides_reports(cast, shared_item) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    report = reports.item_report(actor=cast.labeler, assignment_id=lease.id, reason="personal_data")

    for person in [cast.labeler, cast.reviewer, cast.manager_b, cast.outsider]:
        client = client_for(person)
        assert client.get(f"/projects/{cast.project.id}/reports/").status_code == 404
        assert client.post(f"/projects/{cast.project.id}/reports/{report.id}/release/").status_code == 404
        with pytest.raises(NotFound):
            reports.item_report_decide(actor=person, project_id=cast.project.id, report_id=report.id, remove=True)
    assert (
        client_for(cast.outsider)
        .post(f"/projects/{cast.project.id}/tasks/{lease.id}/report/", {"reason": "offensive"})
        .status_code
        == 404
    )
    assert ItemReport.objects.get().status == ItemReport.Status.OPEN
    shared_item.refresh_from_db()
    assert shared_item.open_slots == 0


def test_the_task_page_offers_the_report_beside_skip_and_shows_the_pay(cast, shared_item) -> None:
    cast.project.rate_per_item = 50
    cast.project.save()
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    page = client_for(cast.labeler).get(f"/projects/{cast.project.id}/tasks/{lease.id}/").content.decode()

    assert f'action="/projects/{cast.project.id}/tasks/{lease.id}/report/"' in page
    assert page.index('data-testid="skip"') < page.index('data-testid="report-item"')
    assert 'data-testid="pay-line"' in page and "50" in page.split('data-testid="pay-rate"')[1][:40]
