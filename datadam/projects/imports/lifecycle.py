"""The life of one ImportBatch, shared by text imports (imports.run) and media imports (media.import_run).

A batch is created queued, with its upload kept in storage. Its run marks it running, writes its items
hidden (open_slots = 0, is_published = False) in short transactions and saves the counters behind the
progress bar after each one. It ends in one of two ways: fail, which deletes every item of the batch and
keeps the reasons, or publish, which opens the items to labelers in one short transaction.

What differs between the two kinds of import (how rows become items, which files are kept) stays in the
run modules; `audit_as` names the audit actions each kind records ("import_batch", "media_import").
"""

import uuid
from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import TooLarge
from datadam.projects.imports.errors import RowError
from datadam.projects.models import ImportBatch, Item, Project

CHUNK = 5_000
MAX_KEPT_WARNINGS = 1_000
FINISHED = {ImportBatch.Status.PUBLISHED, ImportBatch.Status.FAILED}


def upload_size_check(size: int) -> None:
    if size > settings.DATADAM_MAX_UPLOAD_BYTES:
        limit_mb = settings.DATADAM_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise TooLarge(_("The file is larger than the %(limit)d MB limit.") % {"limit": limit_mb})


def upload_keep(*, project: Project, name: str, upload: File) -> str:
    """Store an upload under a fresh name in the project's import folder; returns the stored path."""
    return default_storage.save(f"imports/{project.id}/{uuid.uuid4().hex}-{PurePath(name).name}", upload)


def batch_create(
    *,
    actor: User,
    project: Project,
    audit_as: str,
    file_name: str,
    file_format: str,
    stored_path: str = "",
    size_bytes: int = 0,
    encoding: str = "",
    detail: dict,
    status: str = ImportBatch.Status.QUEUED,
) -> ImportBatch:
    """Record a queued batch (or an uploaded one, whose columns are picked first); the caller's transaction
    holds it and the audit event together."""
    batch = ImportBatch.objects.create(
        project=project,
        created_by=actor,
        file_name=file_name[:255],
        stored_path=stored_path[:500],
        file_format=file_format,
        encoding=encoding,
        size_bytes=size_bytes,
        status=status,
    )
    audit_record_project(actor=actor, action=f"{audit_as}.create", target=batch, project=project, detail=detail)
    return batch


def batch_begin(batch_id: int) -> ImportBatch:
    """Load the batch and mark it running. A finished batch is returned as it is: a retried task does nothing."""
    batch = ImportBatch.objects.select_related("project").get(id=batch_id)
    if batch.status not in FINISHED:
        ImportBatch.objects.filter(id=batch.id).update(status=ImportBatch.Status.RUNNING)
    return batch


def batch_claim(batch_id: int) -> bool:
    """Queue an uploaded batch once its columns are picked. True for the one caller that queued it: the import
    button pressed twice, or the page posted again, gets False and starts nothing."""
    updated = ImportBatch.objects.filter(id=batch_id, status=ImportBatch.Status.UPLOADED)
    return bool(updated.update(status=ImportBatch.Status.QUEUED))


def batch_is_finished(batch: ImportBatch) -> bool:
    return batch.status in FINISHED


def batch_progress_save(batch: ImportBatch) -> None:
    """Save the counters the progress bar reads; call it inside the transaction that wrote the chunk."""
    ImportBatch.objects.filter(id=batch.id).update(
        rows_read=batch.rows_read,
        items_created=batch.items_created,
        bytes_read=batch.bytes_read,
        size_bytes=batch.size_bytes,
    )


def batch_hidden_items_delete(batch_id: int) -> None:
    """In short transactions, so labelers are never blocked behind a large batch."""
    while True:
        with transaction.atomic():
            ids = list(Item.objects.filter(batch_id=batch_id, is_published=False).values_list("id", flat=True)[:CHUNK])
            if not ids:
                return
            Item.objects.filter(id__in=ids).delete()


def batch_restart_prepare(batch_id: int) -> ImportBatch | None:
    """Before a new attempt of a batch a dead worker left running: its hidden items go and its counters restart.

    Returns the batch, or None when it is not running (published, failed or never started: nothing to undo).
    """
    batch = ImportBatch.objects.filter(id=batch_id, status=ImportBatch.Status.RUNNING).first()
    if batch is None:
        return None
    batch_hidden_items_delete(batch_id)
    ImportBatch.objects.filter(id=batch_id, status=ImportBatch.Status.RUNNING).update(
        rows_read=0, items_created=0, bytes_read=0
    )
    return batch


def batch_give_up(batch_id: int, *, reason: str, **kept: object) -> ImportBatch | None:
    """The reaper gave the run up: its hidden items go and the batch fails with the reason, marked as a lost
    worker's (the page then offers a restart), with `kept` beside it for that restart. A published batch stays."""
    batch = ImportBatch.objects.filter(id=batch_id).exclude(status=ImportBatch.Status.PUBLISHED).first()
    if batch is None:
        return None
    batch_hidden_items_delete(batch_id)
    batch.status, batch.items_created, batch.finished_at = ImportBatch.Status.FAILED, 0, timezone.now()
    batch.errors = [{"file": batch.file_name, "line": 0, "reason": reason, "worker_lost": True, **kept}]
    batch.save(update_fields=["status", "items_created", "finished_at", "errors"])
    return batch


def batch_fail(batch: ImportBatch, errors: Sequence[RowError], *, audit_as: str) -> ImportBatch:
    """Delete every item of the batch and keep the reasons on the failed batch."""
    batch_hidden_items_delete(batch.id)
    batch.status = ImportBatch.Status.FAILED
    batch.errors = [error.as_dict() for error in errors]
    batch.items_created = 0
    batch.finished_at = timezone.now()
    with transaction.atomic():
        batch.save(update_fields=["status", "errors", "items_created", "rows_read", "encoding", "finished_at"])
        detail = {"problems": len(errors)}
        audit_record_project(
            actor=batch.created_by, action=f"{audit_as}.fail", target=batch, project=batch.project, detail=detail
        )
    return batch


def batch_publish(
    batch: ImportBatch,
    *,
    audit_as: str,
    item_ids: Sequence[int] | None = None,
    warnings: Sequence[RowError] = (),
    detail: dict | None = None,
) -> ImportBatch:
    """Open the batch's items to labelers (only `item_ids` when given) and keep the warnings of what stayed hidden."""
    open_slots = batch.project.default_overlap
    with transaction.atomic():
        if item_ids is None:
            Item.objects.filter(batch=batch).update(is_published=True, open_slots=open_slots)
        else:
            for start in range(0, len(item_ids), CHUNK):
                chunk = item_ids[start : start + CHUNK]
                Item.objects.filter(id__in=chunk).update(is_published=True, open_slots=open_slots)
        batch.status = ImportBatch.Status.PUBLISHED
        batch.errors = [warning.as_dict() for warning in warnings[:MAX_KEPT_WARNINGS]]
        batch.bytes_read = batch.size_bytes
        batch.finished_at = timezone.now()
        fields = ["status", "errors", "items_created", "rows_read", "bytes_read", "size_bytes", "encoding"]
        batch.save(update_fields=[*fields, "finished_at"])
        detail = detail if detail is not None else {"items": batch.items_created}
        audit_record_project(
            actor=batch.created_by, action=f"{audit_as}.publish", target=batch, project=batch.project, detail=detail
        )
    return batch
