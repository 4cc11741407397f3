"""A manager reads what the organization owes each worker for a month, downloads it for payroll, and adds a
bonus or an adjustment with a reason the worker will see. Nobody outside the organization sees any of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from datadam.audit.models import AuditEvent
from datadam.core.errors import Invalid
from datadam.labeling import services as labeling
from datadam.labeling.models import Assignment
from datadam.pay import services as pay
from datadam.pay.models import LedgerEntry
from datadam.pay.selectors import Period
from datadam.review import services as review
from tests.conftest import client_for

MONTH = Period.current()


@pytest.fixture
def paid(cast):
    """The labeler's work accepted at 120 won, the reviewer paid 30 won for the review."""
    cast.project.rate_per_item, cast.project.rate_per_review = 120, 30
    cast.project.save()
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}
    )
    review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
    return cast


def payroll_url(cast, suffix: str = "/", period: Period = MONTH) -> str:
    return f"/pay/payroll/{cast.project.organization_id}/{period}{suffix}"


def test_manager_sees_each_workers_total_for_the_month(paid) -> None:
    response = client_for(paid.manager).get(payroll_url(paid), headers={"accept-language": "en"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "labeler" in page and "reviewer" in page
    assert '<td class="amount" data-testid="payroll-total"><strong>150 won</strong>' in page


def test_manager_downloads_the_payroll_as_a_csv_for_excel(paid) -> None:
    response = client_for(paid.manager).get(payroll_url(paid, ".csv"))

    lines = response.content.decode("utf-8").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0] == "\ufeffusername,name,entries,total,currency"
    assert [line.split(",")[0] for line in lines[1:]] == ["labeler", "reviewer", "(total)"]
    assert lines[-1] == "(total),,,150,KRW"


@pytest.mark.parametrize("suffix", ["/", ".csv"])
def test_another_organizations_manager_gets_404_for_the_payroll(paid, suffix: str) -> None:
    response = client_for(paid.manager_b).get(payroll_url(paid, suffix))

    assert response.status_code == 404
    assert "labeler" not in response.content.decode()


def test_a_labeler_of_the_project_gets_404_for_the_payroll(paid) -> None:
    assert client_for(paid.labeler).get(payroll_url(paid)).status_code == 404


def test_manager_adds_a_bonus_and_the_worker_sees_it_with_the_reason(paid) -> None:
    response = client_for(paid.manager).post(
        payroll_url(paid), {"username": "labeler2", "kind": "bonus", "amount": "5000", "reason": "주말 지원 감사"}
    )

    assert response.status_code == 302 and response["Location"] == payroll_url(paid)
    entry = LedgerEntry.objects.get(worker=paid.labeler2)
    assert (entry.kind, entry.amount, entry.reason, entry.created_by) == ("bonus", 5000, "주말 지원 감사", paid.manager)
    assert AuditEvent.objects.filter(action="ledger.bonus", actor=paid.manager).exists()
    assert "주말 지원 감사" in client_for(paid.labeler2).get(f"/pay/statements/{MONTH}/").content.decode()


def test_an_adjustment_without_a_reason_is_refused_and_nothing_is_written(paid) -> None:
    before = LedgerEntry.objects.count()

    response = client_for(paid.manager).post(
        payroll_url(paid), {"username": "labeler", "kind": "adjustment", "amount": "-120", "reason": "   "}
    )

    assert response.status_code == 422
    assert 'id="id_reason-error"' in response.content.decode()
    assert LedgerEntry.objects.count() == before


def test_the_services_refusal_is_shown_on_the_form_and_nothing_is_written(paid) -> None:
    before = LedgerEntry.objects.count()

    response = client_for(paid.manager).post(
        payroll_url(paid),
        {"username": "labeler", "kind": "adjustment", "amount": "0", "reason": "실수"},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 422
    assert "The amount must be a whole number other than 0, up to 100,000,000." in response.content.decode()
    assert LedgerEntry.objects.count() == before


def test_a_bonus_for_someone_who_does_not_work_for_the_organization_is_refused(paid) -> None:
    with pytest.raises(Invalid):
        pay.ledger_adjust(
            actor=paid.manager, organization=paid.project.organization, worker=paid.outsider, amount=100, reason="x"
        )

    response = client_for(paid.manager).post(
        payroll_url(paid), {"username": "outsider", "kind": "bonus", "amount": "100", "reason": "x"}
    )

    assert response.status_code == 422
    assert not LedgerEntry.objects.filter(worker=paid.outsider).exists()


def test_an_outsider_posting_an_adjustment_gets_404_and_nothing_is_written(paid) -> None:
    before = LedgerEntry.objects.count()

    response = client_for(paid.manager_b).post(
        payroll_url(paid), {"username": "labeler", "kind": "bonus", "amount": "100000", "reason": "x"}
    )

    assert response.status_code == 404
    assert LedgerEntry.objects.count() == before


def test_staff_see_the_projects_hourly_wage_and_a_warning_when_the_median_is_below_the_minimum(cast) -> None:
    cast.project.rate_per_item = 120
    cast.project.save()
    for _ in cast.items:  # five pieces of work, a minute of measured activity each: 7,200 won an hour
        lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
        Assignment.objects.filter(id=lease.id).update(leased_at=timezone.now() - timedelta(minutes=10))
        annotation, _ = labeling.annotation_submit(
            actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}, active_seconds=60
        )
        review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/", headers={"accept-language": "en"})
    labelers_view = client_for(cast.labeler).get(f"/projects/{cast.project.id}/").content.decode()

    text = page.content.decode()
    assert '<strong data-testid="median-wage">7,200 won an hour</strong>' in text
    assert '<strong data-testid="below-share">100%</strong>' in text
    assert 'data-testid="wage-warning"' in text
    # 60 s × 10,320 won/h ÷ 3,600 × 1.2 = 206.4, rounded up to 210 won.
    assert "Suggested rate per item: 210 won." in text
    assert payroll_url(cast) in text
    assert 'data-testid="wage-figures"' not in labelers_view
