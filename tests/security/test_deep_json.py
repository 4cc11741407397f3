"""A script sends JSON nested hundreds or thousands of levels deep to every place the server reads JSON.

Each answers 422 (an import: its clear error with the file and line), names the path where the 32-level limit
was passed, and stores nothing. Nothing answers 500, however deep the value. Depth 32 itself still passes
where the schema allows it.
"""

import io
import json
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from datadam.academy import selectors as academy_selectors
from datadam.academy.models import PracticeAnswer
from datadam.academy.services import cohorts
from datadam.accounts.models import User
from datadam.assist.backend import BackendClient, BackendError
from datadam.core.errors import Invalid
from datadam.labeling import services as labeling_services
from datadam.labeling.models import Annotation, Assignment
from datadam.media import sources
from datadam.projects.models import Item, Project
from datadam.quality.models import GoldItem
from tests.academy.builders import make_cohort, make_course
from tests.conftest import Cast
from tests.projects.test_project_edit import form_of

JSON = "application/json"
TOO_DEEP = [33, 500, 3_000, 100_000]
LIMIT_MESSAGE = "nested deeper than 32 levels"


def nested(depth: int) -> str:
    """JSON text of a value holding `depth` containers, one inside the other: [[[…]]]."""
    return "[" * depth + "]" * depth


def body(depth: int, *keys: str) -> str:
    """An object with the given keys down to a nested list, `depth` containers in all, the outer ones included."""
    return "".join(f'{{"{key}": ' for key in keys) + nested(depth - len(keys)) + "}" * len(keys)


def client_for(user: User) -> Client:
    """A logged-in browser or script that asks for English, so the messages can be matched."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def assert_refused_for_depth(response) -> None:
    assert response.status_code == 422, response.content[:300]
    assert LIMIT_MESSAGE in response.content.decode(), response.content[:300]


@pytest.fixture
def lease(cast: Cast) -> Assignment:
    return labeling_services.assignment_lease_next(actor=cast.labeler, project=cast.project)


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_labeler_submitting_a_deeply_nested_answer_by_api_gets_422_and_nothing_is_stored(
    cast: Cast, lease: Assignment, depth: int
) -> None:
    response = client_for(cast.labeler).post(
        f"/api/v1/assignments/{lease.id}/submit", body(depth, "result", "note"), content_type=JSON
    )

    assert_refused_for_depth(response)
    assert "$.result.note[0][0]" in response.json()["detail"]
    assert not Annotation.objects.filter(assignment_id=lease.id).exists()


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_labeler_saving_a_deeply_nested_draft_by_api_gets_422_and_the_draft_stays_empty(
    cast: Cast, lease: Assignment, depth: int
) -> None:
    response = client_for(cast.labeler).put(
        f"/api/v1/assignments/{lease.id}/draft", body(depth, "result", "note"), content_type=JSON
    )

    assert_refused_for_depth(response)
    assert Assignment.objects.get(id=lease.id).draft is None


def test_a_draft_nested_exactly_32_levels_deep_is_still_saved(cast: Cast, lease: Assignment) -> None:
    sent = body(32, "result", "note")

    response = client_for(cast.labeler).put(f"/api/v1/assignments/{lease.id}/draft", sent, content_type=JSON)

    assert response.status_code == 200
    assert Assignment.objects.get(id=lease.id).draft == json.loads(sent)["result"]


def test_a_service_given_a_value_100000_levels_deep_refuses_it_without_running_out_of_stack(
    cast: Cast, lease: Assignment
) -> None:
    deep: list = []
    inner = deep
    for _ in range(100_000):
        inner.append([])
        inner = inner[0]

    with translation.override("en"), pytest.raises(Invalid, match=LIMIT_MESSAGE):
        labeling_services.assignment_draft_save(actor=cast.labeler, assignment_id=lease.id, result={"note": deep})

    assert Assignment.objects.get(id=lease.id).draft is None


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_the_labeling_page_refuses_a_region_field_nested_too_deep_and_stores_nothing(cast: Cast, depth: int) -> None:
    Project.objects.filter(id=cast.project.id).update(
        schema={"controls": [{"type": "spans", "name": "entities", "labels": ["PS"], "required": False}]}
    )
    lease = labeling_services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    response = client_for(cast.labeler).post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {"entities": nested(depth)}
    )

    assert_refused_for_depth(response)
    assert "$.entities[0]" in response.content.decode()
    assert not Annotation.objects.filter(assignment_id=lease.id).exists()


def test_the_labeling_page_refuses_a_region_field_over_its_size_limit_instead_of_dropping_it(cast: Cast) -> None:
    Project.objects.filter(id=cast.project.id).update(
        schema={"controls": [{"type": "spans", "name": "entities", "labels": ["PS"], "required": False}]}
    )
    lease = labeling_services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    regions = json.dumps([{"start": 0, "end": 1, "label": "PS"}] * 60_000)  # about 2.2 MB

    response = client_for(cast.labeler).post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {"entities": regions}
    )

    assert response.status_code == 422
    assert "$.entities: the JSON is 2.2\xa0MB, more than the 1.9\xa0MB allowed." in response.content.decode()
    assert not Annotation.objects.filter(assignment_id=lease.id).exists()


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_trainee_sending_a_deeply_nested_practice_answer_gets_422_and_nothing_is_kept(cast: Cast, depth: int) -> None:
    course = make_course(cast.manager, practice=1, evaluation=1)
    cohorts.cohort_apply(actor=cast.labeler, cohort=make_cohort(cast.manager, course))
    item = academy_selectors.practice_items(course)[0]

    response = client_for(cast.labeler).post(
        f"/api/v1/academy/practice-items/{item.id}/answer", body(depth, "answer", "sentiment"), content_type=JSON
    )

    assert_refused_for_depth(response)
    assert not PracticeAnswer.objects.filter(course_item=item).exists()


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_manager_sending_a_deeply_nested_schema_by_api_gets_422_and_the_schema_is_unchanged(
    cast: Cast, depth: int
) -> None:
    response = client_for(cast.manager).patch(
        f"/api/v1/projects/{cast.project.id}", body(depth, "schema", "controls"), content_type=JSON
    )

    assert_refused_for_depth(response)
    assert Project.objects.get(id=cast.project.id).schema == cast.project.schema


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_manager_pasting_a_deeply_nested_schema_on_the_edit_page_is_told_and_nothing_changes(
    cast: Cast, depth: int
) -> None:
    response = client_for(cast.manager).post(
        f"/projects/{cast.project.id}/edit/", form_of(cast.project, schema=body(depth, "controls"))
    )

    assert response.status_code == 422  # the schema is refused by the project service; the page says why
    assert LIMIT_MESSAGE in response.content.decode()
    assert Project.objects.get(id=cast.project.id).schema == cast.project.schema


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_an_import_line_nested_too_deep_is_named_with_file_and_line_and_nothing_is_imported(
    cast: Cast, depth: int
) -> None:
    lines = ['{"text": "좋아요"}', '{"text": "별로", "meta": ' + nested(depth - 1) + "}", '{"text": "보통"}']
    upload = SimpleUploadedFile("deep.jsonl", "\n".join(lines).encode())
    before = Item.objects.filter(project=cast.project).count()

    response = client_for(cast.manager).post(f"/api/v1/projects/{cast.project.id}/imports", {"file": upload})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["file"], error["line"]) == ("deep.jsonl", 2)
    assert LIMIT_MESSAGE in error["reason"]
    assert Item.objects.filter(project=cast.project).count() == before


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_a_gold_item_with_a_deeply_nested_answer_is_refused_on_the_page_and_nothing_is_kept(
    cast: Cast, depth: int
) -> None:
    response = client_for(cast.manager).post(
        f"/projects/{cast.project.id}/quality/gold/",
        {"data": '{"text": "좋아요"}', "answer": body(depth, "sentiment"), "explanation": ""},
        follow=True,
    )

    assert response.status_code == 200  # the page sends the manager back to the quality page with the message
    assert LIMIT_MESSAGE in response.content.decode()
    assert not GoldItem.objects.filter(project=cast.project).exists()


@pytest.mark.parametrize("depth", [33, 100_000])
def test_a_predictions_cell_nested_too_deep_is_named_with_file_and_line(cast: Cast, depth: int) -> None:
    cell = nested(depth).replace('"', '""')
    upload = SimpleUploadedFile("pre.csv", f'text,predictions\n좋아요,\n별로,"{cell}"\n'.encode())

    response = client_for(cast.manager).post(f"/api/v1/projects/{cast.project.id}/imports", {"file": upload})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["file"], error["line"]) == ("pre.csv", 3)
    assert "$.predictions[0]" in error["reason"] and LIMIT_MESSAGE in error["reason"]


@pytest.mark.parametrize("depth", [33, 100_000])
def test_a_media_metadata_line_nested_too_deep_is_refused_naming_file_and_line(depth: int) -> None:
    data = ('{"file_name": "a.wav", "prompt": "하나"}\n{"file_name": "b.wav", "x": ' + nested(depth) + "}\n").encode()
    manifest = sources.Entry(name="metadata.jsonl", size=len(data), open=lambda: io.BytesIO(data))

    with translation.override("en"), pytest.raises(Invalid) as refused:
        sources.manifest_split([manifest])

    assert refused.value.message.startswith("metadata.jsonl: Line 2: $.x[0]")
    assert LIMIT_MESSAGE in refused.value.message


def test_a_model_backend_answering_json_nested_too_deep_is_a_malformed_answer_not_a_crash() -> None:
    answer = io.BytesIO(('{"status": "ok", "model": ' + nested(100_000) + "}").encode())

    with mock.patch("urllib.request.urlopen", return_value=answer), pytest.raises(BackendError) as failure:
        BackendClient("http://backend.example", retries=0).health()

    assert failure.value.what == "malformed"
