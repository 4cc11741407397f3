"""Serving a release file: resumable with Range from local storage, or a presigned URL from object storage.

A download counts when its last byte has been sent (a ranged request that reaches the end of the file
completes a resumed download), and only once per visitor, file and day (see services.download_count), so
resuming, repeating or fetching parts never inflates the figures.
"""

import re
from collections.abc import Callable, Iterator

from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.http import content_disposition_header

from datadam.releases.models import ReleaseFile

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
BLOCK = 256 * 1024
SMALL = 64 * 1024  # answers up to this size are sent in one piece (a manifest, a checksum list)


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte, inclusive; None without a Range header. Malformed, several ranges or past the end: 416."""
    if not header:
        return None
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise RangeNotSatisfiable
    start, end = match.groups()
    if start == "":  # the last N bytes
        length = int(end)
        if length == 0:
            raise RangeNotSatisfiable
        return max(size - length, 0), size - 1
    first = int(start)
    last = min(int(end), size - 1) if end else size - 1
    if first >= size or first > last:
        raise RangeNotSatisfiable
    return first, last


def uses_object_storage() -> bool:
    return hasattr(default_storage, "bucket_name")  # django-storages' S3 backend signs its URLs


def presigned(file: ReleaseFile, on_complete: Callable[[], None]) -> HttpResponse:
    """Object storage serves the bytes (and Range) itself; the hand-over is the download we can see."""
    on_complete()
    return HttpResponseRedirect(default_storage.url(file.stored_path))


def stream(file: ReleaseFile, range_header: str, on_complete: Callable[[], None]) -> HttpResponse:
    size = file.size_bytes
    try:
        wanted = parse_range(range_header, size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    first, last = wanted if wanted else (0, size - 1)
    blocks = _blocks(file.stored_path, first, last, on_complete if last == size - 1 else None)
    status = 206 if wanted else 200
    if last - first + 1 <= SMALL:
        response = HttpResponse(b"".join(blocks), status=status, content_type="application/octet-stream")
    else:
        response = StreamingHttpResponse(blocks, status=status, content_type="application/octet-stream")
    response["Content-Length"] = str(max(last - first + 1, 0))
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = content_disposition_header(True, file.name.rsplit("/", 1)[-1])
    if wanted:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response


def _blocks(path: str, first: int, last: int, on_complete: Callable[[], None] | None) -> Iterator[bytes]:
    remaining = last - first + 1
    with default_storage.open(path, "rb") as handle:
        handle.seek(first)
        while remaining > 0:
            block = handle.read(min(BLOCK, remaining))
            if not block:
                return  # the file is shorter than recorded: not a finished download
            remaining -= len(block)
            yield block
    if on_complete is not None:
        on_complete()
