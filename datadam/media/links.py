"""Expiring, signed links to one media file for one person.

The token holds the file id and the person's id, signed with the site's secret key. The view re-checks the
person's access on every request, so a link copied to someone else, or kept after leaving a project, is refused.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "datadam.media.link"


def _signer() -> signing.TimestampSigner:
    # "." instead of the default ":" keeps the token free of characters a URL would escape.
    return signing.TimestampSigner(salt=SALT, sep=".")


def media_token_make(*, media_id: int, user_id: int) -> str:
    return _signer().sign_object({"m": media_id, "u": user_id})


def media_token_read(token: str, *, user_id: int) -> int | None:
    """The media id the token names, or None when it is forged, expired or made for someone else."""
    try:
        payload = _signer().unsign_object(token, max_age=settings.DATADAM_MEDIA_URL_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("u") != user_id or not isinstance(payload.get("m"), int):
        return None
    return payload["m"]


def media_url(*, media_id: int, user_id: int) -> str:
    return reverse("media:file", args=[media_token_make(media_id=media_id, user_id=user_id)])


def media_peaks_url(*, media_id: int, user_id: int) -> str:
    return reverse("media:peaks", args=[media_token_make(media_id=media_id, user_id=user_id)])
