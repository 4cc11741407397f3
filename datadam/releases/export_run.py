"""The run of an export job, in a background worker: write the file with progress, then store it.

releases.tasks runs it; services.exports creates the job and schedules the task. This module imports no
task, so the task and that service never import each other.
"""

import logging
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.labeling.models import Annotation
from datadam.operations.pause import pause_point
from datadam.projects.withheld import withheld
from datadam.releases import exporters
from datadam.releases.exporters import FORMATS
from datadam.releases.models import ExportJob

log = logging.getLogger(__name__)
PROGRESS_EVERY = 1000


def export_job_run(*, job_id: int) -> ExportJob:
    """Write the export to a temporary file with progress, then store it. Safe to run again after a crash."""
    job = ExportJob.objects.select_related("project").get(id=job_id)
    if job.status == ExportJob.Status.DONE:
        return job
    job.items_total = _items_to_export(job)
    job.status, job.items_done = ExportJob.Status.RUNNING, 0
    job.save(update_fields=["status", "items_total", "items_done"])
    # the schema may have changed since the job was queued: a format that no longer fits fails with why
    if reason := exporters.unfit_reason(job.file_format, job.project):
        return _failed(job, reason)
    try:
        _write(job)
    except Exception as exc:  # a failed job must say so on its page instead of spinning forever
        log.exception("export job %s failed", job.id)
        return _failed(job, str(exc))
    return job


def export_given_up(args: list, kwargs: dict, _reason: str) -> None:
    """The reaper gave the job up (its workers kept dying): the page says so and offers a restart."""
    job_id = args[0] if args else kwargs["job_id"]
    job = ExportJob.objects.filter(id=job_id).exclude(status=ExportJob.Status.DONE).first()
    if job is not None:
        _failed(job, _("The worker writing this export stopped before it finished, and the export was given up."))


def _failed(job: ExportJob, error: str) -> ExportJob:
    job.status, job.error, job.finished_at = ExportJob.Status.FAILED, error[:500], timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    return job


def _items_to_export(job: ExportJob) -> int:
    annotations = Annotation.objects.filter(project=job.project).exclude(withheld("item"))
    if job.include == ExportJob.Include.ACCEPTED:
        annotations = annotations.filter(status=Annotation.Status.ACCEPTED)
    return annotations.values("item_id").distinct().count()


def _write(job: ExportJob) -> None:
    exporter = FORMATS[job.file_format]
    with tempfile.TemporaryFile() as scratch:
        for done, line in enumerate(exporter.rows(job.project, job.include), start=1):
            scratch.write(line.encode("utf-8") if isinstance(line, str) else line)  # ZIP and Parquet give bytes
            if done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(id=job.id).update(items_done=done)
                job.items_done = done
        job.items_done = job.items_total
        scratch.seek(0)
        stem = f"exports/{job.project_id}/datadam-project-{job.project_id}-export-{job.id}"
        name = exporters.file_name(stem, job.file_format)
        # One file per job: a run again after a killed worker replaces what the dead one stored, never adds
        if default_storage.exists(name):
            default_storage.delete(name)
        job.stored_path = default_storage.save(name, File(scratch))
        job.size_bytes = default_storage.size(job.stored_path)
    pause_point("export-done")  # tests kill the worker here: the file stored, the job not yet marked done
    job.status, job.finished_at = ExportJob.Status.DONE, timezone.now()
    job.save(update_fields=["status", "items_done", "stored_path", "size_bytes", "finished_at"])
