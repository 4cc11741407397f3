"""Pay follows the inspection chain: the labeler is paid when the first stage accepts; when the senior reviewer
overturns that acceptance, the ledger gains a reversal row by the project's policy (take back, take back half,
or keep), and the statement shows it with the reason. Each stage pays its inspectors its own rate per verdict."""

import pytest

from datadam.pay import selectors
from datadam.pay.models import LedgerEntry
from datadam.pay.selectors import Period
from datadam.projects.models import Project
from datadam.review import services as review
from tests.chain import SENIOR_REASONS, add_second_stage, add_senior, overturned_at_second_stage, submit
from tests.conftest import client_for


@pytest.fixture
def chain(cast):
    cast.project.rate_per_item, cast.project.rate_per_review = 120, 30
    cast.project.save()
    add_second_stage(cast.project, rate_per_review=50)
    cast.senior = add_senior(cast.project)
    return cast


def _rows(user) -> list[tuple[str, int]]:
    return list(LedgerEntry.objects.filter(worker=user).order_by("id").values_list("kind", "amount"))


def test_the_labeler_is_paid_once_when_the_first_stage_accepts_and_not_again_at_the_second(chain) -> None:
    annotation = submit(chain.labeler, chain.project)

    review.review_accept(actor=chain.reviewer, annotation_id=annotation.id)
    assert _rows(chain.labeler) == [("earning", 120)]
    review.review_accept(actor=chain.senior, annotation_id=annotation.id)

    assert _rows(chain.labeler) == [("earning", 120)]


def test_each_stage_pays_its_inspector_its_own_rate_per_verdict(chain) -> None:
    annotation = submit(chain.labeler, chain.project)

    review.review_accept(actor=chain.reviewer, annotation_id=annotation.id)
    review.review_accept(actor=chain.senior, annotation_id=annotation.id)

    assert (_rows(chain.reviewer), _rows(chain.senior)) == ([("earning", 30)], [("earning", 50)])


@pytest.mark.parametrize(
    ("policy", "rows"),
    [
        (Project.OverturnPay.REVERSE, [("earning", 120), ("reversal", -120)]),
        (Project.OverturnPay.HALF, [("earning", 120), ("reversal", -60)]),
        (Project.OverturnPay.KEEP, [("earning", 120)]),
    ],
)
def test_overturned_work_is_reversed_by_the_projects_policy_as_a_new_row(chain, policy, rows) -> None:
    chain.project.overturn_pay = policy
    chain.project.save()

    overturned_at_second_stage(chain, chain.senior)

    assert _rows(chain.labeler) == rows
    assert _rows(chain.reviewer) == [("earning", 30)]  # the first reviewer keeps the pay for their verdict
    assert _rows(chain.senior) == [("earning", 50)]


def test_the_reversal_keeps_the_seniors_reason_and_the_earning_row_is_untouched(chain) -> None:
    annotation = overturned_at_second_stage(chain, chain.senior)

    earning, reversal = LedgerEntry.objects.filter(worker=chain.labeler).order_by("id")
    assert (earning.kind, earning.amount, earning.reason) == ("earning", 120, "")
    assert (reversal.kind, reversal.source_id, reversal.reason) == ("reversal", annotation.id, SENIOR_REASONS[1])


def test_the_statement_shows_the_reversal_with_its_reason_and_the_wage_counts_it(chain) -> None:
    overturned_at_second_stage(chain, chain.senior)
    rework = submit(chain.labeler, chain.project, answer="negative", active_seconds=60)
    review.review_accept(actor=chain.reviewer, annotation_id=rework.id)

    statement = selectors.statement_get(actor=chain.labeler, period=Period.current())
    page = client_for(chain.labeler).get(f"/pay/statements/{Period.current()}/", headers={"accept-language": "en"})

    assert statement["total"] == 120 - 120 + 120
    assert statement["hourly"] == round(120 * 3600 / 90)  # 30 s on the first version and 60 s on the rework
    assert SENIOR_REASONS[1] in page.content.decode()
    assert "-120" in page.content.decode() or "−120" in page.content.decode()


def test_work_past_the_first_stage_no_longer_shows_as_pending_pay(chain) -> None:
    annotation = submit(chain.labeler, chain.project)
    assert selectors.earnings_overview(actor=chain.labeler)["pending_total"] == 120

    review.review_accept(actor=chain.reviewer, annotation_id=annotation.id)

    overview = selectors.earnings_overview(actor=chain.labeler)
    assert (overview["pending_total"], overview["month"]["total"]) == (0, 120)
