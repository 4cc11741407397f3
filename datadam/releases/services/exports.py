"""Exports of a project's labels: streamed straight to the caller, or built as a file in the background."""

import logging
import tempfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Invalid, NotFound
from datadam.labeling.models import Annotation
from datadam.projects import permissions
from datadam.projects.models import Project
from datadam.releases import exporters, tasks
from datadam.releases.exporters import FORMATS
from datadam.releases.models import ExportJob

log = logging.getLogger(__name__)
PROGRESS_EVERY = 1000


def export_check(*, actor: User, project: Project, file_format: str, include: str) -> None:
    """Refuse what cannot be exported: a stranger's project, an unknown format, or one the project's data type
    and label schema cannot fill (COCO of a text project would be images of size 0), with the reason."""
    if not permissions.can_manage_project(actor, project):
        raise NotFound(_("No such project."))
    if file_format not in FORMATS:
        raise Invalid(_("Unknown export format: %(name)s") % {"name": file_format})
    if reason := exporters.unfit_reason(file_format, project):
        raise Invalid(reason)  # each reason names its format
    if include not in ExportJob.Include.values:
        raise Invalid(_("Choose accepted or all."))


def export_stream(*, actor: User, project: Project, file_format: str = "jsonl", include: str = "accepted"):
    """The export's lines as an iterator, for a streaming response or a file. Memory stays flat."""
    export_check(actor=actor, project=project, file_format=file_format, include=include)
    audit_record_project(
        actor=actor, action="export.stream", target=project, project=project, detail={"include": include}
    )
    return FORMATS[file_format].rows(project, include)


@transaction.atomic
def export_job_create(
    *, actor: User, project: Project, file_format: str = "jsonl", include: str = "accepted"
) -> ExportJob:
    """Record the job and hand it to a background worker once the transaction commits."""
    export_check(actor=actor, project=project, file_format=file_format, include=include)
    job = ExportJob.objects.create(project=project, requested_by=actor, file_format=file_format, include=include)
    audit_record_project(actor=actor, action="export_job.create", target=job, project=project)
    transaction.on_commit(lambda: tasks.export_job_run_task.enqueue(job.id))
    return job


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


def _failed(job: ExportJob, error: str) -> ExportJob:
    job.status, job.error, job.finished_at = ExportJob.Status.FAILED, error[:500], timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])
    return job


def _items_to_export(job: ExportJob) -> int:
    annotations = Annotation.objects.filter(project=job.project)
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
        job.stored_path = default_storage.save(name, File(scratch))
        job.size_bytes = default_storage.size(job.stored_path)
    job.status, job.finished_at = ExportJob.Status.DONE, timezone.now()
    job.save(update_fields=["status", "items_done", "stored_path", "size_bytes", "finished_at"])
