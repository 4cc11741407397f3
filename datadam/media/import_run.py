"""The run of a media import, in a background worker: store, probe and make a hidden item for every file.

media.tasks runs it; media.imports creates the batch and schedules the task. This module imports no task,
so the task and the service that schedules it never import each other.
"""

import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.audit.services import audit_record_project
from datadam.core.errors import DomainError, Invalid, TooLarge
from datadam.media import fetch, services, sources
from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.imports.errors import RowError
from datadam.projects.models import ImportBatch, Item, Project

CHUNK = 500
PROGRESS_SECONDS = 1.0


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
