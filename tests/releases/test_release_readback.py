"""A release read back with each format's own tools (pycocotools, soundfile, seqeval, Hugging Face datasets),
counted against the snapshot; each label file describes its raw file as the bytes say."""

import hashlib
import io
import json
import zipfile

import pytest
import soundfile

from datadam.media import services as media_services
from datadam.projects.models import Project
from datadam.releases import services
from tests import factories
from tests.releases.packages import accepted, archive, export, jpeg, labels, wav

IMAGE_SCHEMA = {"controls": [{"type": "boxes", "name": "objects", "labels": ["cat", "dog"]}]}
AUDIO_SCHEMA = {"controls": [{"type": "segments", "name": "speech", "labels": ["speech"], "transcript": True}]}
NER_SCHEMA = {"controls": [{"type": "spans", "name": "entities", "labels": ["PS", "OG", "LC"], "required": False}]}


def _media_item(project: Project, name: str, content: bytes, field: str):
    stored = media_services.media_file_store(project=project, name=name, stream=io.BytesIO(content))
    media_services.media_file_probe(media=stored)
    return factories.ItemFactory(project=project, data={field: stored.reference})


def _release(cast, project: Project):
    release = services.release_cut(actor=cast.manager, project=project, version="v1.0.0", validation_percent=0)
    built = services.release_build_run(release_id=release.id)
    assert built.status == "built", built.error
    return built


def test_images_keep_their_names_sizes_and_hashes_and_pycocotools_reads_every_box(cast, tmp_path) -> None:
    from pycocotools.coco import COCO

    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=IMAGE_SCHEMA, data_type=Project.DataType.IMAGE
    )
    pictures = {"고양이 사진.jpg": jpeg(64, 48), "dog.JPG": jpeg(32, 40)}
    items = {name: _media_item(project, name, content, "image") for name, content in pictures.items()}
    box = {"id": "b1", "x": 2, "y": 3, "width": 10, "height": 12, "label": "cat"}
    accepted(items["고양이 사진.jpg"], {"objects": [box]}, cast.labeler)
    accepted(items["dog.JPG"], {"objects": [box | {"label": "dog"}, box | {"id": "b2", "x": 15}]}, cast.labeler)

    release = _release(cast, project)

    for name, item in items.items():
        raw = labels(release)[item.id]["raw"]
        width, height = (64, 48) if name.startswith("고") else (32, 40)
        assert raw["original_name"] == name and raw["size"] == len(pictures[name])
        assert raw["sha256"] == hashlib.sha256(pictures[name]).hexdigest()
        assert (raw["width"], raw["height"]) == (width, height)
        assert archive(release, "TS").read(raw["file"]) == pictures[name]
    path = tmp_path / "coco.json"
    path.write_bytes(export(release, "coco.json"))
    coco = COCO(str(path))
    assert len(coco.getImgIds()) == release.entries.count() == 2
    assert len(coco.getAnnIds()) == 3
    assert {(image["width"], image["height"]) for image in coco.imgs.values()} == {(64, 48), (32, 40)}


def test_a_box_past_the_edge_of_the_image_as_measured_lowers_syntactic_accuracy(cast) -> None:
    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=IMAGE_SCHEMA, data_type=Project.DataType.IMAGE
    )
    item = _media_item(project, "small.jpg", jpeg(20, 20), "image")
    accepted(item, {"objects": [{"id": "b1", "x": 15, "y": 15, "width": 10, "height": 10, "label": "cat"}]},
             cast.labeler)

    report = _release(cast, project).report

    assert report["syntactic_accuracy"]["valid"] == 0 and report["syntactic_accuracy"]["total"] == 1


def test_recordings_give_their_length_and_rate_and_soundfile_reads_them_from_the_archive(cast) -> None:
    project = factories.ProjectFactory(
        organization=cast.project.organization, schema=AUDIO_SCHEMA, data_type=Project.DataType.AUDIO
    )
    recordings = {"인사.wav": wav(1.5, 8000), "call.wav": wav(0.5, 16000)}
    items = {name: _media_item(project, name, content, "audio") for name, content in recordings.items()}
    for item in items.values():
        accepted(item, {"speech": [{"id": "g1", "start": 0.1, "end": 0.4, "label": "speech", "text": "안녕"}]},
                 cast.labeler)

    release = _release(cast, project)

    raw_archive = archive(release, "TS")
    for name, item in items.items():
        raw = labels(release)[item.id]["raw"]
        sound = soundfile.SoundFile(io.BytesIO(raw_archive.read(raw["file"])))
        assert raw["original_name"] == name
        assert (raw["duration"], raw["sample_rate"]) == (round(sound.frames / sound.samplerate, 4), sound.samplerate)
    assert {labels(release)[item.id]["raw"]["sample_rate"] for item in items.values()} == {8000, 16000}
    asr = zipfile.ZipFile(io.BytesIO(export(release, "_asr.zip")))
    manifest = [json.loads(line) for line in asr.read("manifest.jsonl").decode().splitlines()]
    assert len(manifest) == release.entries.count() == 2
    for line in manifest:
        assert soundfile.info(io.BytesIO(asr.read(line["audio_filepath"]))).samplerate in {8000, 16000}
    assert release.report["data_statistics"]["audio_duration"]["max"] == 1.5


def test_conll_reads_back_with_seqeval_and_parquet_with_datasets_counting_the_snapshot(
    cast, tmp_path, monkeypatch
) -> None:
    from seqeval.metrics.sequence_labeling import get_entities

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import datasets

    project = factories.ProjectFactory(organization=cast.project.organization, schema=NER_SCHEMA)
    texts = ["홍길동이 삼성전자에 다닌다", "New York City is big", "아무 이름 없음"]
    spans = [
        [{"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"},
         {"id": "s2", "start": 5, "end": 9, "label": "OG", "text": "삼성전자"}],
        [{"id": "s1", "start": 0, "end": 13, "label": "LC", "text": "New York City"}],
        [],
    ]
    for text, found in zip(texts, spans, strict=True):
        accepted(factories.ItemFactory(project=project, data={"text": text}), {"entities": found}, cast.labeler)

    release = _release(cast, project)

    sentences, tags = [], []
    for line in export(release, ".conll").decode().splitlines() + [""]:
        if line.startswith("# "):
            continue
        if line.strip():
            tags.append(line.split("\t")[1])
        elif tags:
            sentences.append(tags)
            tags = []
    snapshot = [result["entities"] for result in release.entries.order_by("item_id").values_list("result", flat=True)]
    assert [len(get_entities(tags)) for tags in sentences] == [len(found) for found in snapshot]
    path = tmp_path / "labels.parquet"
    path.write_bytes(export(release, ".parquet"))
    loaded = datasets.load_dataset("parquet", data_files=str(path), split="train", cache_dir=str(tmp_path / "c"))
    assert loaded.num_rows == release.entries.count() == 3
    assert [json.loads(value) for value in loaded["entities"]] == snapshot


@pytest.mark.parametrize("prefix", ["TS", "TL"])
def test_every_archive_member_passes_zips_own_crc_check(cast, prefix) -> None:
    project = factories.ProjectFactory(organization=cast.project.organization, schema=NER_SCHEMA)
    accepted(factories.ItemFactory(project=project, data={"text": "홍길동"}), {"entities": []}, cast.labeler)

    zipped: zipfile.ZipFile = archive(_release(cast, project), prefix)

    assert zipped.testzip() is None and len(zipped.namelist()) == 1
