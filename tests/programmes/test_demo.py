"""The demo parts of the job board, careers and programmes tell one story: jobs posted, graduates hired, a
programme whose dashboard shows them."""

from datetime import timedelta

from django.utils import timezone

from datadam.careers.models import CareerShare, Outcome, PartnerEmployer
from datadam.demo.loader import demo_load, demo_logins
from datadam.jobs import selectors as job_selectors
from datadam.jobs.models import JobPosting
from datadam.programmes import selectors
from datadam.programmes.demo import PROGRAMME
from datadam.programmes.models import Programme
from tests.conftest import client_for


def test_demo_posts_jobs_records_outcomes_and_sets_targets(db) -> None:
    demo_load()
    demo_load()  # twice: nothing doubles

    assert job_selectors.job_list_public().count() == JobPosting.objects.count() == 2
    assert PartnerEmployer.objects.count() == 2
    assert sorted(Outcome.objects.values_list("person__username", "kind")) == [
        ("trainee6", "freelance"),
        ("trainee7", "internship"),
    ]
    assert CareerShare.objects.filter(enabled=True).count() == 2
    programme = Programme.objects.get(name=PROGRAMME)
    operator = programme.operators.get(username="operator")
    assert programme.targets.count() == 6
    assert ("operator", "datadam-demo", "programme operator") in demo_logins()
    a_year_ago = (timezone.localdate() - timedelta(days=365)).isoformat()
    period = selectors.DashboardPeriod.from_query({"from": a_year_ago})
    figures = selectors.dashboard_get(actor=operator, programme_id=programme.id, period=period)
    stages = {stage["key"]: stage["count"] for stage in figures["overall"]["stages"]}
    assert stages["completed"] >= 2 and stages["employed"] == 2
    assert client_for(operator).get(f"/dashboard/{programme.id}/").status_code == 200
