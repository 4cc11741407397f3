"""Media imports: a ZIP or many files from the page, a server folder, a URL list, or an S3 bucket.

Like the text import (datadam/projects/imports), a media import is an ImportBatch whose items stay hidden
until the batch is published; the batch's counters drive the same kind of progress bar. Unlike text, one
bad file does not stop the others: it becomes a hidden item whose MediaFile says why it is unreadable.
Refusing the whole source (an unsafe ZIP path, a ZIP bomb, a folder outside the allowed roots) imports nothing.
"""

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import Invalid, NotFound, TooLarge
from datadam.media import permissions, services, sources, tasks
from datadam.media.import_run import AUDIT_AS, media_import_run
from datadam.projects.imports import lifecycle
from datadam.projects.models import ImportBatch, Project

MAX_URLS = 10_000

__all__ = ["media_import_run"]  # the run lives in import_run, which the task imports


def _check(actor: User, project: Project) -> None:
    if not permissions.can_manage_media(actor, project):
        raise NotFound(_("No such project."))


def _batch(actor: User, project: Project, source: str, name: str, stored: str = "", size: int = 0) -> ImportBatch:
    return lifecycle.batch_create(
        actor=actor,
        project=project,
        audit_as=AUDIT_AS,
        file_name=name,
        file_format=f"media-{source}",
        stored_path=stored,
        size_bytes=size,
        detail={"source": source, "name": name[:200]},
    )


@transaction.atomic
def media_import_create_zip(*, actor: User, project: Project, upload: File, file_name: str) -> ImportBatch:
    """Keep the uploaded ZIP; the background run checks its paths and sizes before unpacking anything."""
    _check(actor, project)
    lifecycle.upload_size_check(upload.size)
    name = services.safe_name(file_name)
    stored = lifecycle.upload_keep(project=project, name=name, upload=upload)
    return _batch(actor, project, "zip", name, stored, upload.size)


@transaction.atomic
def media_import_create_files(*, actor: User, project: Project, uploads: list[File]) -> ImportBatch:
    """Store each uploaded file now (the request has them already); probing and items come in the run."""
    _check(actor, project)
    if not uploads:
        raise Invalid(_("Choose at least one file."))
    total = sum(upload.size for upload in uploads)
    if total > settings.DATADAM_MAX_UPLOAD_BYTES:
        raise TooLarge(
            _("The files are larger than the %(limit)d MB limit.") % {"limit": settings.DATADAM_MAX_UPLOAD_BYTES >> 20}
        )
    batch = _batch(actor, project, "files", _("%(count)d files") % {"count": len(uploads)}, size=total)
    for upload in uploads:
        services.media_file_store(project=project, name=upload.name or "file", stream=upload, actor=actor, batch=batch)
    return batch


@transaction.atomic
def media_import_create_folder(*, actor: User, project: Project, folder: str) -> ImportBatch:
    _check(actor, project)
    path = sources.import_root_check(folder)
    return _batch(actor, project, "folder", path.name or str(path), str(path))


@transaction.atomic
def media_import_create_urls(*, actor: User, project: Project, urls: str) -> ImportBatch:
    """Keep the list; the URLs are fetched (and checked, hop by hop) by the background run."""
    _check(actor, project)
    entries = sources.url_entries(urls)
    if not entries:
        raise Invalid(_("Write at least one link, one per line."))
    if len(entries) > MAX_URLS:
        raise Invalid(_("Import at most %(limit)d links at a time.") % {"limit": MAX_URLS})
    stored = lifecycle.upload_keep(project=project, name="urls.txt", upload=ContentFile(urls.encode()))
    return _batch(actor, project, "urls", _("%(count)d links") % {"count": len(entries)}, stored, len(entries))


@transaction.atomic
def media_import_create_s3(*, actor: User, project: Project, bucket: str, prefix: str = "") -> ImportBatch:
    _check(actor, project)
    bucket, prefix = bucket.strip(), prefix.strip().lstrip("/")
    if not bucket or "/" in bucket:
        raise Invalid(_("Write the bucket's name."))
    return _batch(actor, project, "s3", f"s3://{bucket}/{prefix}", f"{bucket}/{prefix}")


def media_import_start(*, batch: ImportBatch) -> ImportBatch:
    """Hand the run to a background worker once the batch is committed."""
    transaction.on_commit(lambda: tasks.media_import_run_task.enqueue(batch.id))
    return batch
