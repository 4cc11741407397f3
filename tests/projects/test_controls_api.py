"""Through the API: a box outside the image or a span past the end of the text answers 422 naming the control,
in the worker's language."""

import pytest

from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation
from datadam.projects.models import Item
from tests.conftest import client_for

SCHEMA = {
    "controls": [
        {"type": "spans", "name": "entities", "labels": ["PS"], "required": False},
        {"type": "boxes", "name": "objects", "labels": ["cat"], "required": False},
    ]
}


@pytest.fixture
def lease(cast):
    cast.project.schema = SCHEMA
    cast.project.save(update_fields=["schema"])
    Item.objects.filter(project=cast.project).update(data={"text": "홍길동", "image_width": 100, "image_height": 80})
    return labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)


@pytest.mark.parametrize(
    ("language", "result", "expected"),
    [
        (
            "en",
            {"objects": [{"id": "b1", "x": 90, "y": 0, "width": 20, "height": 5, "label": "cat"}]},
            "objects: box b1 is outside the image",
        ),
        (
            "ko",
            {"objects": [{"id": "b1", "x": 90, "y": 0, "width": 20, "height": 5, "label": "cat"}]},
            "objects: 상자 b1이(가) 이미지 밖에 있습니다",
        ),
        (
            "en",
            {"entities": [{"id": "s1", "start": 1, "end": 9, "label": "PS"}]},
            "entities: span s1: 1-9 is outside the text (0-3)",
        ),
        ("ko", {"entities": [{"id": "s1", "start": 1, "end": 9, "label": "PS"}]}, "entities: 구간 s1: 1-9이(가)"),
    ],
)
def test_a_region_outside_the_item_answers_422_naming_the_control(
    cast, lease, language: str, result: dict, expected: str
) -> None:
    client = client_for(cast.labeler)

    response = client.post(
        f"/api/v1/assignments/{lease.id}/submit",
        {"result": result},
        content_type="application/json",
        headers={"accept-language": language},
    )

    assert response.status_code == 422
    assert expected in response.json()["detail"]
    assert not Annotation.objects.exists()


def test_a_region_inside_the_item_is_stored(cast, lease) -> None:
    result = {
        "entities": [{"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"}],
        "objects": [{"id": "b1", "x": 80, "y": 0, "width": 20, "height": 80, "label": "cat"}],
    }

    response = client_for(cast.labeler).post(
        f"/api/v1/assignments/{lease.id}/submit", {"result": result}, content_type="application/json"
    )

    assert response.status_code == 201
    assert Annotation.objects.get().result == result
