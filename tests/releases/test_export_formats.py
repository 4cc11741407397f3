"""Each export format is read back by the format's own tools: pycocotools, globox, seqeval, datasets."""

import csv
import io
import json
import zipfile

import pytest
import yaml
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation
from datadam.projects.imports import services as imports
from datadam.projects.models import Item, Project
from datadam.releases.exporters import formats_for
from datadam.releases.services import exports
from tests import factories
from tests.conftest import client_for
from tests.releases.exporting import accepted, collect, jpeg, media_item, unzip

IMAGE_SCHEMA = {
    "controls": [
        {"type": "boxes", "name": "objects", "labels": ["cat", "dog"]},
        {"type": "polygons", "name": "areas", "labels": ["road"], "required": False},
        {"type": "choices", "name": "scene", "labels": ["indoor", "outdoor"], "required": False},
    ]
}
BOXES = [
    [{"id": "b1", "x": 4, "y": 6, "width": 20, "height": 10, "label": "cat"}],
    [
        {"id": "b1", "x": 0, "y": 0, "width": 64, "height": 48, "label": "dog"},
        {"id": "b2", "x": 10.5, "y": 12.25, "width": 8, "height": 9, "label": "cat"},
    ],
    [],
]
ROAD = [{"id": "p1", "points": [[0, 40], [30, 20], [63, 47]], "label": "road"}]


@pytest.fixture
def image_project(cast) -> Project:
    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=IMAGE_SCHEMA, data_type=Project.DataType.IMAGE
    )
    for index, boxes in enumerate(BOXES):
        item = media_item(project, f"photo{index}.jpg", jpeg(), "image")
        accepted(item, {"objects": boxes, "areas": ROAD if index == 0 else []}, cast.labeler)
    rejected = media_item(project, "rejected.jpg", jpeg(), "image")
    accepted(rejected, {"objects": BOXES[0]}, cast.labeler, status=Annotation.Status.REJECTED)
    return project


def test_coco_is_loaded_and_evaluated_by_pycocotools(image_project, tmp_path) -> None:
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    path = tmp_path / "instances.json"
    path.write_bytes(collect(image_project, "coco"))

    gold = COCO(str(path))

    assert [gold.cats[number]["name"] for number in sorted(gold.cats)] == ["cat", "dog", "road"]
    assert len(gold.imgs) == 3 and all(image["width"] == 64 and image["height"] == 48 for image in gold.imgs.values())
    boxes = sorted(tuple(annotation["bbox"]) for annotation in gold.anns.values() if annotation["category_id"] != 3)
    assert boxes == [(0, 0, 64, 48), (4, 6, 20, 10), (10.5, 12.25, 8, 9)]
    road = next(annotation for annotation in gold.anns.values() if annotation["category_id"] == 3)
    assert road["area"] == pytest.approx(abs(0 * 20 - 30 * 40 + 30 * 47 - 63 * 20 + 63 * 40 - 0 * 47) / 2)
    for iou_type in ("bbox", "segm"):
        answers = gold.loadRes([{**annotation, "score": 1.0} for annotation in gold.anns.values()])
        evaluation = COCOeval(gold, answers, iou_type)
        evaluation.evaluate(), evaluation.accumulate(), evaluation.summarize()
        assert evaluation.stats[0] == pytest.approx(1.0)


def test_coco_zip_holds_the_json_and_every_image(image_project, tmp_path) -> None:
    folder = unzip(collect(image_project, "coco_zip"), tmp_path)
    document = json.loads((folder / "annotations" / "instances.json").read_text())

    for image in document["images"]:
        with Image.open(folder / "images" / image["file_name"]) as opened:
            assert opened.size == (image["width"], image["height"])
    assert len(document["images"]) == 3


def test_yolo_follows_the_ultralytics_layout_and_globox_reads_the_boxes_back(image_project, tmp_path) -> None:
    from globox import AnnotationSet

    folder = unzip(collect(image_project, "yolo"), tmp_path)
    config = yaml.safe_load((folder / "data.yaml").read_text())
    assert config["names"] == {0: "cat", 1: "dog", 2: "road"}
    assert (folder / config["train"]).is_dir() and (folder / config["val"]).is_dir()

    names = {str(number): name for number, name in config["names"].items()}
    read = AnnotationSet.from_yolo_v5(folder / "labels" / "train", image_folder=folder / "images" / "train")
    read = read.map_labels(names)

    found = sorted(
        (box.label, *(round(value, 2) for value in box.ltrb)) for annotation in read for box in annotation.boxes
    )
    assert found == [("cat", 4, 6, 24, 16), ("cat", 10.5, 12.25, 18.5, 21.25), ("dog", 0, 0, 64, 48)]
    assert len(read) == 3  # the image without boxes is kept as a background image


def test_pascal_voc_is_read_back_by_globox(image_project, tmp_path) -> None:
    from globox import AnnotationSet

    folder = unzip(collect(image_project, "voc"), tmp_path)

    read = AnnotationSet.from_pascal_voc(folder / "Annotations")

    found = sorted((box.label, *box.ltrb) for annotation in read for box in annotation.boxes)
    # whole pixels, 1-based and inclusive, rounded outward: x 10.5–18.5 covers pixels 10–18, written 11–19
    assert found == [("cat", 5, 7, 24, 16), ("cat", 11, 13, 19, 22), ("dog", 1, 1, 64, 48)]
    assert all(annotation.image_size == (64, 48) for annotation in read)
    assert len((folder / "ImageSets" / "Main" / "default.txt").read_text().split()) == 3
    assert len(list((folder / "JPEGImages").iterdir())) == 3


NER_SCHEMA = {
    "controls": [
        {"type": "spans", "name": "entities", "labels": ["PS", "OG", "LC"], "required": False},
        {"type": "choices", "name": "topic", "labels": ["work", "travel"], "required": False},
    ]
}
TEXTS = ["홍길동이 삼성전자에 다닌다", "New York City is big", "아무 이름 없음"]
SPANS = [
    [
        {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"},
        {"id": "s2", "start": 5, "end": 9, "label": "OG", "text": "삼성전자"},
    ],
    [{"id": "s1", "start": 0, "end": 13, "label": "LC", "text": "New York City"}],
    [],
]


@pytest.fixture
def ner_project(cast) -> Project:
    project = factories.ProjectFactory(organization=cast.project.organization, schema=NER_SCHEMA)
    for index, (text, spans) in enumerate(zip(TEXTS, SPANS, strict=True)):
        item = factories.ItemFactory(
            project=project, external_id=f"doc-{index}", data={"text": text, "meta": {"src": "x"}}
        )
        accepted(item, {"entities": spans, "topic": "work"}, cast.labeler)
    return project


def read_conll(text: str) -> list[tuple[list[str], list[str]]]:
    sentences, tokens, tags = [], [], []
    for line in text.splitlines():
        if line.startswith("# "):
            continue
        if not line.strip():
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        token, tag = line.split("\t")
        tokens.append(token)
        tags.append(tag)
    return sentences


def test_conll_bio_is_read_back_by_seqeval_with_every_span(ner_project) -> None:
    from seqeval.metrics import f1_score
    from seqeval.metrics.sequence_labeling import get_entities

    sentences = read_conll(collect(ner_project, "conll").decode())

    assert len(sentences) == 3
    assert sentences[0] == (["홍길동", "이", "삼성전자", "에", "다닌다"], ["B-PS", "O", "B-OG", "O", "O"])
    for (tokens, tags), spans in zip(sentences, SPANS, strict=True):
        entities = [(kind, "".join(tokens[start : end + 1])) for kind, start, end in get_entities(tags)]
        assert entities == [(span["label"], span["text"].replace(" ", "")) for span in spans]
    all_tags = [tags for _tokens, tags in sentences]
    assert f1_score(all_tags, all_tags) == 1.0


def test_the_data_set_csv_has_a_column_per_control_and_every_cell_exactly_as_labeled(ner_project, cast) -> None:
    item = factories.ItemFactory(project=ner_project, data={"text": "=HYPERLINK(1)"})
    accepted(item, {"topic": "travel"}, cast.labeler)

    body = collect(ner_project, "csv").decode("utf-8")

    assert not body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [row["topic"] for row in rows] == ["work", "work", "work", "travel"]
    assert json.loads(rows[0]["entities"]) == SPANS[0]
    assert rows[3]["text"] == "=HYPERLINK(1)"


def test_the_spreadsheet_safe_csv_opens_in_excel_without_running_a_formula(ner_project, cast) -> None:
    for text in ["=HYPERLINK(1)", "+cmd", "-20", "@SUM(A1)", "\tindented"]:
        accepted(factories.ItemFactory(project=ner_project, data={"text": text}), {"topic": "travel"}, cast.labeler)

    body = collect(ner_project, "csv_safe").decode("utf-8")

    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert [row["text"] for row in rows[3:]] == ["'=HYPERLINK(1)", "'+cmd", "-20", "'@SUM(A1)", "'\tindented"]
    assert rows[0]["text"] == TEXTS[0] and json.loads(rows[0]["entities"]) == SPANS[0]


def test_parquet_loads_with_hugging_face_datasets_offline(ner_project, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets

    path = tmp_path / "labels.parquet"
    path.write_bytes(collect(ner_project, "parquet"))

    loaded = datasets.load_dataset("parquet", data_files=str(path), split="train", cache_dir=str(tmp_path / "cache"))

    assert loaded.num_rows == 3
    assert loaded["text"] == TEXTS
    assert [json.loads(value) for value in loaded["entities"]] == SPANS
    assert loaded.features["item_id"].dtype == "int64"


def test_exported_predictions_imported_again_give_the_same_annotations(ner_project, cast) -> None:
    body = collect(ner_project, "prelabels")
    again = factories.ProjectFactory(organization=cast.project.organization, schema=NER_SCHEMA)
    batch = imports.import_batch_create(
        actor=cast.manager, project=again, upload=ContentFile(body, name="p.jsonl"), file_name="p.jsonl"
    )
    batch = imports.import_batch_run(batch_id=batch.id)

    assert batch.status == "published", batch.errors
    original = {item.external_id: item for item in Item.objects.filter(project=ner_project)}
    for item in Item.objects.filter(project=again):
        source = original[item.external_id]
        assert item.data == {"text": source.data["text"], "meta": {"src": "x", "id": source.external_id}}
        assert item.prediction["result"] == source.annotations.get().result
        assert item.prediction["source"] == "import"
    factories.ProjectMembershipFactory(project=again, user=cast.labeler2)
    lease = labeling.assignment_lease_next(actor=cast.labeler2, project=again)
    start = Item.objects.get(id=lease.item_id)
    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler2, assignment_id=lease.id, result=start.prediction["result"]
    )
    assert annotation.result == original[start.external_id].annotations.get().result
    assert annotation.prelabel == {"source": "import", "kept": ["entities", "topic"], "changed": []}


def test_each_format_says_which_projects_it_fits(image_project, ner_project) -> None:
    assert {"coco", "coco_zip", "yolo", "voc"} <= set(formats_for(image_project))
    assert "conll" not in formats_for(image_project)
    assert "conll" in formats_for(ner_project) and "coco" not in formats_for(ner_project)
    assert "asr" not in formats_for(ner_project) and "yolo_pose" not in formats_for(image_project)


def test_an_export_without_accepted_work_is_still_a_valid_file(cast, tmp_path) -> None:
    import pyarrow.parquet as pq

    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=IMAGE_SCHEMA, data_type=Project.DataType.IMAGE
    )

    (tmp_path / "empty.parquet").write_bytes(collect(project, "parquet"))
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
    assert json.loads(collect(project, "coco"))["images"] == []
    assert zipfile.ZipFile(io.BytesIO(collect(project, "yolo"))).namelist() == ["data.yaml"]


@pytest.mark.parametrize("name", ["yolo", "parquet", "conll"])
def test_a_background_export_job_stores_binary_and_text_formats_whole(image_project, ner_project, cast, name) -> None:
    project = ner_project if name == "conll" else image_project
    job = exports.export_job_create(actor=cast.manager, project=project, file_format=name)

    job = exports.export_job_run(job_id=job.id)

    assert job.status == "done", job.error
    with default_storage.open(job.stored_path, "rb") as stored:
        assert stored.read() == collect(project, name)


def test_streamed_export_through_the_api_gives_the_zip(image_project, cast) -> None:
    response = client_for(cast.manager).get(f"/api/v1/projects/{image_project.id}/export?file_format=voc")

    assert response.status_code == 200, response.content[:300]
    body = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
