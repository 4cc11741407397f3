"""The history checker itself: it passes an honest history and reports each kind of broken promise, so that a
clean report from the load tests means something."""

import time

import pytest

from bench import history
from bench.history import Event
from datadam.labeling import services
from datadam.labeling.models import Annotation
from tests import factories

RESULT = {"sentiment": "positive"}


class Story:
    """Real rows written through the labeling services, and the history a client would have recorded."""

    def __init__(self, overlap: int = 2, workers: int = 2) -> None:
        self.project = factories.ProjectFactory()
        self.item = factories.ItemFactory(project=self.project, target_overlap=overlap)
        self.workers = [factories.ProjectMembershipFactory(project=self.project).user for _ in range(workers)]
        self.events: list[Event] = []
        self.clock = time.time()

    def _at(self) -> tuple[float, float]:
        self.clock += 1
        return self.clock, self.clock + 0.5

    def lease(self, client: int):
        lease = services.assignment_lease_next(actor=self.workers[client], project=self.project)
        self.next_answered(client, lease)
        return lease

    def next_answered(self, client: int, lease) -> None:
        answer = {"id": lease.id, "item": lease.item_id, "status": "active", "expires_at": lease.expires_at.timestamp()}
        self.events.append(Event(client, "next", self.project.id, *self._at(), 200, answer))

    def submit(self, client: int, lease) -> Annotation:
        worker = self.workers[client]
        annotation, created = services.annotation_submit(actor=worker, assignment_id=lease.id, result=RESULT)
        self.submit_answered(client, lease, annotation.id, 201 if created else 200)
        return annotation

    def submit_answered(self, client: int, lease, annotation_id: int, status: int = 200) -> None:
        answer = {"id": annotation_id, "assignment": lease.id, "item": lease.item_id}
        self.events.append(Event(client, "submit", lease.id, *self._at(), status, answer, RESULT))

    def skip(self, client: int, lease) -> None:
        services.assignment_skip(actor=self.workers[client], assignment_id=lease.id)
        self.events.append(Event(client, "skip", lease.id, *self._at(), 200, {"status": "skipped"}))

    def check(self) -> history.Report:
        run = history.Run(
            base_url="http://127.0.0.1:9", project_id=self.project.id, tokens=[""], loops=0, max_seconds=0, results=[]
        )
        run.events = self.events
        return history.check(run, [worker.id for worker in self.workers])


@pytest.fixture
def story(db) -> Story:
    return Story()


def test_an_honest_history_with_a_retry_and_a_skip_passes(story: Story) -> None:
    first = story.lease(0)
    story.submit(0, first)
    story.submit(0, first)  # the client's retry, answered 200 with the same annotation
    other = story.lease(1)
    story.skip(1, other)

    report = story.check()

    assert report.ok, report.violations
    assert report.counts["by_op"]["submit"] == {"201": 1, "200": 1}


def test_an_acknowledged_submit_that_is_not_stored_is_reported(story: Story) -> None:
    lease = story.lease(0)
    story.submit(0, lease).delete()

    assert any("acknowledged, but 0 annotations are stored" in v for v in story.check().violations)


def test_a_retry_answered_with_another_annotation_is_reported(story: Story) -> None:
    lease = story.lease(0)
    annotation = story.submit(0, lease)
    story.submit_answered(0, lease, annotation.id + 1000)

    assert any("answered with different annotations" in v for v in story.check().violations)


def test_a_skipped_item_handed_back_to_the_same_person_is_reported(story: Story) -> None:
    lease = story.lease(0)
    story.skip(0, lease)
    story.next_answered(0, lease)

    assert any("skipped item" in v and "got it back" in v for v in story.check().violations)


def test_an_item_held_by_more_people_than_its_overlap_is_reported(db) -> None:
    story = Story(overlap=1)
    story.lease(0)
    # A second hand-out of the same item, written past the services as a broken lease would write it.
    second = factories.AssignmentFactory(item=story.item, worker=story.workers[1])
    story.next_answered(1, second)

    violations = story.check().violations

    assert any("held by 2 people at once for an overlap of 1" in v for v in violations)
    assert any("2 live leases for an overlap of 1" in v for v in violations)


def test_a_server_error_is_reported(story: Story) -> None:
    story.events.append(Event(0, "next", story.project.id, *story._at(), 500, {"body": "Server Error"}))

    assert any("server errors" in v for v in story.check().violations)
