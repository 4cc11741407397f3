"""Boxes and segments are checked against the size and length the media app measured for the item's file."""

import pytest
from django.utils import translation

from datadam.core.errors import SchemaViolation
from datadam.media.models import MediaFile
from datadam.projects.schema.validate import annotation_validate, schema_parse

SCHEMA = schema_parse(
    {
        "controls": [
            {"type": "boxes", "name": "objects", "labels": ["cat"], "required": False},
            {"type": "segments", "name": "speech", "labels": ["speech"], "source": "audio", "required": False},
        ]
    }
)


def _media(cast, project, **figures) -> MediaFile:
    return MediaFile.objects.create(
        organization=project.organization, project=project, storage_key="k", original_name="f", **figures
    )


def test_a_box_past_the_probed_image_width_is_refused(cast) -> None:
    image = _media(cast, cast.project, kind=MediaFile.Kind.IMAGE, width=200, height=100)
    box = [{"id": "b1", "x": 150, "y": 0, "width": 60, "height": 10, "label": "cat"}]
    data = {"image": image.reference}

    with translation.override("en"), pytest.raises(SchemaViolation, match="objects: box b1 is outside the image"):
        annotation_validate(SCHEMA, {"objects": box}, data, project_id=cast.project.id)
    inside = [{**box[0], "x": 140}]
    assert annotation_validate(SCHEMA, {"objects": inside}, data, project_id=cast.project.id)


def test_a_segment_past_the_probed_audio_length_is_refused(cast) -> None:
    audio = _media(cast, cast.project, kind=MediaFile.Kind.AUDIO, duration=2.0)
    segment = [{"id": "g1", "start": 1.0, "end": 2.5, "label": "speech"}]

    with translation.override("en"), pytest.raises(SchemaViolation, match="speech: segment g1 is outside the audio"):
        annotation_validate(SCHEMA, {"speech": segment}, {"audio": audio.reference}, project_id=cast.project.id)


def test_another_projects_file_gives_no_figures(cast) -> None:
    foreign = _media(cast, cast.project_b, kind=MediaFile.Kind.IMAGE, width=10, height=10)
    box = [{"id": "b1", "x": 150, "y": 0, "width": 60, "height": 10, "label": "cat"}]

    assert annotation_validate(SCHEMA, {"objects": box}, {"image": foreign.reference}, project_id=cast.project.id)
