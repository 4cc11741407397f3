"""An operator's Prometheus reads the programme's gauges from /metrics, with the token; nobody else does."""

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation
from datadam.operations.models import WorkerBeat
from datadam.releases import services as releases
from tests.conftest import client_for

TOKEN = "s3cret-metrics-token"
pytestmark = pytest.mark.django_db(transaction=True)  # jobs are enqueued when the transaction commits


def _scrape(**headers) -> dict[tuple[str, tuple], float]:
    response = client_for(None).get("/metrics", headers={"Authorization": f"Bearer {TOKEN}", **headers})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@override_settings(DATADAM_METRICS_TOKEN=TOKEN)
def test_the_operator_reads_queue_leases_submits_review_age_and_jobs(cast) -> None:
    first = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    labeling.annotation_submit(actor=cast.labeler, assignment_id=first.id, result={"sentiment": "positive"})
    labeling.assignment_lease_next(actor=cast.labeler2, project=cast.project)  # still in progress
    Annotation.objects.update(created_at=timezone.now() - timezone.timedelta(seconds=30))
    releases.export_job_create(actor=cast.manager, project=cast.project)  # one job waiting
    DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="x.y",
        backend_name="default",
        run_after=timezone.now(),
    )
    WorkerBeat.objects.create(worker_id="w1", host="h", pid=1, started_at=timezone.now(), beat_at=timezone.now())

    values = _scrape()

    assert values[("datadam_items_waiting", (("project", str(cast.project.id)),))] == 3  # 5 items, 2 taken
    assert values[("datadam_items_waiting", (("project", str(cast.project_b.id)),))] == 2
    assert values[("datadam_leases_active", ())] == 1
    assert values[("datadam_submits_per_minute", ())] == 1
    assert 29 <= values[("datadam_review_oldest_waiting_seconds", ())] < 60
    assert values[("datadam_jobs", (("state", "waiting"),))] == 1
    assert values[("datadam_jobs", (("state", "running"),))] == 0
    assert values[("datadam_jobs", (("state", "failed"),))] == 1
    assert values[("datadam_workers_alive", ())] == 1


@override_settings(DATADAM_METRICS_TOKEN=TOKEN)
def test_a_scraper_without_the_token_or_with_a_wrong_one_is_refused() -> None:
    anonymous = client_for(None).get("/metrics")
    wrong = client_for(None).get("/metrics", headers={"Authorization": "Bearer guess"})

    assert (anonymous.status_code, wrong.status_code) == (403, 403)
    assert "token" in anonymous.json()["detail"] and b"datadam_" not in wrong.content


@override_settings(DATADAM_METRICS_TOKEN="", DATADAM_TRUSTED_PROXIES=[])
def test_a_scraper_from_an_allowed_address_needs_no_token() -> None:
    from ipaddress import ip_network

    with override_settings(DATADAM_METRICS_ALLOWED_ADDRESSES=[ip_network("10.0.0.0/8")]):
        inside = client_for(None).get("/metrics", REMOTE_ADDR="10.1.2.3")
        outside = client_for(None).get("/metrics", REMOTE_ADDR="192.0.2.7")
        spoofed = client_for(None).get("/metrics", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="10.1.2.3")

    assert (inside.status_code, outside.status_code, spoofed.status_code) == (200, 403, 403)
