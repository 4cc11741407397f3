"""Create import batches and start their run (imports.run): inline for a small file, in a worker for a large one."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import ImportRejected, Invalid, NotFound, TooLarge
from datadam.projects import permissions
from datadam.projects.imports import tasks
from datadam.projects.imports.parsers import FORMATS
from datadam.projects.imports.readers import encoding_name
from datadam.projects.imports.run import import_batch_run
from datadam.projects.models import ImportBatch, Project

__all__ = ["import_batch_run"]  # the run lives in imports.run, which the task imports


def file_format_guess(file_name: str, declared: str = "") -> str:
    file_format = (declared or PurePath(file_name).suffix.lstrip(".")).lower()
    if file_format == "ndjson":
        file_format = "jsonl"
    if file_format not in FORMATS:
        raise Invalid(_("Upload a .jsonl, .csv or .tsv file (this one is %(name)s).") % {"name": file_name})
    return file_format


@transaction.atomic
def import_batch_create(
    *, actor: User, project: Project, upload: File, file_name: str, file_format: str = "", encoding: str = ""
) -> ImportBatch:
    """Store the upload and record a queued batch. The caller runs it inline or as a background task."""
    if not permissions.can_manage_project(actor, project):
        raise NotFound(_("No such project."))
    if upload.size > settings.DATADAM_MAX_UPLOAD_BYTES:
        limit_mb = settings.DATADAM_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise TooLarge(_("The file is larger than the %(limit)d MB limit.") % {"limit": limit_mb})
    if upload.size == 0:
        raise Invalid(_("The file is empty."))
    file_format = file_format_guess(file_name, file_format)
    encoding = encoding_name(encoding) if encoding else ""
    safe_name = PurePath(file_name).name[-100:]
    stored = default_storage.save(f"imports/{project.id}/{uuid.uuid4().hex}-{safe_name}", upload)
    batch = ImportBatch.objects.create(
        project=project,
        created_by=actor,
        file_name=safe_name,
        stored_path=stored,
        file_format=file_format,
        encoding=encoding,
        size_bytes=upload.size,
    )
    detail = {"file": safe_name, "bytes": upload.size}
    audit_record_project(actor=actor, action="import_batch.create", target=batch, project=project, detail=detail)
    return batch


def import_batch_start(*, batch: ImportBatch, text_column: str = "text") -> ImportBatch:
    """Run a small file now, so the answer says how it went; hand a large one to a background worker."""
    if batch.size_bytes > settings.DATADAM_IMPORT_INLINE_BYTES:
        tasks.import_batch_run_task.enqueue(batch.id, text_column)
        return batch
    return import_batch_run(batch_id=batch.id, text_column=text_column)


def import_batch_raise_if_failed(batch: ImportBatch) -> ImportBatch:
    if batch.status == ImportBatch.Status.FAILED:
        count = len(batch.errors)
        raise ImportRejected(
            _("Nothing was imported: %(count)d problem(s) found. Fix them and upload the file again.")
            % {"count": count},
            batch.errors,
        )
    return batch
