"""A new control kind is one new module: registered in the test suite only, the `tally` control of
tests/projects/toy_control.py is validated, labeled through the real page and API, exported and scored,
and no other module of Datadam learns its name."""

import csv
import io
import json

import pytest

from datadam.core.errors import SchemaViolation
from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation
from datadam.projects.models import Project
from datadam.projects.schema import controls
from datadam.projects.schema.answers import answer_describe
from datadam.projects.schema.validate import schema_parse
from datadam.quality import selectors as quality_selectors
from datadam.quality import services as quality
from datadam.quality.models import QualityPolicy
from datadam.releases import services as releases
from datadam.review import services as review
from tests.conftest import Cast, client_for
from tests.projects import toy_control

SCHEMA = {
    "controls": [
        {"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]},
        {"type": "tally", "name": "birds", "title": "Birds in the picture", "most": 20},
    ]
}


@pytest.fixture
def tally_project(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> Cast:
    monkeypatch.setitem(controls.KINDS, "tally", None)  # so that the kind is removed again after the test
    controls.register("tally", toy_control)
    Project.objects.filter(id=cast.project.id).update(schema=SCHEMA)
    cast.project.refresh_from_db()
    return cast


def test_a_control_module_missing_a_part_of_the_protocol_is_refused() -> None:
    with pytest.raises(TypeError, match="from_form"):
        controls.register("broken", json, kinds={})


def test_the_schema_checks_the_new_kinds_own_settings(tally_project: Cast) -> None:
    assert schema_parse(SCHEMA).controls[1].most == 20

    with pytest.raises(SchemaViolation, match=r"controls\[0\]\.most"):
        schema_parse({"controls": [{"type": "tally", "name": "birds", "most": 0}]})


def test_a_labeler_counts_on_the_labeling_page_and_a_wrong_count_is_refused_by_the_api(tally_project: Cast) -> None:
    cast = tally_project
    client = client_for(cast.labeler)
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)

    page = client.get(f"/projects/{cast.project.id}/tasks/{lease.id}/")
    refused = client.post(
        f"/api/v1/assignments/{lease.id}/submit",
        {"result": {"sentiment": "positive", "birds": 21}},
        content_type="application/json",
    )
    too_many = client.post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {"sentiment": "positive", "birds": "25"}
    )
    posted = client.post(
        f"/projects/{cast.project.id}/tasks/{lease.id}/submit/", {"sentiment": "positive", "birds": "7"}
    )

    assert page.status_code == 200 and 'name="birds"' in page.content.decode()
    assert refused.status_code == 422 and "birds: count from 0 to 20" in refused.json()["detail"]
    assert too_many.status_code == 422 and ">25</textarea>" in too_many.content.decode()
    assert posted.status_code == 302
    assert Annotation.objects.get().result == {"sentiment": "positive", "birds": 7}


def test_the_count_is_exported_as_a_number_in_csv_and_json_lines(tally_project: Cast) -> None:
    cast = tally_project
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    annotation, _created = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative", "birds": 3}
    )
    review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    table = "".join(releases.export_stream(actor=cast.manager, project=cast.project, file_format="csv"))
    lines = "".join(releases.export_stream(actor=cast.manager, project=cast.project, file_format="jsonl"))

    [row] = csv.DictReader(io.StringIO(table.lstrip("\ufeff")))
    assert (row["sentiment"], row["birds"]) == ("negative", "3")
    [line] = [json.loads(text) for text in lines.splitlines()]
    assert line["annotations"][0]["result"] == {"sentiment": "negative", "birds": 3}


def test_an_answer_on_a_gold_item_is_scored_by_the_new_kinds_score(tally_project: Cast) -> None:
    cast = tally_project
    quality.gold_item_create(
        actor=cast.manager,
        project=cast.project,
        data={"text": "새 여덟 마리"},
        answer={"sentiment": "positive", "birds": 8},
    )
    quality.policy_update(actor=cast.manager, project=cast.project, honeypot_share=0.5)
    QualityPolicy.objects.filter(project=cast.project).update(honeypot_share=1.0)  # the gold item comes first
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    labeling.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive", "birds": 6})

    accuracy = quality_selectors.gold_accuracy_for_worker(project=cast.project, worker=cast.labeler)

    assert accuracy["answers"] == 1
    assert accuracy["accuracy"] == pytest.approx((1.0 + (1 - 2 / 8)) / 2)
    schema = schema_parse(SCHEMA)
    assert answer_describe(schema, {"birds": 6}) == [("Birds in the picture", "6 counted")]
