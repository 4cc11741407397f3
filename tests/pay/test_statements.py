"""A worker reads what they earned: a monthly statement that adds up to the ledger to the won, as a page that
prints, a CSV that Excel opens, and JSON; and the hourly wage their pay works out to, against the minimum wage."""

from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from datadam.core.errors import Invalid
from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation, Assignment
from datadam.pay import selectors
from datadam.pay import services as pay
from datadam.pay.models import LedgerEntry
from datadam.pay.selectors import Period
from datadam.review import services as review
from tests.conftest import client_for

MONTH = Period.current()


@pytest.fixture
def paid(cast):
    cast.project.rate_per_item, cast.project.rate_per_review = 120, 30
    cast.project.save()
    return cast


def accepted_work(cast, *, active_seconds: int = 60, labeler=None) -> Annotation:
    """One piece of work, labeled with `active_seconds` of measured activity in a ten-minute lease, then accepted."""
    labeler = labeler or cast.labeler
    lease = labeling.assignment_lease_next(actor=labeler, project=cast.project)
    Assignment.objects.filter(id=lease.id).update(leased_at=timezone.now() - timedelta(minutes=10))
    annotation, _ = labeling.annotation_submit(
        actor=labeler, assignment_id=lease.id, result={"sentiment": "positive"}, active_seconds=active_seconds
    )
    review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
    return annotation


@contextmanager
def written_on(moment: datetime):
    """Rows created inside are stamped with `moment` (the ledger cannot be back-dated afterwards)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def statement_url(period: object, suffix: str = "/") -> str:
    return f"/pay/statements/{period}{suffix}"


# ---- the statement


def test_a_statement_adds_up_to_the_ledger_of_the_month_to_the_won(paid) -> None:
    paid.project.pay_on = "submit"
    paid.project.save()
    with written_on(timezone.make_aware(datetime.combine(MONTH.previous.first_day, datetime.min.time()))):
        pay.ledger_adjust(
            actor=paid.manager,
            organization=paid.project.organization,
            worker=paid.labeler,
            amount=9_999,
            reason="지난달 보너스",
            kind="bonus",
        )
    kept = accepted_work(paid)
    lease = labeling.assignment_lease_next(actor=paid.labeler, project=paid.project)
    rejected, _ = labeling.annotation_submit(
        actor=paid.labeler, assignment_id=lease.id, result={"sentiment": "negative"}
    )
    review.review_reject(actor=paid.reviewer, annotation_id=rejected.id, comment="다시 보세요")
    pay.ledger_adjust(
        actor=paid.manager,
        organization=paid.project.organization,
        worker=paid.labeler,
        amount=-45,
        reason="중복 지급 정정",
    )

    statement = selectors.statement_get(actor=paid.labeler, period=MONTH)

    start, end = MONTH.bounds
    ledger = LedgerEntry.objects.filter(worker=paid.labeler, created_at__gte=start, created_at__lt=end)
    assert [entry.id for entry in statement["entries"]] == list(ledger.order_by("id").values_list("id", flat=True))
    assert statement["total"] == sum(ledger.values_list("amount", flat=True)) == 120 + 120 - 120 - 45
    assert kept.id in {entry.source_id for entry in statement["entries"]}
    assert selectors.statement_get(actor=paid.labeler, period=MONTH.previous)["total"] == 9_999


def test_three_items_at_120_won_with_a_minute_of_work_each_pay_7200_won_an_hour(paid) -> None:
    for _ in range(3):
        accepted_work(paid, active_seconds=60)

    statement = selectors.statement_get(actor=paid.labeler, period=MONTH)
    overview = selectors.earnings_overview(actor=paid.labeler)

    assert (statement["total"], statement["active_seconds"]) == (360, 180)
    assert statement["hourly"] == 7_200  # 360 won / 0.05 h
    assert overview["minimum_wage"] == 10_320
    assert overview["below_minimum"]


def test_a_reviewers_hourly_wage_counts_the_time_they_spent_reviewing(paid) -> None:
    for _ in range(3):
        lease = labeling.assignment_lease_next(actor=paid.labeler, project=paid.project)
        annotation, _ = labeling.annotation_submit(
            actor=paid.labeler, assignment_id=lease.id, result={"sentiment": "positive"}, active_seconds=60
        )
        review.review_accept(actor=paid.reviewer, annotation_id=annotation.id, active_seconds=30)

    statement = selectors.statement_get(actor=paid.reviewer, period=MONTH)

    assert (statement["total"], statement["active_seconds"]) == (90, 90)
    assert statement["hourly"] == 3_600  # 90 won / 0.025 h


def test_the_earnings_page_warns_in_plain_words_when_pay_is_below_the_minimum_wage(paid) -> None:
    for _ in range(3):
        accepted_work(paid, active_seconds=60)

    response = client_for(paid.labeler).get("/pay/", headers={"accept-language": "en"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="below-minimum"' in page
    assert "you earned 7,200 won an hour. That is less than the minimum wage of 10,320 won an hour." in page
    assert "360 won" in page and "A 감성 분류" in page
    assert statement_url(MONTH) in page


def test_pay_at_the_minimum_wage_or_above_shows_no_warning(paid) -> None:
    paid.project.rate_per_item = 200
    paid.project.save()
    accepted_work(paid, active_seconds=60)

    page = client_for(paid.labeler).get("/pay/", headers={"accept-language": "en"}).content.decode()

    assert 'data-testid="below-minimum"' not in page
    assert "12,000 won an hour" in page


def test_work_waiting_for_review_shows_as_pending_not_as_earned(paid) -> None:
    lease = labeling.assignment_lease_next(actor=paid.labeler, project=paid.project)
    labeling.annotation_submit(actor=paid.labeler, assignment_id=lease.id, result={"sentiment": "positive"})

    overview = selectors.earnings_overview(actor=paid.labeler)

    assert (overview["month"]["total"], overview["pending_total"]) == (0, 120)
    assert overview["pending"][0]["pieces"] == 1


def test_the_statement_page_lists_each_project_and_day_and_the_total_and_offers_print_and_csv(paid) -> None:
    accepted_work(paid)
    pay.ledger_adjust(
        actor=paid.manager,
        organization=paid.project.organization,
        worker=paid.labeler,
        amount=1_000,
        reason="주말 작업 보너스",
        kind="bonus",
    )

    response = client_for(paid.labeler).get(statement_url(MONTH), headers={"accept-language": "en"})

    page = response.content.decode()
    assert response.status_code == 200
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == 2
    assert "주말 작업 보너스" in page and "A 감성 분류" in page
    assert '<strong data-testid="statement-total">1,120 won</strong>' in page
    assert "data-print" in page and statement_url(MONTH, ".csv") in page


def test_the_statement_csv_opens_in_excel_with_one_row_per_entry_and_a_total(paid) -> None:
    accepted_work(paid)
    pay.ledger_adjust(
        actor=paid.manager,
        organization=paid.project.organization,
        worker=paid.labeler,
        amount=-20,
        reason='=HYPERLINK("http://evil")',
    )

    response = client_for(paid.labeler).get(statement_url(MONTH, ".csv"))

    body = response.content.decode("utf-8")
    lines = body.splitlines()
    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="datadam-statement-{MONTH}.csv"' in response["Content-Disposition"]
    assert body.startswith("\ufeff")
    assert lines == [
        "\ufeffdate,project,kind,amount,currency,reason",
        f"{today},A 감성 분류,earning,120,KRW,",
        f'{today},,adjustment,-20,KRW,"\'=HYPERLINK(""http://evil"")"',
        "(total),,,100,KRW,",
    ]


def test_the_statement_api_answers_the_callers_own_statement(paid) -> None:
    annotation = accepted_work(paid)

    response = client_for(paid.labeler).get(f"/api/v1/pay/statements/{MONTH}")

    body = response.json()
    assert response.status_code == 200
    assert (body["period"], body["total"], body["currency"], body["active_seconds"]) == (str(MONTH), 120, "KRW", 60)
    assert body["hourly"] == 7_200
    (entry,) = body["entries"]
    assert (entry["kind"], entry["amount"], entry["project_name"]) == ("earning", 120, "A 감성 분류")
    assert LedgerEntry.objects.get(id=entry["id"]).source_id == annotation.id


def test_a_worker_sees_only_their_own_earnings(paid) -> None:
    accepted_work(paid)

    statement = client_for(paid.labeler2).get(f"/api/v1/pay/statements/{MONTH}").json()
    page = client_for(paid.labeler2).get(statement_url(MONTH)).content.decode()

    assert (statement["total"], statement["entries"]) == (0, [])
    assert "A 감성 분류" not in page


# ---- months that have no statement


@pytest.mark.parametrize("suffix", ["/", ".csv"])
def test_a_month_that_has_not_begun_is_refused_with_a_plain_message(paid, suffix: str) -> None:
    next_month = Period(MONTH.next_first_day)

    response = client_for(paid.labeler).get(statement_url(next_month, suffix), headers={"accept-language": "en"})

    assert response.status_code == 422
    assert "There is no statement for a month that has not begun." in response.content.decode()


@pytest.mark.parametrize("month", ["2026-13", "november", "2026-11-01", "26-11", "0001-01", "٢٠٢٦-١١"])
def test_a_malformed_month_is_refused_with_a_plain_message(paid, month: str) -> None:
    page = client_for(paid.labeler).get(statement_url(month), headers={"accept-language": "en"})
    api = client_for(paid.labeler).get(f"/api/v1/pay/statements/{month}", headers={"accept-language": "en"})

    assert (page.status_code, api.status_code) == (422, 422)
    assert api.json()["detail"] in page.content.decode()
    assert api.json()["detail"] in {
        "Give the month as YYYY-MM, for example 2026-11.",
        "There are no statements before 2000.",
    }


def test_the_print_stylesheet_leaves_out_the_navigation_footer_and_buttons() -> None:
    css = (Path(settings.STATICFILES_DIRS[0]) / "datadam/css/datadam.css").read_text()

    rules = css.split("@media print", 1)[1]
    assert all(part in rules for part in ["body > header", "body > footer", "button", '[role="button"]', "form"])


def test_a_month_is_parsed_from_its_yyyy_mm_name() -> None:
    assert Period.parse("2024-02").bounds[1].date().isoformat() == "2024-03-01"
    assert str(Period.parse("2024-01").previous) == "2023-12"
    with pytest.raises(Invalid):
        Period.parse("2024-2")
