"""The project builder's preview: the task page as a labeler will see it, drawn for a schema still being written."""

import json

from tests.conftest import client_for

BOXES = {"controls": [{"type": "boxes", "name": "objects", "labels": ["car"]}]}
SEGMENTS = {"controls": [{"type": "segments", "name": "speech", "labels": ["talk"], "transcript": True}]}


def _preview(client, schema: object, data_type: str = "text", url: str = "/projects/preview/"):
    return client.post(url, {"schema": json.dumps(schema), "data_type": data_type})


def test_a_new_image_project_is_previewed_on_the_sample_photo(cast) -> None:
    page = _preview(client_for(cast.manager), BOXES, "image")

    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-widget="image"' in html and "samples/photo.jpg" in html and 'data-width="640"' in html


def test_a_new_audio_project_is_previewed_on_the_sample_recording(cast) -> None:
    html = _preview(client_for(cast.manager), SEGMENTS, "audio").content.decode()

    assert 'data-widget="audio"' in html and "samples/speech.wav" in html and 'data-transcript="true"' in html


def test_an_existing_project_is_previewed_on_its_first_item(cast) -> None:
    html = _preview(client_for(cast.manager), cast.project.schema, url=f"/projects/{cast.project.id}/preview/")

    assert cast.items[0].data["text"] in html.content.decode()


def test_a_schema_mistake_is_shown_instead_of_the_page(cast) -> None:
    html = _preview(client_for(cast.manager), {"controls": [{"type": "rating", "name": "r", "max": 40}]})

    assert "controls[0].max: 10 이하여야 합니다" in html.content.decode()


def test_text_that_is_not_json_yet_says_so(cast) -> None:
    page = client_for(cast.manager).post("/projects/preview/", {"schema": '{"controls": ['})

    assert "스키마가 아직 올바른 JSON이 아닙니다." in page.content.decode()


def test_the_preview_is_for_staff_and_a_projects_own_managers(cast) -> None:
    assert _preview(client_for(cast.labeler), BOXES, "image").status_code == 404
    assert _preview(client_for(cast.outsider), BOXES, url=f"/projects/{cast.project.id}/preview/").status_code == 404
    assert client_for(cast.manager).get("/projects/preview/").status_code == 405


def test_the_edit_page_shows_the_builder_and_the_preview_of_the_first_item(cast) -> None:
    html = client_for(cast.manager).get(f"/projects/{cast.project.id}/edit/").content.decode()

    assert "data-schema-builder" in html and 'id="control-kinds"' in html
    assert cast.items[0].data["text"] in html
