"""Where imported media comes from: a ZIP, a folder on the server, a list of URLs, or an S3 bucket.

Each source yields Entry objects (a name, and a way to open the bytes) in a stable order, checked before
anything is read: a ZIP's paths and declared sizes, a folder's place under the allowed roots.
"""

import csv
import io
import json
import os
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from datadam.core.errors import Invalid, JsonOutOfBounds, TooLarge
from datadam.core.text import json_problem, load_bounded_json
from datadam.media import fetch

MANIFEST_NAMES = {"metadata.csv", "metadata.tsv", "metadata.jsonl", "manifest.csv", "manifest.tsv", "manifest.jsonl"}
MANIFEST_MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 100_000  # per import: each file becomes a row and an item, so a source of millions is refused


def _too_many() -> Invalid:
    return Invalid(_("Import at most %(limit)d files at a time; split the source.") % {"limit": MAX_FILES})


@dataclass
class Entry:
    name: str  # the path inside the source, shown to people
    size: int  # bytes, as far as known before reading (0 when unknown)
    open: Callable[[], AbstractContextManager[BinaryIO]]
    line: int = 0  # the line of a URL list
    extra: dict = field(default_factory=dict)  # item fields given with the entry (a URL's prompt text)


class EntryRefused(ValueError):
    """One entry could not be read (a refused URL); the import goes on without it."""

    def __init__(self, entry: Entry, reason: str) -> None:
        super().__init__(reason)
        self.entry, self.reason = entry, reason


def _skipped(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


# ---- ZIP


def zip_entries(archive: zipfile.ZipFile) -> list[Entry]:
    """Every file of the ZIP, after refusing the whole archive for unsafe paths or too much unpacked data."""
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_FILES:
        raise _too_many()
    total = 0
    for info in infos:
        if _unsafe_member(info.filename):
            raise Invalid(
                _("The ZIP holds an unsafe path (%(path)s); nothing was imported.") % {"path": info.filename[:200]}
            )
        total += info.file_size
    if total > settings.DATADAM_ZIP_MAX_TOTAL_BYTES:
        raise TooLarge(
            _("The ZIP unpacks to more than the %(limit)d MB allowed; nothing was imported.")
            % {"limit": settings.DATADAM_ZIP_MAX_TOTAL_BYTES >> 20}
        )
    entries = []
    for info in sorted(infos, key=lambda info: info.filename):
        if _skipped(info.filename):
            continue
        entries.append(Entry(info.filename, info.file_size, _zip_opener(archive, info)))
    return entries


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    return lambda: _BoundedReader(archive.open(info), info.file_size)


def _unsafe_member(name: str) -> bool:
    if name.startswith(("/", "\\")) or PureWindowsPath(name).drive or "\x00" in name:
        return True
    return any(part == ".." for part in name.replace("\\", "/").split("/"))


class _BoundedReader:
    """Stops a ZIP member that unpacks to more than it declared (a lying header is a bomb too)."""

    def __init__(self, member: BinaryIO, declared: int) -> None:
        self._member, self._left = member, declared

    def read(self, size: int = -1) -> bytes:
        chunk = self._member.read(size)
        self._left -= len(chunk)
        if self._left < 0:
            raise TooLarge(_("A file in the ZIP unpacks to more than its header says."))
        return chunk

    def __enter__(self) -> "_BoundedReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self._member.close()


# ---- a folder on the server


def import_root_check(folder: str) -> Path:
    """The folder, resolved, if it lies under one of DATADAM_IMPORT_ROOTS; else Invalid."""
    if not settings.DATADAM_IMPORT_ROOTS:
        raise Invalid(_("Importing from server folders is turned off (DATADAM_IMPORT_ROOTS is not set)."))
    path = Path(folder).expanduser().resolve()
    if not any(path == root or path.is_relative_to(root) for root in settings.DATADAM_IMPORT_ROOTS):
        raise Invalid(_("This folder is not under a folder that imports are allowed from."))
    if not path.is_dir():
        raise Invalid(_("There is no such folder on the server."))
    return path


def folder_entries(folder: str) -> list[Entry]:
    """Files under the folder; a link pointing outside the allowed roots is skipped, never followed."""
    root = import_root_check(folder)
    entries = []
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        for file_name in sorted(files):
            path = Path(directory, file_name)
            relative = path.relative_to(root).as_posix()
            if _skipped(relative) or not path.resolve().is_relative_to(root) or not path.resolve().is_file():
                continue
            entries.append(Entry(relative, path.stat().st_size, lambda path=path: path.open("rb")))
            if len(entries) > MAX_FILES:
                raise _too_many()
    return entries


# ---- URLs


def url_entries(text: str) -> list[Entry]:
    """One URL per line, optionally followed by a tab and a prompt text. Nothing is fetched here."""
    entries = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        url, _tab, prompt = line.strip().partition("\t")
        if not url or url.startswith("#"):
            continue
        extra = {"text": prompt.strip()} if prompt.strip() else {}
        entries.append(Entry(url.strip()[:500], 0, _url_opener(url.strip()), line=line_no, extra=extra))
    return entries


def _url_opener(url: str):
    def opener():
        return _UrlStream(url)

    return opener


class _UrlStream:
    def __init__(self, url: str) -> None:
        self._context = fetch.url_open(url, max_bytes=settings.DATADAM_MAX_UPLOAD_BYTES)

    def __enter__(self) -> fetch.ChunkStream:
        return fetch.ChunkStream(self._context.__enter__())

    def __exit__(self, *exc) -> bool | None:
        return self._context.__exit__(*exc)


# ---- an S3-compatible bucket


def s3_entries(bucket: str, prefix: str) -> list[Entry]:
    """Objects under the prefix, listed and opened through django-storages' S3 storage (boto3 underneath)."""
    from storages.backends.s3 import S3Storage  # loaded on use: boto3 only where a bucket is read

    storage = S3Storage(
        bucket_name=bucket,
        endpoint_url=settings.DATADAM_S3_ENDPOINT_URL or None,
        access_key=settings.DATADAM_S3_ACCESS_KEY or None,
        secret_key=settings.DATADAM_S3_SECRET_KEY or None,
        region_name=settings.DATADAM_S3_REGION,
        querystring_auth=True,
    )
    try:
        objects = list(islice(storage.bucket.objects.filter(Prefix=prefix), MAX_FILES + 1))
        entries = [
            Entry(obj.key, obj.size, lambda key=obj.key: storage.open(key, "rb"))
            for obj in objects
            if not obj.key.endswith("/") and not _skipped(obj.key)
        ]
    except Exception as exc:  # boto3 raises many kinds; each means the bucket cannot be read
        raise Invalid(_("The bucket could not be read (%(problem)s).") % {"problem": str(exc)[:200]}) from exc
    if len(objects) > MAX_FILES:
        raise _too_many()
    return sorted(entries, key=lambda entry: entry.name)


# ---- the manifest: prompt texts per file


def _jsonl_rows(text: str, file_name: str) -> list[object]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(load_bounded_json(line))
        except JsonOutOfBounds as exc:
            raise Invalid(f"{file_name}: " + _("Line %(line)s") % {"line": number} + f": {exc.message}") from None
        except json.JSONDecodeError as exc:
            problem = _("Not valid JSON: %(problem)s (line %(line)d)") % {"problem": json_problem(exc), "line": number}
            raise Invalid(f"{file_name}: {problem}") from None
    return rows


def manifest_split(entries: list[Entry]) -> tuple[list[Entry], dict[str, dict]]:
    """Media entries, and extra item fields per file name from a metadata.csv/tsv/jsonl beside them."""
    manifest = next((entry for entry in entries if PurePosixPath(entry.name).name.lower() in MANIFEST_NAMES), None)
    if manifest is None:
        return entries, {}
    with manifest.open() as binary:
        raw = binary.read(MANIFEST_MAX_BYTES + 1)
    if len(raw) > MANIFEST_MAX_BYTES:
        raise Invalid(_("The metadata file is larger than 20 MB."))
    text = raw.decode("utf-8-sig", errors="replace")
    if manifest.name.lower().endswith(".jsonl"):
        rows = _jsonl_rows(text, manifest.name)
    else:
        delimiter = "\t" if manifest.name.lower().endswith(".tsv") else ","
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    fields = {}
    for row in rows:
        if not isinstance(row, dict):
            continue
        name = str(row.get("file_name") or row.get("file") or "")
        extra = {key: str(value)[:10_000] for key, value in row.items() if key not in ("file_name", "file") and value}
        fields[PurePosixPath(name).name] = extra
    return [entry for entry in entries if entry is not manifest], fields
