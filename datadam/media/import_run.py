"""The run of a media import, in a background worker: store, probe and make a hidden item for every file.

The batch's life (running, progress, fail, publish) is projects.imports.lifecycle, which text imports share.
media.tasks runs it; media.imports creates the batch and schedules the task. This module imports no task,
so the task and the service that schedules it never import each other.
"""

import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.core.errors import DomainError, Invalid, TooLarge
from datadam.media import fetch, services, sources
from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.imports import lifecycle
from datadam.projects.imports.errors import RowError
from datadam.projects.models import ImportBatch, Item, Project

CHUNK = 500
PROGRESS_SECONDS = 1.0
AUDIT_AS = "media_import"


def media_import_run(*, batch_id: int) -> ImportBatch:
    """Store, probe and make a hidden item for every file, then publish the readable ones."""
    batch = lifecycle.batch_begin(batch_id)
    if lifecycle.batch_is_finished(batch):
        return batch
    run = _Run(batch)
    try:
        with _entries(batch) as entries:
            run.go(entries)
    except DomainError as exc:
        return _fail(batch, [RowError(batch.file_name, 0, exc.message)])
    except zipfile.BadZipFile:
        return _fail(batch, [RowError(batch.file_name, 0, _("This is not a ZIP file, or it is damaged."))])
    detail = {"items": len(run.ok_items), "unreadable": batch.items_created - len(run.ok_items)}
    return lifecycle.batch_publish(
        batch, audit_as=AUDIT_AS, item_ids=run.ok_items, warnings=run.warnings, detail=detail
    )


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
            lifecycle.batch_progress_save(self.batch)
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
    storage = media_storage()
    for media in MediaFile.objects.filter(batch=batch).iterator():
        storage.delete(media.storage_key)
    MediaFile.objects.filter(batch=batch).delete()
    return lifecycle.batch_fail(batch, errors, audit_as=AUDIT_AS)
