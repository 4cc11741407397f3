"""Media pages: the expiring file links, media imports and collection tasks (thin: one selector or service each)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from datadam.core.errors import NotFound
from datadam.media import links, permissions, selectors
from datadam.media.models import MediaFile
from datadam.media.sniff import INLINE_TYPES
from datadam.media.storage import media_storage


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
    return media


def _guard(response: HttpResponse) -> HttpResponse:
    """Whatever the bytes are, the browser must not run them: no sniffing, no scripts, no framing by others."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=300"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_required
def media_file(request: HttpRequest, media_token: str) -> HttpResponse:
    """The file's bytes. Only raster images and audio are shown inline; anything else is a download."""
    media = _media_for_token(request, media_token)
    inline = media.content_type in INLINE_TYPES
    response = FileResponse(
        media_storage().open(media.storage_key, "rb"),
        as_attachment=not inline,
        filename=media.original_name,
        content_type=media.content_type if inline else "application/octet-stream",
    )
    return _guard(response)


@login_required
def media_peaks(request: HttpRequest, media_token: str) -> HttpResponse:
    """Waveform peaks of an audio file, so the player draws a long recording before it downloads."""
    media = _media_for_token(request, media_token)
    if media.kind != MediaFile.Kind.AUDIO or not media.peaks:
        raise Http404
    body = json.dumps({"duration": media.duration, "sample_rate": media.sample_rate, "peaks": [media.peaks]})
    return _guard(HttpResponse(body, content_type="application/json"))
