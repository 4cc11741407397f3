"""Serving a release file: resumable with Range from local storage, or a presigned URL from object storage.

From local storage, every answer reports the bytes it handed on (`on_sent(first, last)`, also for a stream the
visitor leaves half-way); catalog.services.download_bytes_sent counts a download once the visitor has had every byte
of the file that day, whatever the ranges, and only once per visitor, file and day. A HEAD request sends no
bytes and never counts. From object storage the bytes (and Range) are the bucket's; the GET that hands over
the signed address is the download we can see, counted once per visitor, file and day.
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


Sent = Callable[[int, int], None]  # (first, last) byte handed on, inclusive


def presigned(file: ReleaseFile, on_complete: Callable[[], None], *, head: bool = False) -> HttpResponse:
    """Object storage serves the bytes (and Range) itself; the hand-over is the download we can see."""
    if not head:
        on_complete()
    return HttpResponseRedirect(default_storage.url(file.stored_path))


def stream(file: ReleaseFile, range_header: str, on_sent: Sent | None = None, *, head: bool = False) -> HttpResponse:
    """The file, or the asked range of it. `head`: the same headers and no bytes, and so nothing sent."""
    size = file.size_bytes
    try:
        wanted = parse_range(range_header, size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    first, last = wanted if wanted else (0, size - 1)
    status = 206 if wanted else 200
    if head:
        response = HttpResponse(status=status, content_type="application/octet-stream")
        return _headers(response, file, first, last, wanted is not None)
    blocks = _blocks(file.stored_path, first, last, on_sent)
    if last - first + 1 <= SMALL:
        response = HttpResponse(b"".join(blocks), status=status, content_type="application/octet-stream")
    else:
        response = StreamingHttpResponse(blocks, status=status, content_type="application/octet-stream")
    return _headers(response, file, first, last, wanted is not None)


def _headers(response: HttpResponse, file: ReleaseFile, first: int, last: int, ranged: bool) -> HttpResponse:
    response["Content-Length"] = str(max(last - first + 1, 0))
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = content_disposition_header(True, file.name.rsplit("/", 1)[-1])
    if ranged:
        response["Content-Range"] = f"bytes {first}-{last}/{file.size_bytes}"
    return response


def _blocks(path: str, first: int, last: int, on_sent: Sent | None) -> Iterator[bytes]:
    """The bytes first…last in blocks. A block counts as sent once the server asks for the next one (or the
    stream ends), so a visitor who goes away mid-way is credited with what they had, and resumes from there."""
    sent, whole = 0, last - first + 1
    try:
        with default_storage.open(path, "rb") as handle:
            handle.seek(first)
            while sent < whole:
                block = handle.read(min(BLOCK, whole - sent))
                if not block:
                    return  # the file is shorter than recorded: the missing bytes were never sent
                yield block
                sent += len(block)
    finally:
        if on_sent is not None and sent > 0:
            on_sent(first, first + sent - 1)
