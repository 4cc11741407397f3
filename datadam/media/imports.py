"""Media imports: a ZIP or many files from the page, a server folder, a URL list, or an S3 bucket.

Like the text import (datadam/projects/imports), a media import is an ImportBatch whose items stay hidden
until the batch is published; the batch's counters drive the same kind of progress bar. Unlike text, one
bad file does not stop the others: it becomes a hidden item whose MediaFile says why it is unreadable.
Refusing the whole source (an unsafe ZIP path, a ZIP bomb, a folder outside the allowed roots) imports nothing.
"""

import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import DomainError, Invalid, NotFound, TooLarge
from datadam.media import fetch, permissions, services, sources, tasks
from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.imports.errors import RowError
from datadam.projects.models import ImportBatch, Item, Project

SOURCES = ("zip", "files", "folder", "urls", "s3")
CHUNK = 500
PROGRESS_SECONDS = 1.0
MAX_URLS = 10_000


def _check(actor: User, project: Project) -> None:
    if not permissions.can_manage_media(actor, project):
        raise NotFound(_("No such project."))


def _batch(actor: User, project: Project, source: str, name: str, stored: str = "", size: int = 0) -> ImportBatch:
    batch = ImportBatch.objects.create(
        project=project,
        created_by=actor,
        file_name=name[:255],
        stored_path=stored[:500],
        file_format=f"media-{source}",
        size_bytes=size,
    )
    detail = {"source": source, "name": name[:200]}
    audit_record_project(actor=actor, action="media_import.create", target=batch, project=project, detail=detail)
    return batch


@transaction.atomic
def media_import_create_zip(*, actor: User, project: Project, upload: File, file_name: str) -> ImportBatch:
    """Keep the uploaded ZIP; the background run checks its paths and sizes before unpacking anything."""
    _check(actor, project)
    if upload.size > settings.DATADAM_MAX_UPLOAD_BYTES:
        raise TooLarge(
            _("The file is larger than the %(limit)d MB limit.") % {"limit": settings.DATADAM_MAX_UPLOAD_BYTES >> 20}
        )
    name = services.safe_name(file_name)
    stored = default_storage.save(f"imports/{project.id}/{uuid.uuid4().hex}-{name}", upload)
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
    stored = default_storage.save(f"imports/{project.id}/{uuid.uuid4().hex}-urls.txt", ContentFile(urls.encode()))
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


# ---- the run


def media_import_run(*, batch_id: int) -> ImportBatch:
    """Store, probe and make a hidden item for every file, then publish the readable ones."""
    batch = ImportBatch.objects.select_related("project").get(id=batch_id)
    if batch.status in {ImportBatch.Status.PUBLISHED, ImportBatch.Status.FAILED}:
        return batch
    ImportBatch.objects.filter(id=batch.id).update(status=ImportBatch.Status.RUNNING)
    run = _Run(batch)
    try:
        with _entries(batch) as entries:
            run.go(entries)
    except DomainError as exc:
        return _fail(batch, [RowError(batch.file_name, 0, exc.message)])
    except zipfile.BadZipFile:
        return _fail(batch, [RowError(batch.file_name, 0, _("This is not a ZIP file, or it is damaged."))])
    return _publish(batch, run)


@contextmanager
def _entries(batch: ImportBatch) -> Iterator[list]:
    source = batch.file_format.removeprefix("media-")
    if source == "zip":
        with default_storage.open(batch.stored_path, "rb") as binary, zipfile.ZipFile(binary) as archive:
            yield sources.zip_entries(archive)
    elif source == "files":
        yield list(MediaFile.objects.filter(batch=batch, status=MediaFile.Status.PENDING).order_by("id"))
    elif source == "folder":
        yield sources.folder_entries(batch.stored_path)
    elif source == "urls":
        with default_storage.open(batch.stored_path, "rb") as binary:
            yield sources.url_entries(binary.read().decode())
    else:
        bucket, _slash, prefix = batch.stored_path.partition("/")
        yield sources.s3_entries(bucket, prefix)


class _Run:
    """The loop over one batch's entries, with its counters and the ids of readable items."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.project = batch.project
        self.warnings: list[RowError] = []
        self.ok_items: list[int] = []
        self.pending: list[tuple[Item, bool]] = []
        self.last_progress = time.monotonic()

    def go(self, entries: list) -> None:
        entries, manifest = sources.manifest_split(entries) if not _stored(entries) else (entries, {})
        known = sum(entry.size_bytes if isinstance(entry, MediaFile) else entry.size for entry in entries)
        self.batch.size_bytes = known or len(entries)
        self.batch.bytes_read = 0
        for entry in entries:
            self.one(entry, manifest)
        self.flush()
        if not self.ok_items and not self.warnings and not self.batch.items_created:
            raise Invalid(_("No media files were found."))

    def one(self, entry, manifest: dict[str, dict]) -> None:
        batch = self.batch
        try:
            media = entry if isinstance(entry, MediaFile) else self.store(entry)
        except (sources.EntryRefused, fetch.UrlRefused, TooLarge) as exc:
            self.warnings.append(RowError(entry.name, entry.line, getattr(exc, "reason", None) or str(exc)))
            media = None
        if media is not None:
            services.media_file_probe(media=media)
            _refuse_other_kind(media, self.project)
            extra = manifest.get(media.original_name, {}) | ({} if isinstance(entry, MediaFile) else entry.extra)
            self.pending.append((self.item_for(media, extra), media.status == MediaFile.Status.OK))
        batch.rows_read += 1
        size = entry.size_bytes if isinstance(entry, MediaFile) else entry.size
        batch.bytes_read += size or 1
        if len(self.pending) >= CHUNK or time.monotonic() - self.last_progress > PROGRESS_SECONDS:
            self.flush()

    def store(self, entry: sources.Entry) -> MediaFile:
        with entry.open() as stream:
            return services.media_file_store(project=self.project, name=entry.name, stream=stream, batch=self.batch)

    def item_for(self, media: MediaFile, extra: dict) -> Item:
        field = media.kind if media.kind != MediaFile.Kind.OTHER else _field_for_project(self.project)
        data = {key: value for key, value in extra.items() if key not in ("image", "audio")}
        data |= {field: media.reference, "file_name": media.original_name}
        overlap = self.project.default_overlap
        return Item(
            project=self.project,
            batch=self.batch,
            external_id=media.original_name[:200],
            data=data,
            target_overlap=overlap,
            open_slots=0,
            is_published=False,
        )

    def flush(self) -> None:
        with transaction.atomic():
            created = Item.objects.bulk_create([item for item, _ok in self.pending])
            self.ok_items += [item.id for item, (_same, ok) in zip(created, self.pending, strict=True) if ok]
            self.batch.items_created += len(created)
            ImportBatch.objects.filter(id=self.batch.id).update(
                rows_read=self.batch.rows_read,
                items_created=self.batch.items_created,
                bytes_read=self.batch.bytes_read,
                size_bytes=self.batch.size_bytes,
            )
        self.pending.clear()
        self.last_progress = time.monotonic()


def _refuse_other_kind(media: MediaFile, project: Project) -> None:
    """An image project takes images and an audio project audio; a text project (prompts) takes either."""
    wanted = project.data_type
    if media.status == MediaFile.Status.OK and wanted in MediaFile.Kind.values and media.kind != wanted:
        media.status = MediaFile.Status.UNREADABLE
        media.reason = _("This project takes %(wanted)s files; this is %(kind)s.") % {
            "wanted": MediaFile.Kind(wanted).label,
            "kind": media.content_type,
        }
        media.save(update_fields=["status", "reason"])


def _stored(entries: list) -> bool:
    return bool(entries) and isinstance(entries[0], MediaFile)


def _field_for_project(project: Project) -> str:
    return "audio" if project.data_type == Project.DataType.AUDIO else "image"


def _fail(batch: ImportBatch, errors: list[RowError]) -> ImportBatch:
    """Nothing of a refused source stays: its items, its media rows and their stored bytes go."""
    Item.objects.filter(batch=batch).delete()
    storage = media_storage()
    for media in MediaFile.objects.filter(batch=batch).iterator():
        storage.delete(media.storage_key)
    MediaFile.objects.filter(batch=batch).delete()
    batch.status = ImportBatch.Status.FAILED
    batch.errors = [error.as_dict() for error in errors]
    batch.items_created = 0
    batch.finished_at = timezone.now()
    with transaction.atomic():
        batch.save(update_fields=["status", "errors", "items_created", "rows_read", "finished_at"])
        audit_record_project(
            actor=batch.created_by,
            action="media_import.fail",
            target=batch,
            project=batch.project,
            detail={"problems": len(errors)},
        )
    return batch


def _publish(batch: ImportBatch, run: _Run) -> ImportBatch:
    with transaction.atomic():
        for start in range(0, len(run.ok_items), CHUNK):
            Item.objects.filter(id__in=run.ok_items[start : start + CHUNK]).update(
                is_published=True, open_slots=batch.project.default_overlap
            )
        batch.status = ImportBatch.Status.PUBLISHED
        batch.errors = [warning.as_dict() for warning in run.warnings[:1000]]
        batch.bytes_read = batch.size_bytes
        batch.finished_at = timezone.now()
        batch.save(
            update_fields=["status", "errors", "items_created", "rows_read", "bytes_read", "size_bytes", "finished_at"]
        )
        detail = {"items": len(run.ok_items), "unreadable": batch.items_created - len(run.ok_items)}
        audit_record_project(
            actor=batch.created_by, action="media_import.publish", target=batch, project=batch.project, detail=detail
        )
    return batch
