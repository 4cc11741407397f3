"""One source for a release: every file of the package is written from the snapshot taken at the cut.

Whatever happens to the project between the cut and the build (work accepted, rejected or edited, items
imported, the name, schema, guideline, datasheet or targets changed), the build gives byte for byte the files
a build of the untouched project gives."""

import csv
import io
import json

import pyarrow.parquet as pq
from django.core.files.base import ContentFile
from django.db import transaction

from datadam.catalog import services as catalog
from datadam.labeling.models import Annotation
from datadam.projects.imports import services as imports
from datadam.projects.models import Item, Project
from datadam.releases import services
from datadam.releases.models import QualityTargets, Release
from datadam.review import services as review
from tests import factories
from tests.releases.packages import accepted, export, hashes

SCHEMA = {
    "controls": [
        {"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]},
        {"type": "spans", "name": "ner", "source": "text", "labels": ["PS", "LC"], "required": False},
    ]
}


class Untouched(Exception):
    """Raised to roll the first build back, leaving the release as it was after the cut."""


def _project_with_work(cast) -> tuple[list[Annotation], Annotation]:
    Project.objects.filter(id=cast.project.id).update(schema=SCHEMA)
    cast.project.refresh_from_db()
    items = [cast.items[0]] + factories.ItemFactory.create_batch(24, project=cast.project)
    items[0].data = {"text": "홍길동이 서울에 갔다"}
    items[0].save()
    done = [
        accepted(item, {"sentiment": "positive" if n % 3 else "negative"}, cast.labeler)
        for n, item in enumerate(items)
    ]
    Annotation.objects.filter(id=done[0].id).update(
        result={"sentiment": "positive", "ner": [
            {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"},
            {"id": "s2", "start": 5, "end": 7, "label": "LC", "text": "서울"},
        ]}
    )
    waiting = accepted(cast.items[1], {"sentiment": "negative"}, cast.labeler2, status=Annotation.Status.SUBMITTED)
    return done, waiting


def _change_everything(cast, done: list[Annotation], waiting: Annotation) -> None:
    review.review_accept(actor=cast.reviewer, annotation_id=waiting.id)  # one more accepted item: 26
    Annotation.objects.filter(id=done[1].id).update(status=Annotation.Status.REJECTED)
    Annotation.objects.filter(id=done[2].id).update(result={"sentiment": "negative"})
    upload = "".join(json.dumps({"text": f"새로 가져온 리뷰 {n}"}, ensure_ascii=False) + "\n" for n in range(4))
    batch = imports.import_batch_create(
        actor=cast.manager, project=cast.project, upload=ContentFile(upload.encode(), name="new.jsonl"),
        file_name="new.jsonl",
    )
    assert imports.import_batch_run(batch_id=batch.id).status == "published"
    for item in Item.objects.filter(project=cast.project).order_by("-id")[:3]:
        accepted(item, {"sentiment": "positive"}, cast.labeler)
    Item.objects.filter(id=cast.items[0].id).update(data={"text": "바뀐 문장"})
    Project.objects.filter(id=cast.project.id).update(
        name="새 이름", guideline="새 가이드라인", schema={"controls": [SCHEMA["controls"][0]]}
    )
    catalog.dataset_update(actor=cast.manager, project=cast.project, title_ko="바뀐 제목", summary_en="changed")
    QualityTargets.objects.update_or_create(project=cast.project, defaults={"semantic_accuracy": 1.0})


def test_every_file_is_the_same_as_a_build_of_the_untouched_project(cast) -> None:
    done, waiting = _project_with_work(cast)
    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")
    try:
        with transaction.atomic():
            untouched = hashes(services.release_build_run(release_id=release.id))
            raise Untouched
    except Untouched:
        pass
    assert Release.objects.get(id=release.id).status == "queued"

    _change_everything(cast, done, waiting)
    built = services.release_build_run(release_id=release.id)

    assert built.status == "built", built.error
    assert hashes(built) == untouched
    endings = {name.rsplit(".", 1)[-1] for name in untouched if name.startswith("exports/")}
    assert {"jsonl", "csv", "parquet", "conll"} <= endings
    assert {"GUIDELINE.md", "DATASHEET.ko.md", "quality_report.json", "manifest.json", "SHA256SUMS"} <= set(untouched)


def test_csv_parquet_conll_and_prelabels_hold_the_snapshots_items_not_the_live_projects(cast) -> None:
    done, waiting = _project_with_work(cast)
    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")
    review.review_accept(actor=cast.reviewer, annotation_id=waiting.id)  # accepted right after the cut

    built = services.release_build_run(release_id=release.id)

    snapshot = set(built.entries.values_list("item_id", flat=True))
    rows = list(csv.DictReader(io.StringIO(export(built, ".csv").decode("utf-8").removeprefix("\ufeff"))))
    table = pq.read_table(io.BytesIO(export(built, ".parquet")))
    conll = [line for line in export(built, ".conll").decode().splitlines() if line.startswith("# id = ")]
    prelabels = export(built, "prelabels.jsonl")
    assert len(snapshot) == 25 and waiting.item_id not in snapshot
    assert {int(row["item_id"]) for row in rows} == snapshot
    assert set(table.column("item_id").to_pylist()) == snapshot
    assert len(conll) == 25
    assert len(prelabels.decode().splitlines()) == 25
    first = json.loads(prelabels.decode().splitlines()[0])
    assert first["predictions"]["ner"][0]["text"] == "홍길동"
