"""A worker sees what a project pays before working: the rate per item and per unit and the hourly wage it comes
to, on the project page; the month's statement groups the pay per project and day, holds back the organization's
tax, and says the net amount and the day it is paid."""

from datetime import date

import pytest

from datadam.accounts.models import Organization
from datadam.pay import offer
from datadam.pay import services as pay
from datadam.pay.models import UnitRate
from datadam.pay.selectors import Period
from datadam.pay.statements import PayerSection
from tests.conftest import client_for
from tests.pay.test_statements import MONTH, accepted_work, statement_url


@pytest.fixture
def paid(cast):
    cast.project.rate_per_item, cast.project.rate_per_review = 120, 30
    cast.project.save()
    return cast


def test_the_project_page_shows_a_labeler_the_rate_per_item_and_per_unit_and_the_hourly_wage(paid) -> None:
    UnitRate.objects.create(project=paid.project, control="note", unit=UnitRate.Unit.CHARACTER, rate=2)
    for _ in range(5):
        accepted_work(paid, active_seconds=36)

    page = client_for(paid.labeler2).get(f"/projects/{paid.project.id}/", headers={"accept-language": "en"})

    line = page.content.decode().split('data-testid="pay-line"')[1].split("</p>")[0]
    assert "120 won per item" in line
    assert "2 won per character written (note)" in line
    assert "about 12,000 won an hour at the usual pace" in line  # 120 won every 36 seconds


def test_before_anyone_worked_the_wage_is_not_measured_yet_and_an_unpaid_project_says_so(cast) -> None:
    assert offer.pay_offer(project=cast.project).hourly_estimate is None

    page = client_for(cast.labeler).get(f"/projects/{cast.project.id}/", headers={"accept-language": "en"})

    assert "This project does not pay for labeling." in page.content.decode()


def test_the_statement_groups_a_days_work_per_project_and_holds_back_3_3_percent(paid) -> None:
    accepted_work(paid)
    accepted_work(paid)
    organization = paid.project.organization
    pay.ledger_adjust(actor=paid.manager, organization=organization, worker=paid.labeler, amount=1_000, reason="보너스")

    page = client_for(paid.labeler).get(statement_url(MONTH), headers={"accept-language": "en"}).content.decode()

    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 2  # the two items of the day make one line; the bonus its own
    assert '<td class="amount">2</td>\n      <td class="amount">240 won</td>' in rows
    assert 'data-testid="statement-gross">1,240 won' in page
    assert 'data-testid="statement-withholding">−40 won' in page  # 3.3 % of 1,240 is 40.92, rounded down
    assert 'data-testid="statement-net"><strong>1,200 won' in page
    payday = MONTH.next_first_day.replace(day=10)
    assert f"Paid on {payday:%Y-%m-%d}." in page


def test_an_organization_sets_its_own_withholding_and_payday_and_the_statement_follows(paid) -> None:
    organization = paid.project.organization
    response = client_for(paid.owner).post(
        f"/accounts/organizations/{organization.id}/",
        {"currency": "KRW", "minimum_hourly_wage": "10320", "withholding_percent": "8.8", "payday": "25"},
    )
    accepted_work(paid)

    page = client_for(paid.labeler).get(statement_url(MONTH), headers={"accept-language": "en"}).content.decode()

    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.withholding_basis_points, organization.payday) == (880, 25)
    assert "Tax withheld (8.8 %)" in page and 'data-testid="statement-withholding">−10 won' in page
    assert f"Paid on {MONTH.next_first_day.replace(day=25):%Y-%m-%d}." in page


def test_a_bad_withholding_or_payday_is_refused_with_a_plain_message_and_nothing_changes(paid) -> None:
    organization = paid.project.organization

    response = client_for(paid.owner).post(
        f"/accounts/organizations/{organization.id}/",
        {"currency": "KRW", "minimum_hourly_wage": "10320", "withholding_percent": "80", "payday": "31"},
        headers={"accept-language": "en"},
    )

    organization.refresh_from_db()
    assert response.status_code == 400
    assert (organization.withholding_basis_points, organization.payday) == (330, 10)


def test_each_person_sees_only_the_organizations_that_pay_them_each_with_its_own_tax(paid) -> None:
    accepted_work(paid)
    other = paid.project_b.organization
    other.withholding_basis_points = 0
    other.save()
    pay.ledger_adjust(actor=paid.manager_b, organization=other, worker=paid.outsider, amount=500, reason="B 보너스")

    labeler_page = client_for(paid.labeler).get(statement_url(MONTH)).content.decode()
    outsider_page = client_for(paid.outsider).get(statement_url(MONTH)).content.decode()

    assert labeler_page.count('data-testid="statement-section"') == 1 and other.name not in labeler_page
    assert paid.project.organization.name not in outsider_page.split("<main")[-1]
    assert 'data-testid="statement-withholding">−0' in outsider_page


def test_the_payment_date_is_the_payday_of_the_following_month() -> None:
    section = PayerSection(organization=Organization(payday=10), period=Period(date(2026, 12, 1)))

    assert section.payment_date == date(2027, 1, 10)
