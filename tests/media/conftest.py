"""Media fixtures: small real images and sounds made on the spot, and a helper to store them."""

import io
import wave
from collections.abc import Iterator

import numpy as np
import pytest
from django.utils import translation
from PIL import Image

from datadam.media import services
from datadam.media.models import MediaFile
from datadam.projects.models import Project


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(width: int = 64, height: int = 48, exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (20, 120, 200))
    image.save(buffer, format="JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def wav_bytes(seconds: float = 1.0, rate: int = 8000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * np.pi * 440 * t) * 12000).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def store(project: Project, name: str, content: bytes, probe: bool = True) -> MediaFile:
    media = services.media_file_store(project=project, name=name, stream=io.BytesIO(content))
    return services.media_file_probe(media=media) if probe else media


@pytest.fixture
def image_project(cast) -> Project:
    Project.objects.filter(id=cast.project.id).update(data_type=Project.DataType.IMAGE)
    cast.project.refresh_from_db()
    return cast.project


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English; the Korean catalog is checked by tests/core/test_language.py."""
    with translation.override("en"):
        yield
