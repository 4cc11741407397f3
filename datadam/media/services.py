"""Writes about media files: store the bytes (sniffed, hashed, size-limited) and record what the probe found."""

import hashlib
import tempfile
import uuid
from pathlib import PurePath
from typing import BinaryIO

from django.conf import settings
from django.core.files.base import File
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import TooLarge
from datadam.media import probe, sniff
from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.models import ImportBatch, Project

CHUNK_BYTES = 1024 * 1024
SPOOL_BYTES = 8 * 1024 * 1024


def safe_name(name: str) -> str:
    """The last part of a path, without control characters, short enough for storage keys."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '/\\"')
    return cleaned[-120:] or "file"


def media_file_store(
    *,
    project: Project,
    name: str,
    stream: BinaryIO,
    actor: User | None = None,
    batch: ImportBatch | None = None,
    max_bytes: int | None = None,
) -> MediaFile:
    """Copy a stream into media storage and record it as pending (not yet probed).

    The bytes pass through a spooled temporary file (in memory up to 8 MiB, then on disk), hashed on the way,
    so memory stays bounded whatever the file's size. A stream over max_bytes raises TooLarge and stores nothing.
    """
    limit = settings.DATADAM_MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    digest, size, head = hashlib.sha256(), 0, b""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        while chunk := stream.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise TooLarge(
                    _("%(name)s is larger than the %(limit)d MB limit.")
                    % {"name": safe_name(name), "limit": limit // (1024 * 1024)}
                )
            if len(head) < sniff.HEAD_BYTES:
                head += chunk[: sniff.HEAD_BYTES - len(head)]
            digest.update(chunk)
            spool.write(chunk)
        spool.seek(0)
        clean = safe_name(name)
        key = f"media/{project.organization_id}/{project.id}/{uuid.uuid4().hex}{PurePath(clean).suffix.lower()[:10]}"
        stored_key = media_storage().save(key, File(spool, name=clean))
    content_type = sniff.content_type_sniff(head)
    return MediaFile.objects.create(
        organization_id=project.organization_id,
        project=project,
        batch=batch,
        storage_key=stored_key,
        original_name=clean,
        content_type=content_type,
        kind=sniff.kind_of(content_type),
        size_bytes=size,
        sha256=digest.hexdigest(),
        created_by=actor,
    )


def media_file_probe(*, media: MediaFile) -> MediaFile:
    """Check the stored file and record dimensions or duration and peaks, or why it is unreadable."""
    result = _probe(media)
    media.status = MediaFile.Status.OK if result.ok else MediaFile.Status.UNREADABLE
    media.reason = result.reason[:500]
    media.width, media.height = result.width, result.height
    media.duration, media.sample_rate, media.peaks = result.duration, result.sample_rate, result.peaks
    media.save(update_fields=["status", "reason", "width", "height", "duration", "sample_rate", "peaks"])
    return media


def _probe(media: MediaFile) -> probe.ProbeResult:
    if media.size_bytes == 0:
        return probe.ProbeResult(ok=False, reason=_("The file is empty."))
    if sniff.name_mismatch(media.original_name, media.content_type):
        reason = _("The file's content is %(actual)s, which does not match its name %(name)s.") % {
            "actual": media.content_type,
            "name": media.original_name,
        }
        return probe.ProbeResult(ok=False, reason=reason)
    if media.kind == MediaFile.Kind.OTHER:
        if media.content_type in ("image/svg+xml", "text/html", "text/xml"):
            reason = _("SVG, HTML and other markup files are not accepted: they can hold scripts.")
        else:
            reason = _("This is not an image or audio file Datadam can read.")
        return probe.ProbeResult(ok=False, reason=reason)
    with media_storage().open(media.storage_key, "rb") as binary:
        if media.kind == MediaFile.Kind.IMAGE:
            return probe.image_probe(binary)
        return probe.audio_probe(binary)
