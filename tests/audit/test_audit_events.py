"""Managers read who did what in their organization's projects; nobody reads another organization's log."""

from datadam.audit.models import AuditEvent
from datadam.labeling import services as labeling
from datadam.review import services as review
from tests.conftest import client_for


def _a_labeled_and_reviewed_item(cast) -> None:
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}
    )
    review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)


def test_every_step_of_the_loop_leaves_an_event_with_who_and_what(cast) -> None:
    _a_labeled_and_reviewed_item(cast)

    events = list(AuditEvent.objects.order_by("id").values_list("action", "actor__username", "project_id"))

    assert events == [
        ("assignment.lease", "labeler", cast.project.id),
        ("annotation.submit", "labeler", cast.project.id),
        ("review.accept", "reviewer", cast.project.id),
    ]


def test_the_manager_filters_the_log_by_action_and_person(cast) -> None:
    _a_labeled_and_reviewed_item(cast)
    client = client_for(cast.manager)

    by_action = client.get("/api/v1/audit-events", {"action": "review"}).json()
    by_person = client.get("/api/v1/audit-events", {"username": "labeler"}).json()

    assert [e["action"] for e in by_action["items"]] == ["review.accept"]
    assert {e["action"] for e in by_person["items"]} == {"assignment.lease", "annotation.submit"}


def test_another_organization_sees_none_of_the_log(cast) -> None:
    _a_labeled_and_reviewed_item(cast)

    response = client_for(cast.manager_b).get("/api/v1/audit-events")
    page = client_for(cast.manager_b).get("/audit/").content.decode()

    assert response.json()["count"] == 0
    assert "annotation.submit" not in page


def test_a_labeler_sees_no_log(cast) -> None:
    _a_labeled_and_reviewed_item(cast)

    assert client_for(cast.labeler).get("/api/v1/audit-events").json()["count"] == 0


def test_the_log_page_shows_the_events_newest_first(cast) -> None:
    _a_labeled_and_reviewed_item(cast)

    page = client_for(cast.manager).get("/audit/").content.decode()
    table = page[page.index("<tbody>") :]

    assert table.index("review.accept") < table.index("annotation.submit") < table.index("assignment.lease")

