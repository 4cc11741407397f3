"""Exports of a project's labels: streamed straight to the caller, or built as a file in the background."""

from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.projects import permissions
from datadam.projects.models import Project
from datadam.releases import exporters, tasks
from datadam.releases.export_run import PROGRESS_EVERY, export_job_run
from datadam.releases.exporters import FORMATS
from datadam.releases.models import ExportJob

__all__ = ["PROGRESS_EVERY", "export_job_run"]  # the run lives in releases.export_run, which the task imports


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


@transaction.atomic
def export_job_restart(*, actor: User, job: ExportJob) -> ExportJob:
    """Queue a failed export again (its worker was lost, or its run failed); it is written from the start."""
    if not permissions.can_manage_project(actor, job.project):
        raise NotFound(_("No such export."))
    job = ExportJob.objects.select_for_update().get(id=job.id)
    if job.status != ExportJob.Status.FAILED:
        raise Conflict(_("Only a failed export can be started again."))
    job.status, job.error, job.items_done, job.finished_at = ExportJob.Status.QUEUED, "", 0, None
    job.save(update_fields=["status", "error", "items_done", "finished_at"])
    audit_record_project(actor=actor, action="export_job.restart", target=job, project=job.project)
    transaction.on_commit(lambda: tasks.export_job_run_task.enqueue(job.id))
    return job
