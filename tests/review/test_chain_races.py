"""Inspectors at two stages act on the same work at the same moment, on SQLite and on PostgreSQL alike: the
senior's verdict waits for the reviewer's, there is one verdict per stage per version, a repeated submit gives
back the first verdict, and no pay row is written twice."""

import threading
import time
from collections import Counter

import pytest
from django.db import close_old_connections, connection

from datadam.core.errors import Conflict, PermissionDenied
from datadam.labeling.models import Annotation
from datadam.pay.models import LedgerEntry
from datadam.projects.models import ProjectMembership
from datadam.review import services
from datadam.review.models import Review
from tests import factories
from tests.chain import add_second_stage, submit

PIECES = 6
DEADLINE_SECONDS = 60


@pytest.fixture
def chain(transactional_db):
    project = factories.ProjectFactory(rate_per_item=100, rate_per_review=10)
    add_second_stage(project, rate_per_review=20)
    people = {
        role: factories.ProjectMembershipFactory(project=project, role=role).user
        for role in (ProjectMembership.Role.LABELER, ProjectMembership.Role.REVIEWER)
    }
    senior = factories.ProjectMembershipFactory(project=project, role=ProjectMembership.Role.SENIOR_REVIEWER).user
    factories.ItemFactory.create_batch(PIECES, project=project)
    pieces = [submit(people["labeler"], project) for _ in range(PIECES)]
    close_old_connections()
    return project, people["labeler"], people["reviewer"], senior, pieces


def _run(*targets) -> None:
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE_SECONDS + 10)
    assert all(not thread.is_alive() for thread in threads)


def _in_thread(body, outcomes: list):
    def run() -> None:
        try:
            body()
        except Exception as exc:  # collected and asserted on, so a thread never dies silently
            outcomes.append(repr(exc))
        finally:
            connection.close()

    return run


def test_the_seniors_verdict_waits_for_the_reviewers_on_every_piece(chain) -> None:
    project, labeler, reviewer, senior, pieces = chain
    waited, failures = Counter(), []
    senior_tried = threading.Event()  # the senior runs ahead, so there is always a verdict to wait for

    def first_stage() -> None:
        senior_tried.wait(timeout=DEADLINE_SECONDS)
        for piece in pieces:
            services.review_accept(actor=reviewer, annotation_id=piece.id, stage=1)
            time.sleep(0.01)

    def second_stage() -> None:
        stop_at = time.monotonic() + DEADLINE_SECONDS
        for piece in pieces:
            while time.monotonic() < stop_at:
                try:
                    services.review_accept(actor=senior, annotation_id=piece.id, stage=2)
                    break
                except Conflict:
                    waited[piece.id] += 1  # still at the first stage: the senior must wait
                    senior_tried.set()
                    time.sleep(0.005)

    _run(_in_thread(first_stage, failures), _in_thread(second_stage, failures))

    assert not failures, failures[:3]
    for piece in pieces:
        first, second = Review.objects.filter(annotation=piece).order_by("stage")
        assert (first.stage, first.reviewer_id, second.stage, second.reviewer_id) == (1, reviewer.id, 2, senior.id)
        assert first.created_at <= second.created_at
    assert set(Annotation.objects.filter(id__in=[p.id for p in pieces]).values_list("status", flat=True)) == {
        "accepted"
    }
    assert sum(waited.values()) > 0  # the senior did run ahead and was held back
    assert LedgerEntry.objects.filter(worker=labeler).count() == PIECES
    assert LedgerEntry.objects.filter(worker=reviewer).count() == PIECES
    assert LedgerEntry.objects.filter(worker=senior).count() == PIECES


def test_a_verdict_sent_twice_at_once_is_recorded_and_paid_once(chain) -> None:
    _project, labeler, reviewer, _senior, pieces = chain
    given, failures = [], []

    def accept(piece) -> None:
        given.append(services.review_accept(actor=reviewer, annotation_id=piece.id, stage=1).id)

    _run(*(_in_thread(lambda piece=piece: accept(piece), failures) for piece in pieces for _twice in range(2)))

    assert not failures, failures[:3]
    assert len(given) == 2 * PIECES and len(set(given)) == PIECES
    assert Review.objects.filter(annotation__in=pieces).count() == PIECES
    assert LedgerEntry.objects.filter(worker=reviewer).count() == PIECES
    assert LedgerEntry.objects.filter(worker=labeler).count() == PIECES


def test_a_manager_holding_both_stages_judges_each_piece_at_one_stage_only(chain) -> None:
    project, _labeler, _reviewer, _senior, pieces = chain
    manager = factories.UserFactory()
    factories.OrganizationMembershipFactory(organization=project.organization, user=manager)
    refused, failures = Counter(), []

    def judge(stage: int) -> None:
        for piece in pieces:
            try:
                services.review_accept(actor=manager, annotation_id=piece.id, stage=stage)
            except (Conflict, PermissionDenied) as exc:
                refused[type(exc).__name__] += 1

    _run(_in_thread(lambda: judge(1), failures), _in_thread(lambda: judge(2), failures))

    assert not failures, failures[:3]
    per_piece = Counter(Review.objects.filter(reviewer=manager).values_list("annotation_id", flat=True))
    assert per_piece and max(per_piece.values()) == 1
