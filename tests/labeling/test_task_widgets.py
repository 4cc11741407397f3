"""The task and review pages with region controls: one widget per item field, values in and out as JSON,
pre-labels shown as a marked, editable start."""

import io
import json
import wave

from django.http import QueryDict
from django.urls import reverse
from PIL import Image

from datadam.labeling import page_layout, services
from datadam.labeling.models import Annotation
from datadam.media import services as media_services
from datadam.projects.models import Item, Project
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import schema_parse
from tests.conftest import Cast, client_for

SCHEMA = {
    "controls": [
        {"type": "boxes", "name": "objects", "labels": ["cat", "dog"]},
        {"type": "polygons", "name": "areas", "required": False, "labels": ["road"]},
        {"type": "choices", "name": "weather", "labels": ["sunny", "rainy"]},
        {"type": "rating", "name": "quality", "required": False, "max": 3},
    ]
}
BOX = {"id": "b1", "x": 10, "y": 20, "width": 30, "height": 15, "label": "cat"}


def _image_project(cast: Cast, prediction: dict | None = None) -> Project:
    project = cast.project
    Project.objects.filter(id=project.id).update(schema=SCHEMA, data_type="image")
    project.refresh_from_db()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 10)).save(buffer, format="PNG")
    stream = io.BytesIO(buffer.getvalue())
    media = media_services.media_file_store(project=project, name="강아지 사진.png", stream=stream)
    media_services.media_file_probe(media=media)
    Item.objects.filter(project=project).update(
        data={"image": f"media:{media.id}", "image_width": 64, "image_height": 48}, prediction=prediction or {}
    )
    return project


def _post(**fields: str) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in fields.items():
        query[key] = value
    return query


def test_region_values_come_from_their_json_fields_and_garbage_is_left_out() -> None:
    schema = schema_parse(SCHEMA)

    result = answer_from_post(
        schema, _post(objects=json.dumps([BOX]), areas="{not json", weather="sunny", quality="2")
    )

    assert result == {"objects": [BOX], "weather": "sunny", "quality": 2}
    # A rating typed as a word is kept, so validation tells the person what a rating must be.
    assert answer_from_post(schema, _post(objects="[]", quality="nine")) == {"quality": "nine"}


def test_controls_on_one_image_share_one_widget_and_plain_fields_keep_their_place() -> None:
    schema = schema_parse(SCHEMA)

    blocks = page_layout.blocks_for_display(
        schema, {"objects": [BOX]}, data={"image_width": 64, "image_height": 48}, media={"image": {"url": "/m/1"}}
    )

    assert [block["widget"] for block in blocks] == ["image", "", ""]
    image = blocks[0]
    assert [entry["control"].name for entry in image["entries"]] == ["objects", "areas"]
    assert image["url"] == "/m/1" and (image["width"], image["height"]) == (64, 48)
    assert json.loads(image["entries"][0]["json"]) == [BOX]
    hotkeys = [label["hotkey"] for entry in image["entries"] for label in entry["labels"]]
    assert hotkeys == ["1", "2", "3"]
    assert page_layout.widget_kinds(blocks) == ["image"]


def test_relations_are_drawn_on_the_text_of_the_spans_they_link() -> None:
    schema = schema_parse({
        "controls": [
            {"type": "spans", "name": "entities", "source": "body", "labels": ["PS"]},
            {"type": "relations", "name": "links", "spans": "entities", "labels": ["knows"]},
        ]
    })

    [block] = page_layout.blocks_for_display(schema, {}, data={"body": "홍길동"}, media={})

    assert block["widget"] == "text" and block["source"] == "body" and block["text"] == "홍길동"
    assert [entry["control"].name for entry in block["entries"]] == ["entities", "links"]


def test_labeler_sees_the_image_and_the_pre_label_marked_as_pre_filled(cast: Cast) -> None:
    project = _image_project(cast, prediction={"result": {"objects": [BOX], "nope": 1}, "source": "model:x"})
    lease = services.assignment_lease_next(actor=cast.labeler, project=project)

    page = client_for(cast.labeler).get(reverse("labeling:task", args=[project.id, lease.id]))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-widget="image"' in html and "label_image.js" in html and "label_text.js" not in html
    assert 'data-testid="prefilled-note"' in html
    assert "&quot;id&quot;: &quot;b1&quot;" in html  # the pre-label is the widget's start
    assert 'data-url="/files/' in html  # the media app's expiring, per-person link


def test_a_saved_draft_wins_over_the_pre_label(cast: Cast) -> None:
    project = _image_project(cast, prediction={"result": {"objects": [BOX]}})
    lease = services.assignment_lease_next(actor=cast.labeler, project=project)
    services.assignment_draft_save(actor=cast.labeler, assignment_id=lease.id, result={"weather": "rainy"})

    html = client_for(cast.labeler).get(reverse("labeling:task", args=[project.id, lease.id])).content.decode()

    assert 'data-testid="prefilled-note"' not in html
    assert "&quot;b1&quot;" not in html


def test_boxes_posted_by_the_form_are_stored_as_drawn(cast: Cast) -> None:
    project = _image_project(cast)
    lease = services.assignment_lease_next(actor=cast.labeler, project=project)

    response = client_for(cast.labeler).post(
        reverse("labeling:submit", args=[project.id, lease.id]),
        {"objects": json.dumps([BOX]), "weather": "sunny", "quality": "3"},
    )

    assert response.status_code == 302
    assert Annotation.objects.get().result == {"objects": [BOX], "weather": "sunny", "quality": 3}


def test_reviewer_sees_the_boxes_read_only_and_an_editable_copy_to_correct(cast: Cast) -> None:
    project = _image_project(cast)
    lease = services.assignment_lease_next(actor=cast.labeler, project=project)
    annotation, _ = services.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"objects": [BOX], "weather": "sunny"}
    )

    html = client_for(cast.reviewer).get(reverse("review:work", args=[project.id, annotation.id])).content.decode()

    assert 'data-testid="answer-widget-image"' in html and 'data-readonly="true"' in html
    assert 'data-testid="widget-image"' in html and 'name="objects"' in html
    assert html.count("&quot;b1&quot;") == 2


def test_a_box_outside_the_image_is_refused_and_the_page_keeps_what_was_drawn(cast: Cast) -> None:
    project = _image_project(cast)
    lease = services.assignment_lease_next(actor=cast.labeler, project=project)
    outside = {**BOX, "x": 60}

    response = client_for(cast.labeler).post(
        reverse("labeling:submit", args=[project.id, lease.id]), {"objects": json.dumps([outside]), "weather": "sunny"}
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "objects" in html and "&quot;x&quot;: 60" in html
    assert not Annotation.objects.exists()


def test_a_recording_with_only_choices_to_answer_is_played_with_the_browsers_own_player(cast: Cast) -> None:
    project = cast.project
    Project.objects.filter(id=project.id).update(
        schema={"controls": [{"type": "choices", "name": "digit", "labels": ["0", "1"]}]}, data_type="audio"
    )
    project.refresh_from_db()
    media = media_services.media_file_store(project=project, name="숫자.wav", stream=io.BytesIO(_wav()))
    media_services.media_file_probe(media=media)
    Item.objects.filter(project=project).update(data={"audio": f"media:{media.id}"})
    lease = services.assignment_lease_next(actor=cast.labeler, project=project)

    html = client_for(cast.labeler).get(reverse("labeling:task", args=[project.id, lease.id])).content.decode()

    assert '<audio controls preload="metadata" src="/files/' in html
    assert "label_audio.js" not in html


def _wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\\x00\\x10" * 4000)
    return buffer.getvalue()
