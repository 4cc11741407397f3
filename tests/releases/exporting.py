"""What the export tests share: labeled projects of each data type, built from the real files in tests/data."""

import io
import wave
import zipfile
from pathlib import Path

import numpy as np
from django.utils import timezone
from PIL import Image

from datadam.labeling.models import Annotation, Assignment
from datadam.media import services as media_services
from datadam.projects.models import Item, Project
from datadam.releases.exporters import FORMATS
from tests import factories

DATA = Path(__file__).resolve().parent.parent / "data"
GRAY_IMAGE = DATA / "coins_gray.png"  # 384 × 303, mode L
RGB_IMAGE = DATA / "rocket_rgb.jpg"  # 640 × 427, mode RGB
RECORDINGS = [DATA / "digit_three.wav", DATA / "digit_seven.wav"]  # 8 kHz mono, 0.379 s and 0.446 s
POSE = ["head", "left_hand", "right_hand", "feet"]


def jpeg(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def wav(seconds: float, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.zeros(int(seconds * rate), dtype="<i2").tobytes())
    return buffer.getvalue()


def accepted(item: Item, result: dict, author, status: str = Annotation.Status.ACCEPTED) -> Annotation:
    now = timezone.now()
    assignment = Assignment.objects.create(
        item=item,
        project=item.project,
        worker=author,
        status=Assignment.Status.SUBMITTED,
        leased_at=now,
        expires_at=now,
    )
    return Annotation.objects.create(
        assignment=assignment, project=item.project, item=item, author=author, result=result, status=status
    )


def media_item(project: Project, name: str, content: bytes, field: str) -> Item:
    stored = media_services.media_file_store(project=project, name=name, stream=io.BytesIO(content))
    stored = media_services.media_file_probe(media=stored)
    return factories.ItemFactory(project=project, data={field: stored.reference})


def collect(project: Project, name: str) -> bytes:
    pieces = FORMATS[name].rows(project, "accepted")
    return b"".join(piece.encode() if isinstance(piece, str) else piece for piece in pieces)


def unzip(body: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None
        archive.extractall(folder)
    return folder


TEXT_SCHEMA = {
    "controls": [
        {"type": "spans", "name": "entities", "labels": ["PS", "OG"], "required": False},
        {"type": "choices", "name": "topic", "labels": ["work", "travel"], "required": False},
    ]
}
IMAGE_SCHEMA = {
    "controls": [
        {"type": "boxes", "name": "objects", "labels": ["person", "coin"]},
        {"type": "keypoints", "name": "pose", "labels": POSE, "required": False},
        {"type": "choices", "name": "scene", "labels": ["indoor", "outdoor"], "required": False},
    ]
}
AUDIO_SCHEMA = {
    "controls": [
        {"type": "segments", "name": "speech", "labels": ["digit"], "transcript": True, "required": False},
        {"type": "text", "name": "transcript", "required": False},
    ]
}


def text_project(cast) -> Project:
    project = factories.ProjectFactory(organization=cast.project.organization, schema=TEXT_SCHEMA)
    item = factories.ItemFactory(project=project, data={"text": "홍길동이 삼성전자에 다닌다"})
    spans = [{"id": "s1", "start": 0, "end": 3, "label": "PS"}, {"id": "s2", "start": 5, "end": 9, "label": "OG"}]
    accepted(item, {"entities": spans, "topic": "work"}, cast.labeler)
    return project


def image_project(cast) -> Project:
    """A gray photo of coins with two boxes and a colour photo with a person: box and pose keypoints."""
    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=IMAGE_SCHEMA, data_type=Project.DataType.IMAGE
    )
    coins = media_item(project, "coins.png", GRAY_IMAGE.read_bytes(), "image")
    rocket = media_item(project, "rocket.jpg", RGB_IMAGE.read_bytes(), "image")
    boxes = [
        {"id": "b1", "x": 10.4, "y": 20.6, "width": 50.2, "height": 40.3, "label": "coin"},
        {"id": "b2", "x": 0, "y": 0, "width": 384, "height": 303, "label": "coin"},
    ]
    accepted(coins, {"objects": boxes, "pose": []}, cast.labeler)
    points = [
        {"id": "k1", "x": 300.5, "y": 100.25, "label": "head"},
        {"id": "k2", "x": 250, "y": 180, "label": "left_hand"},
        {"id": "k3", "x": 350, "y": 300.75, "label": "feet"},
    ]
    person = [{"id": "b1", "x": 240, "y": 90, "width": 120, "height": 220, "label": "person"}]
    accepted(rocket, {"objects": person, "pose": points, "scene": "outdoor"}, cast.labeler)
    return project


def audio_project(cast) -> Project:
    """Two spoken digits: one cut into a transcribed segment, one transcribed whole."""
    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=AUDIO_SCHEMA, data_type=Project.DataType.AUDIO
    )
    three = media_item(project, "three.wav", RECORDINGS[0].read_bytes(), "audio")
    seven = media_item(project, "seven.wav", RECORDINGS[1].read_bytes(), "audio")
    segment = {"id": "g1", "start": 0.05, "end": 0.3, "label": "digit", "text": "three"}
    accepted(three, {"speech": [segment]}, cast.labeler)
    accepted(seven, {"speech": [], "transcript": "seven"}, cast.labeler)
    return project


PROJECTS = {"text": text_project, "image": image_project, "audio": audio_project}
