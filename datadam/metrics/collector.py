"""The programme's gauges for Prometheus, computed by a few cheap queries when /metrics is scraped.

Nothing is counted in memory: web processes are many and short-lived, so each scrape reads the database
(every query below is served by an index: the open-item queue, the active-lease expiry, the review queue,
the task status), and any process answers the same.
"""

from collections.abc import Iterator
from datetime import timedelta

from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from datadam.labeling.models import Annotation, Assignment
from datadam.operations.models import WorkerBeat
from datadam.projects.models import Item

JOB_STATES = {"READY": "waiting", "RUNNING": "running", "FAILED": "failed"}


class ProgrammeCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        yield self._items_waiting()
        yield GaugeMetricFamily(
            "datadam_leases_active",
            "Items leased to a worker right now (leases not yet run out).",
            value=Assignment.objects.filter(status=Assignment.Status.ACTIVE, expires_at__gt=now).count(),
        )
        yield GaugeMetricFamily(
            "datadam_submits_per_minute",
            "Labels submitted in the last 60 seconds.",
            value=Annotation.objects.filter(created_at__gte=now - timedelta(minutes=1)).count(),
        )
        oldest = Annotation.objects.filter(status=Annotation.Status.SUBMITTED).aggregate(at=Min("created_at"))["at"]
        yield GaugeMetricFamily(
            "datadam_review_oldest_waiting_seconds",
            "Age of the oldest submitted label waiting for review (0 when none waits).",
            value=(now - oldest).total_seconds() if oldest else 0,
        )
        yield self._jobs()
        yield GaugeMetricFamily(
            "datadam_workers_alive",
            "Task workers whose heartbeat is fresh.",
            value=WorkerBeat.objects.filter(beat_at__gte=now - timedelta(minutes=1)).count(),
        )

    def _items_waiting(self) -> Metric:
        gauge = GaugeMetricFamily(
            "datadam_items_waiting", "Published items with a free slot, per project.", labels=["project"]
        )
        waiting = Item.objects.filter(open_slots__gt=0, is_published=True).values("project_id")
        for row in waiting.annotate(count=Count("id")).order_by("project_id"):
            gauge.add_metric([str(row["project_id"])], row["count"])
        return gauge

    def _jobs(self) -> Metric:
        gauge = GaugeMetricFamily("datadam_jobs", "Background jobs by state.", labels=["state"])
        counts = dict(
            DBTaskResult.objects.filter(status__in=JOB_STATES).values_list("status").annotate(count=Count("id"))
        )
        for status, state in JOB_STATES.items():
            gauge.add_metric([state], counts.get(status, 0))
        return gauge
