"""Helpers for reading a built release back as a receiver would: its files on disk, hashed or unpacked."""

import hashlib
import io
import json
import wave
import zipfile
from pathlib import Path

import numpy as np
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Item
from datadam.releases.models import Release


def read(release: Release, name: str) -> bytes:
    with default_storage.open(release.files.get(name=name).stored_path, "rb") as handle:
        return handle.read()


def hashes(release: Release) -> dict[str, str]:
    """name → SHA-256 of every file of the release, read back from storage."""
    return {f.name: hashlib.sha256(read(release, f.name)).hexdigest() for f in release.files.order_by("name")}


def unpack(release: Release, folder: Path) -> Path:
    """Every file of the release written under `folder`, as a download would leave them."""
    for file in release.files.all():
        path = folder / file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(read(release, file.name))
    return folder


def archive(release: Release, prefix: str) -> zipfile.ZipFile:
    name = next(f.name for f in release.files.all() if f"/{prefix}_" in f.name)
    return zipfile.ZipFile(io.BytesIO(read(release, name)))


def labels(release: Release) -> dict[int, dict]:
    """item id → its label file, from both label archives."""
    found = {}
    for prefix in ("TL", "VL"):
        zipped = archive(release, prefix)
        for name in zipped.namelist():
            label = json.loads(zipped.read(name))
            found[label["item_id"]] = label
    return found


def export(release: Release, ending: str) -> bytes:
    name = next(f.name for f in release.files.all() if f.name.startswith("exports/") and f.name.endswith(ending))
    return read(release, name)


def accepted(item: Item, result: dict, author, status: str = Annotation.Status.ACCEPTED) -> Annotation:
    now = timezone.now()
    assignment = Assignment.objects.create(
        item=item, project=item.project, worker=author, status=Assignment.Status.SUBMITTED, leased_at=now,
        expires_at=now,
    )
    return Annotation.objects.create(
        assignment=assignment, project=item.project, item=item, author=author, result=result, status=status
    )


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def wav(seconds: float, rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.zeros(int(seconds * rate), dtype="<i2").tobytes())
    return buffer.getvalue()
