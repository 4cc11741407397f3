"""Create import batches and start their run (imports.run): inline for a small file, in a worker for a large one."""

from pathlib import PurePath

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import Conflict, ImportRejected, Invalid, NotFound
from datadam.projects import permissions
from datadam.projects.imports import lifecycle, tasks
from datadam.projects.imports.parsers import FORMATS
from datadam.projects.imports.readers import encoding_name
from datadam.projects.imports.run import AUDIT_AS, import_batch_run
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
    *,
    actor: User,
    project: Project,
    upload: File,
    file_name: str,
    file_format: str = "",
    encoding: str = "",
    columns_first: bool = False,
) -> ImportBatch:
    """Store the upload and record a queued batch. The caller runs it inline or as a background task.

    With `columns_first` the batch waits for the person to pick its columns (import_batch_columns_start)."""
    if not permissions.can_manage_project(actor, project):
        raise NotFound(_("No such project."))
    lifecycle.upload_size_check(upload.size)
    if upload.size == 0:
        raise Invalid(_("The file is empty."))
    file_format = file_format_guess(file_name, file_format)
    encoding = encoding_name(encoding) if encoding else ""
    safe_name = PurePath(file_name).name[-100:]
    return lifecycle.batch_create(
        actor=actor,
        project=project,
        audit_as=AUDIT_AS,
        file_name=safe_name,
        file_format=file_format,
        stored_path=lifecycle.upload_keep(project=project, name=safe_name, upload=upload),
        size_bytes=upload.size,
        encoding=encoding,
        detail={"file": safe_name, "bytes": upload.size},
        status=ImportBatch.Status.UPLOADED if columns_first else ImportBatch.Status.QUEUED,
    )


def import_batch_start(
    *, batch: ImportBatch, text_column: str = "text", id_column: str = "id", keep: list[str] | None = None
) -> ImportBatch:
    """Run a small file now, so the answer says how it went; hand a large one to a background worker.

    The columns are the ones the person picked on the preview (`keep`: the metadata columns; None: all)."""
    if batch.size_bytes > settings.DATADAM_IMPORT_INLINE_BYTES:
        tasks.import_batch_run_task.enqueue(batch.id, text_column, id_column, keep)
        return batch
    return import_batch_run(batch_id=batch.id, text_column=text_column, id_column=id_column, keep=keep)


def import_batch_columns_start(
    *, actor: User, batch: ImportBatch, text_column: str, id_column: str = "id", keep: list[str] | None = None
) -> ImportBatch:
    """Start an uploaded batch with the columns picked on its preview; only once (Conflict after that)."""
    if not permissions.can_manage_project(actor, batch.project):
        raise NotFound(_("No such import."))
    if not lifecycle.batch_claim(batch.id):
        raise Conflict(_("This file is already being imported."))
    batch.status = ImportBatch.Status.QUEUED
    return import_batch_start(batch=batch, text_column=text_column, id_column=id_column, keep=keep)


def import_batch_raise_if_failed(batch: ImportBatch) -> ImportBatch:
    if batch.status == ImportBatch.Status.FAILED:
        count = len(batch.errors)
        raise ImportRejected(
            _("Nothing was imported: %(count)d problem(s) found. Fix them and upload the file again.")
            % {"count": count},
            batch.errors,
        )
    return batch
