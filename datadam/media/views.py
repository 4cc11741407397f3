"""Media pages: the expiring file links, media imports and collection tasks (thin: one selector or service each)."""

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render

from datadam.core.errors import DomainError, NotFound
from datadam.media import forms, imports, links, permissions, selectors
from datadam.media.models import MediaFile
from datadam.media.sniff import INLINE_TYPES
from datadam.media.storage import media_storage
from datadam.projects import selectors as project_selectors
from datadam.projects.withheld import held_back


def _media_for_token(request: HttpRequest, media_token: str) -> MediaFile:
    media_id = links.media_token_read(media_token, user_id=request.user.id)
    if media_id is None:
        raise Http404
    try:
        media = selectors.media_file_get(actor=request.user, media_id=media_id)
    except NotFound:
        raise Http404 from None
    if not permissions.can_view_media(request.user, media.project):
        raise Http404
    if not permissions.can_manage_media(request.user, media.project) and selectors.media_file_withheld(media):
        raise held_back()
    return media


def _guard(response: HttpResponse) -> HttpResponse:
    """Whatever the bytes are, the browser must not run them: no sniffing, no scripts, no framing by others."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_required
def media_file(request: HttpRequest, media_token: str) -> HttpResponse:
    """The file's bytes. Only raster images and audio are shown inline; anything else is a download.

    A Range request gets just those bytes (206), so an audio player can seek in a long recording at once.
    """
    media = _media_for_token(request, media_token)
    inline = media.content_type in INLINE_TYPES
    binary = media_storage().open(media.storage_key, "rb")
    byte_range = _byte_range(request.headers.get("Range", ""), media.size_bytes) if inline else None
    if byte_range is None:
        response = FileResponse(
            binary,
            as_attachment=not inline,
            filename=media.original_name,
            content_type=media.content_type if inline else "application/octet-stream",
        )
    else:
        start, end = byte_range
        binary.seek(start)
        response = StreamingHttpResponse(_chunks(binary, end - start + 1), status=206, content_type=media.content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{media.size_bytes}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes" if inline else "none"
    return _guard(response)


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single "bytes=a-b" range inside the file; anything else gets the whole file."""
    if not header.startswith("bytes=") or "," in header or size == 0:
        return None
    first, _dash, last = header[6:].strip().partition("-")
    try:
        if first == "":
            start, end = max(0, size - int(last)), size - 1
        else:
            start, end = int(first), min(int(last) if last else size - 1, size - 1)
    except ValueError:
        return None
    return (start, end) if 0 <= start <= end else None


def _chunks(binary, remaining: int, chunk: int = 256 * 1024):
    try:
        while remaining > 0 and (data := binary.read(min(chunk, remaining))):
            remaining -= len(data)
            yield data
    finally:
        binary.close()


@login_required
def media_peaks(request: HttpRequest, media_token: str) -> HttpResponse:
    """Waveform peaks of an audio file, so the player draws a long recording before it downloads."""
    media = _media_for_token(request, media_token)
    if media.kind != MediaFile.Kind.AUDIO or not media.peaks:
        raise Http404
    body = json.dumps({"duration": media.duration, "sample_rate": media.sample_rate, "peaks": [media.peaks]})
    return _guard(HttpResponse(body, content_type="application/json"))


FORMS = {
    "upload": forms.MediaUploadForm,
    "folder": forms.MediaFolderForm,
    "urls": forms.MediaUrlsForm,
    "bucket": forms.MediaBucketForm,
}


@login_required
def media_import(request: HttpRequest, project_id: int) -> HttpResponse:
    """One page, four sources; each form posts its own `source`, so each answer names one service call."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    source = request.POST.get("source", "")
    bound = {name: form(request.POST, request.FILES) if name == source else form() for name, form in FORMS.items()}
    error = None
    if request.method == "POST" and source in bound and bound[source].is_valid():
        try:
            batch = _import_create(request, project, source, bound[source].cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            imports.media_import_start(batch=batch)
            return redirect("media:import_status", project_id=project.id, media_import_id=batch.id)
    context = {
        "project": project,
        "forms": bound,
        "error": error,
        "source": source,
        "batches": selectors.media_import_list(actor=request.user, project=project)[:20],
        "limit_mb": settings.DATADAM_MAX_UPLOAD_BYTES >> 20,
        "zip_limit_mb": settings.DATADAM_ZIP_MAX_TOTAL_BYTES >> 20,
        "folders_allowed": bool(settings.DATADAM_IMPORT_ROOTS),
    }
    invalid = request.method == "POST" and (error or source not in bound or not bound[source].is_valid())
    return render(request, "media/import.html", context, status=422 if invalid else 200)


def _import_create(request: HttpRequest, project, source: str, data: dict):
    actor = request.user
    if source == "upload":
        files = data["files"]
        if len(files) == 1 and files[0].name.lower().endswith(".zip"):
            return imports.media_import_create_zip(
                actor=actor, project=project, upload=files[0], file_name=files[0].name
            )
        return imports.media_import_create_files(actor=actor, project=project, uploads=files)
    if source == "folder":
        return imports.media_import_create_folder(actor=actor, project=project, folder=data["folder"])
    if source == "urls":
        return imports.media_import_create_urls(actor=actor, project=project, urls=data["urls"])
    return imports.media_import_create_s3(actor=actor, project=project, bucket=data["bucket"], prefix=data["prefix"])


@login_required
def media_import_status(request: HttpRequest, project_id: int, media_import_id: int) -> HttpResponse:
    batch = selectors.media_import_get(actor=request.user, batch_id=media_import_id)
    if batch.project_id != project_id:
        raise Http404
    context = {
        "project": batch.project,
        "batch": batch,
        "unreadable": selectors.media_unreadable_list(batch=batch)[:500],
        "running": batch.status in ("queued", "running"),
    }
    template = "media/_import_status.html" if request.headers.get("HX-Request") else "media/import_status.html"
    return render(request, template, context)
