"""The dashboard's figures match the database, on a cast built for it; only operators see them."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from datadam.careers.models import Outcome
from datadam.core.errors import Invalid, NotFound
from datadam.labeling.models import Annotation
from datadam.programmes import selectors, services
from datadam.programmes.models import ProgrammeTarget
from tests.conftest import Cast, client_for
from tests.programmes.conftest import ProgrammeCast, this_year

pytestmark = pytest.mark.django_db


def figures(pcast: ProgrammeCast, **query: str) -> dict:
    period = selectors.DashboardPeriod.from_query(query or this_year())
    return selectors.dashboard_get(actor=pcast.operator, programme_id=pcast.programme.id, period=period)


def stages(funnel: dict) -> dict[str, int]:
    return {stage["key"]: stage["count"] for stage in funnel["stages"]}


def test_funnel_counts_people_at_each_stage(pcast: ProgrammeCast) -> None:
    result = figures(pcast)

    assert stages(result["overall"]) == {
        "applied": 5,
        "enrolled": 4,
        "completed": 3,
        "qualified_labeler": 2,
        "qualified_reviewer": 1,
        "started_work": 1,
        "active": 1,
        "employed": 1,
    }
    [cohort] = result["cohorts"]
    assert cohort["cohort"] == pcast.cohort and stages(cohort) == stages(result["overall"])


def test_rates_are_of_the_stage_before_and_of_those_who_applied(pcast: ProgrammeCast) -> None:
    by_key = {stage["key"]: stage for stage in figures(pcast)["overall"]["stages"]}

    assert by_key["enrolled"]["of_previous"] == pytest.approx(4 / 5)
    assert by_key["completed"]["of_previous"] == pytest.approx(3 / 4)
    assert by_key["qualified_labeler"]["of_applied"] == pytest.approx(2 / 5)
    assert by_key["started_work"]["of_previous"] == pytest.approx(1 / 2)
    hired = next(row for row in figures(pcast)["overall"]["employed_by_kind"] if row["kind"] == "hired")
    assert hired["count"] == 1 and hired["of_enrolled"] == pytest.approx(1 / 4)


def test_work_figures_count_items_of_the_programmes_organizations(pcast: ProgrammeCast) -> None:
    work = figures(pcast)["work"]

    assert (work["items_labeled"], work["items_accepted"]) == (3, 2)  # B's accepted item is not counted
    assert (work["datasets_released"], work["downloads"]) == (0, 0)


def test_an_outcome_recorded_later_changes_the_dashboard(cast: Cast, pcast: ProgrammeCast) -> None:
    Outcome.objects.create(
        organization=cast.project.organization,
        person=pcast.trainees["reviewer"],
        kind="internship",
        happened_on=timezone.localdate(),
        recorded_by=cast.manager,
    )

    assert stages(figures(pcast)["overall"])["employed"] == 2


def test_activity_older_than_30_days_is_not_active(pcast: ProgrammeCast) -> None:
    period = {"from": this_year()["from"], "to": timezone.localdate().isoformat()}
    Annotation.objects.filter(
        author=pcast.trainees["worker"], created_at__gte=timezone.now() - timezone.timedelta(days=30)
    ).update(created_at=timezone.now() - timezone.timedelta(days=31))

    assert stages(figures(pcast, **period)["overall"])["active"] == 0


def test_a_period_before_the_cohort_shows_no_cohort(pcast: ProgrammeCast) -> None:
    result = figures(pcast, **{"from": "2001-01-01", "to": "2001-12-31"})

    assert result["cohorts"] == [] and stages(result["overall"])["applied"] == 0


def test_targets_are_set_against_actuals(pcast: ProgrammeCast) -> None:
    year = timezone.localdate().year
    services.target_set(actor=pcast.operator, programme_id=pcast.programme.id, year=year, metric="trainees", target=8)
    services.target_set(actor=pcast.operator, programme_id=pcast.programme.id, year=year, metric="trainees", target=10)

    [row] = figures(pcast)["targets"]

    assert ProgrammeTarget.objects.count() == 1
    assert (row["target"], row["actual"], row["share"]) == (10, 4, 0.4)


def test_bad_periods_are_refused(pcast: ProgrammeCast) -> None:
    for query in [
        {"from": "yesterday"},
        {"from": "2026-05-01", "to": "2026-04-01"},
        {"from": "1990-01-01", "to": "2026-01-01"},
    ]:
        with pytest.raises(Invalid):
            selectors.DashboardPeriod.from_query(query)


def test_staff_of_a_member_organization_who_is_no_operator_gets_404(cast: Cast, pcast: ProgrammeCast) -> None:
    for person in (cast.manager, cast.outsider, cast.labeler):
        with pytest.raises(NotFound):
            selectors.programme_get(actor=person, programme_id=pcast.programme.id)
        assert client_for(person).get(f"/dashboard/{pcast.programme.id}/").status_code == 404
        assert client_for(person).get(f"/dashboard/{pcast.programme.id}/figures.csv").status_code == 404
    with pytest.raises(NotFound):
        services.target_set(actor=cast.manager, programme_id=pcast.programme.id, year=2026, metric="trainees", target=1)
    assert Client().get(f"/dashboard/{pcast.programme.id}/").status_code == 302


def test_operator_sees_the_page_and_the_csv_has_every_figure(pcast: ProgrammeCast) -> None:
    client = client_for(pcast.operator)

    page = client.get(f"/dashboard/{pcast.programme.id}/", this_year())
    response = client.get(f"/dashboard/{pcast.programme.id}/figures.csv", this_year())

    assert page.status_code == 200 and 'id="dashboard-data"' in page.content.decode()
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    overall = {row[2]: int(row[3]) for row in rows[1:] if row[0] == "funnel" and row[1] == "all"}
    assert overall == stages(figures(pcast)["overall"])
    work = {row[2]: int(row[3]) for row in rows[1:] if row[0] == "work"}
    assert work == figures(pcast)["work"]


def test_dashboard_home_sends_an_operator_of_one_programme_straight_to_it(cast: Cast, pcast: ProgrammeCast) -> None:
    assert client_for(pcast.operator).get("/dashboard/").url == f"/dashboard/{pcast.programme.id}/"
    assert client_for(cast.outsider).get("/dashboard/").status_code == 200


def test_operator_sets_a_target_on_the_page(pcast: ProgrammeCast) -> None:
    response = client_for(pcast.operator).post(
        f"/dashboard/{pcast.programme.id}/", {"year": date.today().year, "metric": "employed", "target": 50}
    )

    assert response.status_code == 302
    assert ProgrammeTarget.objects.get().target == 50


def test_operator_reads_the_figures_through_the_api_and_others_get_404(cast: Cast, pcast: ProgrammeCast) -> None:
    path = f"/api/v1/programmes/{pcast.programme.id}/figures"

    response = client_for(pcast.operator).get(path, {"start": this_year()["from"]})

    assert response.status_code == 200
    body = response.json()
    assert {stage["key"]: stage["count"] for stage in body["overall"]["stages"]} == stages(figures(pcast)["overall"])
    assert body["work"] == figures(pcast)["work"] and len(body["cohorts"]) == 1
    assert client_for(cast.manager).get(path).status_code == 404
    assert client_for(pcast.operator).get(path, {"start": "soon"}).status_code == 422


def test_each_target_has_its_own_small_chart_beside_its_figures_with_the_year_in_korean(pcast: ProgrammeCast) -> None:
    year = timezone.localdate().year
    programme_id = pcast.programme.id
    for metric, target in (("trainees", 10), ("employed", 50_000)):
        services.target_set(actor=pcast.operator, programme_id=programme_id, year=year, metric=metric, target=target)

    response = client_for(pcast.operator).get(f"/dashboard/{pcast.programme.id}/", this_year())

    page = response.content.decode()
    data = response.context["chart_data"]["targets"]
    assert page.count('class="target-canvas"') == 2 and f"{year}년" in page
    assert sorted(row["target"] for row in data) == [10, 50_000]  # one chart each, so each keeps its own scale
    trainees = page.split('data-testid="target-trainees-')[1].split("</article>")[0]
    assert "<table>" in trainees and ">10<" in trainees and "40%" in trainees
