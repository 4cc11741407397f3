"""Accepted work earns money in an append-only ledger: once per piece of work, reversed when rejected,
and the database itself refuses to change or delete a row."""

import threading

import pytest
from django.db import DatabaseError, close_old_connections, connection, transaction

from datadam.core.errors import Invalid
from datadam.labeling import services as labeling
from datadam.pay import services as pay
from datadam.pay.models import LedgerEntry
from datadam.review import services as review
from tests import factories


@pytest.fixture
def paid_project(cast):
    cast.project.rate_per_item, cast.project.rate_per_review = 120, 30
    cast.project.save()
    return cast


def _submit(cast, answer: str = "positive", active_seconds: int = 0):
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    annotation, _ = labeling.annotation_submit(actor=cast.labeler, assignment_id=lease.id,
                                               result={"sentiment": answer}, active_seconds=active_seconds)
    return annotation


def _balance(user) -> int:
    return sum(LedgerEntry.objects.filter(worker=user).values_list("amount", flat=True))


def test_accepted_work_earns_the_labeler_the_rate_and_the_reviewer_the_review_rate(paid_project) -> None:
    annotation = _submit(paid_project)

    review.review_accept(actor=paid_project.reviewer, annotation_id=annotation.id)

    assert _balance(paid_project.labeler) == 120
    assert _balance(paid_project.reviewer) == 30
    entry = LedgerEntry.objects.get(worker=paid_project.labeler)
    assert (entry.kind, entry.source_type, entry.source_id, entry.currency) == ("earning", "annotation",
                                                                                  annotation.id, "KRW")


def test_submitted_work_earns_nothing_until_accepted(paid_project) -> None:
    _submit(paid_project)

    assert _balance(paid_project.labeler) == 0


def test_a_project_paying_on_submit_reverses_the_earning_when_the_work_is_rejected(paid_project) -> None:
    paid_project.project.pay_on = "submit"
    paid_project.project.save()
    annotation = _submit(paid_project)
    assert _balance(paid_project.labeler) == 120

    review.review_reject(actor=paid_project.reviewer, annotation_id=annotation.id, comment="다시 보세요")

    kinds = list(LedgerEntry.objects.filter(worker=paid_project.labeler).order_by("id").values_list("kind", "amount"))
    assert kinds == [("earning", 120), ("reversal", -120)]


def test_a_corrected_piece_of_work_earns_the_projects_share(paid_project) -> None:
    annotation = _submit(paid_project)

    review.review_correct(actor=paid_project.reviewer, annotation_id=annotation.id, result={"sentiment": "negative"})

    assert _balance(paid_project.labeler) == 60


def test_paying_twice_for_the_same_work_is_impossible(paid_project) -> None:
    annotation = _submit(paid_project)
    review.review_accept(actor=paid_project.reviewer, annotation_id=annotation.id)

    again = pay.ledger_earn_for_annotation(annotation=annotation)

    assert again is None
    assert LedgerEntry.objects.filter(worker=paid_project.labeler).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_accepting_the_same_work_at_once_make_one_earning() -> None:
    project = factories.ProjectFactory(rate_per_item=100)
    labeler = factories.ProjectMembershipFactory(project=project).user
    reviewers = [factories.ProjectMembershipFactory(project=project, role="reviewer").user for _ in range(2)]
    factories.ItemFactory(project=project)
    lease = labeling.assignment_lease_next(actor=labeler, project=project)
    annotation, _ = labeling.annotation_submit(actor=labeler, assignment_id=lease.id, result={"sentiment": "positive"})
    outcomes: list[str] = []
    close_old_connections()

    def accept(reviewer) -> None:
        try:
            review.review_accept(actor=reviewer, annotation_id=annotation.id)
            outcomes.append("accepted")
        except Exception as exc:  # the loser must get a Conflict, recorded for the assertion below
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(reviewer,)) for reviewer in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["Conflict", "accepted"]
    assert LedgerEntry.objects.filter(worker=labeler).count() == 1


def test_the_database_refuses_to_change_a_ledger_row(paid_project) -> None:
    annotation = _submit(paid_project)
    review.review_accept(actor=paid_project.reviewer, annotation_id=annotation.id)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE pay_ledgerentry SET amount = 999999")

    assert _balance(paid_project.labeler) == 120


def test_the_database_refuses_to_delete_a_ledger_row(paid_project) -> None:
    annotation = _submit(paid_project)
    review.review_accept(actor=paid_project.reviewer, annotation_id=annotation.id)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM pay_ledger_guard")  # only the test database has the flush permit
        cursor.execute("DELETE FROM pay_ledgerentry")

    assert _balance(paid_project.labeler) == 120


def test_a_manager_adjusts_pay_with_a_reason(paid_project) -> None:
    organization = paid_project.project.organization

    entry = pay.ledger_adjust(actor=paid_project.manager, organization=organization, worker=paid_project.labeler,
                              amount=-500, reason="중복 지급 정정")

    assert (entry.kind, entry.amount, entry.created_by) == ("adjustment", -500, paid_project.manager)


def test_an_adjustment_without_a_reason_is_refused(paid_project) -> None:
    with pytest.raises(Invalid):
        pay.ledger_adjust(actor=paid_project.manager, organization=paid_project.project.organization,
                          worker=paid_project.labeler, amount=500, reason="  ")

    assert not LedgerEntry.objects.exists()


def test_active_time_is_stored_but_never_more_than_the_lease_has_run(paid_project) -> None:
    annotation = _submit(paid_project, active_seconds=10_000)

    assert 0 <= annotation.active_seconds <= 5
