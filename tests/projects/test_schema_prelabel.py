"""A manager imports items with model predictions; workers start from them and the answer records what was kept."""

import json

import pytest
from django.core.files.base import ContentFile
from django.utils import translation

from datadam.labeling import services as labeling
from datadam.projects.imports import services as imports
from datadam.projects.models import ImportBatch, Item

NER = {
    "controls": [
        {"type": "spans", "name": "entities", "labels": ["PS", "OG"], "required": False},
        {"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]},
    ]
}
SPAN = {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"}


@pytest.fixture
def ner_project(cast):
    cast.project.schema = NER
    cast.project.save(update_fields=["schema"])
    return cast.project


def _import(cast, name: str, content: str) -> ImportBatch:
    upload = ContentFile(content.encode(), name=name)
    with translation.override("en"):
        batch = imports.import_batch_create(actor=cast.manager, project=cast.project, upload=upload, file_name=name)
        return imports.import_batch_run(batch_id=batch.id)


def _imported(cast) -> list[Item]:
    return list(Item.objects.filter(project=cast.project, batch__isnull=False).order_by("id"))


def test_jsonl_predictions_are_validated_and_stored_with_source_import(cast, ner_project) -> None:
    rows = [
        {"text": "홍길동이 왔다", "predictions": {"entities": [SPAN], "sentiment": "positive"}},
        {"text": "조용하다", "predictions": {"result": {"sentiment": "negative"}, "confidence": 0.75}},
        {"text": "예측 없음"},
    ]
    content = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)

    batch = _import(cast, "pre.jsonl", content)

    assert batch.status == ImportBatch.Status.PUBLISHED, batch.errors
    first, second, third = _imported(cast)
    assert first.prediction == {
        "result": {"entities": [SPAN], "sentiment": "positive"},
        "source": "import",
        "confidence": None,
    }
    assert second.prediction == {"result": {"sentiment": "negative"}, "source": "import", "confidence": 0.75}
    assert third.prediction is None
    assert "predictions" not in first.data.get("meta", {})


def test_csv_predictions_are_a_json_column(cast, ner_project) -> None:
    prediction = json.dumps({"sentiment": "positive"})
    content = 'text,predictions\n좋다,"' + prediction.replace('"', '""') + '"\n나쁘다,\n'

    batch = _import(cast, "pre.csv", content)

    assert batch.status == ImportBatch.Status.PUBLISHED, batch.errors
    assert [item.prediction and item.prediction["result"] for item in _imported(cast)] == [
        {"sentiment": "positive"},
        None,
    ]


def test_a_prediction_past_the_end_of_the_text_rejects_the_file_naming_line_and_control(cast, ner_project) -> None:
    far = {**SPAN, "end": 30, "text": None}
    far.pop("text")
    content = "\n".join(
        [
            json.dumps({"text": "홍길동이 왔다", "predictions": {"sentiment": "positive"}}, ensure_ascii=False),
            json.dumps({"text": "홍길동", "predictions": {"entities": [far]}}, ensure_ascii=False),
            json.dumps({"text": "x", "predictions": "{not json"}),
        ]
    )

    batch = _import(cast, "bad.jsonl", content)

    assert batch.status == ImportBatch.Status.FAILED
    assert [(error["line"], error["reason"][:25]) for error in batch.errors] == [
        (2, "Predictions: entities: sp"),
        (3, "The predictions column is"),
    ]
    assert "outside the text" in batch.errors[0]["reason"]
    assert not _imported(cast)


def test_a_submitted_answer_records_which_predicted_controls_were_kept_and_changed(cast) -> None:
    Item.objects.filter(project=cast.project).update(
        prediction={
            "result": {"sentiment": "positive", "note": "모델 메모"},
            "source": "model:kobert",
            "confidence": 0.9,
        }
    )
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)

    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive", "note": "고친 메모"}
    )

    annotation.refresh_from_db()
    assert annotation.prelabel == {"source": "model:kobert", "kept": ["sentiment"], "changed": ["note"]}


def test_without_a_prediction_the_answer_has_no_prelabel_record(cast) -> None:
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)

    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative"}
    )

    annotation.refresh_from_db()
    assert annotation.prelabel is None
