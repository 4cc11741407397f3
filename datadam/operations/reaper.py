"""The reaper beside django-tasks-db: a job whose worker stopped beating is run again, or given up.

django-tasks-db marks a job RUNNING when a worker claims it and has no recovery of its own, so a job whose
worker was killed would stay running forever. Workers started by `datadam worker` write a heartbeat
(WorkerBeat); the reaper looks at running jobs whose last worker has not beaten for
DATADAM_WORKER_LOST_SECONDS. Such a job goes back to the queue, to be taken by any live worker, until it has
been started DATADAM_JOB_MAX_ATTEMPTS times; then it is marked failed with the reason and its app is told
(job_hooks), so the page showing the job offers a restart. Job functions are written to be run again.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.utils import OperationalError
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from datadam.operations import job_hooks
from datadam.operations.models import WorkerBeat

log = logging.getLogger(__name__)
WORKER_LOST = "datadam.operations.reaper.WorkerLost"


class WorkerLost(Exception):
    """The worker running the job stopped beating (killed, or its machine lost)."""


@dataclass
class Reaped:
    retried: list[str] = field(default_factory=list)
    given_up: list[str] = field(default_factory=list)


def lost_reason(attempts: int) -> str:
    return (
        f"The worker running this job stopped (killed or its machine lost) {attempts} times; "
        "the job was given up. Start it again."
    )


def tasks_reap(*, now: datetime | None = None) -> Reaped:
    """Requeue or give up every running job whose worker stopped beating. Safe to run from many workers at
    once: each job row is locked (SKIP LOCKED on PostgreSQL, one writer on SQLite) while it is decided."""
    now = now or timezone.now()
    lost_before = now - timedelta(seconds=settings.DATADAM_WORKER_LOST_SECONDS)
    reaped, given_up = Reaped(), []
    try:
        with exclusive_transaction(DBTaskResult.objects.db):
            alive = set(WorkerBeat.objects.filter(beat_at__gte=lost_before).values_list("worker_id", flat=True))
            # started_at: a worker that claimed the job a moment ago may not have beaten yet
            running = DBTaskResult.objects.running().filter(started_at__lt=lost_before)
            for result in running.select_for_update(skip_locked=True):
                if result.worker_ids and result.worker_ids[-1] in alive:
                    continue
                if len(result.worker_ids) < settings.DATADAM_JOB_MAX_ATTEMPTS:
                    _requeue(result)
                    reaped.retried.append(str(result.id))
                else:
                    _give_up(result, now)
                    reaped.given_up.append(str(result.id))
                    given_up.append(result)
            WorkerBeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    except OperationalError as exc:
        if not is_locked_database_exception(exc):
            raise
        return reaped  # SQLite was busy: the next round decides
    for result in given_up:
        args = result.args_kwargs
        job_hooks.given_up_tell(result.task_path, args["args"], args["kwargs"], lost_reason(len(result.worker_ids)))
    if reaped.retried or reaped.given_up:
        log.warning("jobs of lost workers: %d run again, %d given up", len(reaped.retried), len(reaped.given_up))
    return reaped


def _requeue(result: DBTaskResult) -> None:
    # worker_ids keeps every worker that started the job, so its length counts the attempts
    result.status = TaskResultStatus.READY
    result.save(update_fields=["status"])


def _give_up(result: DBTaskResult, now: datetime) -> None:
    result.status = TaskResultStatus.FAILED
    result.finished_at = now
    result.exception_class_path = WORKER_LOST
    result.traceback = lost_reason(len(result.worker_ids))
    result.return_value = None
    result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback", "return_value"])
