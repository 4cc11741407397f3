"""A job whose worker is killed half-way (SIGKILL, as a lost machine would) is run again by another worker and
ends once, with the same result as an undisturbed run: an import publishes its rows once, an export and a
release build store their files once."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from datadam.audit.models import AuditEvent
from datadam.projects.imports import services as imports
from datadam.projects.models import ImportBatch, Item
from datadam.releases import services as releases
from datadam.releases.models import ExportJob, Release
from tests.operations.workers import Workers
from tests.releases.conftest import label_and_review

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Workers]:
    crew = Workers(tmp_path)
    yield crew
    crew.stop()


def _import(cast) -> ImportBatch:
    upload = SimpleUploadedFile("reviews.jsonl", (DATA / "reviews.jsonl").read_bytes())
    batch = imports.import_batch_create(actor=cast.manager, project=cast.project, upload=upload, file_name=upload.name)
    return imports.import_batch_start(batch=batch)


def _items(batch: ImportBatch) -> list[tuple]:
    return list(Item.objects.filter(batch=batch).order_by("external_id").values_list("external_id", "data"))


@override_settings(DATADAM_IMPORT_INLINE_BYTES=10)
def test_an_import_whose_worker_was_killed_publishes_its_rows_once_on_another_worker(cast, workers) -> None:
    batch = _import(cast)

    workers.kill_at("import-publish")
    assert Item.objects.filter(batch=batch, is_published=False).count() == 3  # the dead worker wrote every row
    job = workers.finish_on_another("datadam.projects.imports.tasks.import_batch_run_task")

    batch.refresh_from_db()
    undisturbed = imports.import_batch_run(batch_id=_import(cast).id)  # the same file, run here without a kill
    assert (job.status, len(job.worker_ids)) == ("SUCCESSFUL", 2)
    assert (batch.status, batch.items_created, batch.rows_read) == ("published", 3, 3)
    assert _items(batch) == _items(undisturbed) and all(item.is_published for item in Item.objects.filter(batch=batch))
    assert AuditEvent.objects.filter(action="import_batch.publish", object_id=batch.id).count() == 1


def _stored(prefix: str) -> list[str]:
    """Every file stored under the prefix, by its stored path."""
    folders, files = default_storage.listdir(prefix)
    return sorted([f"{prefix}/{name}" for name in files] + [p for f in folders for p in _stored(f"{prefix}/{f}")])


def test_an_export_whose_worker_was_killed_writes_one_file_on_another_worker(cast, workers) -> None:
    label_and_review(cast)
    job = releases.export_job_create(actor=cast.manager, project=cast.project)

    workers.kill_at("export-done")
    task = workers.finish_on_another("datadam.releases.tasks.export_job_run_task")

    job.refresh_from_db()
    undisturbed = releases.export_job_run(
        job_id=releases.export_job_create(actor=cast.manager, project=cast.project).id
    )
    assert (task.status, len(task.worker_ids)) == ("SUCCESSFUL", 2)
    assert (job.status, job.items_done) == (ExportJob.Status.DONE, undisturbed.items_done)
    assert [path for path in _stored(f"exports/{cast.project.id}") if f"-export-{job.id}." in path] == [job.stored_path]
    with default_storage.open(job.stored_path) as mine, default_storage.open(undisturbed.stored_path) as theirs:
        assert mine.read() == theirs.read()


def test_a_release_build_whose_worker_was_killed_stores_one_set_of_files_on_another_worker(cast, workers) -> None:
    label_and_review(cast)
    release = releases.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")

    workers.kill_at("release-show")
    task = workers.finish_on_another("datadam.releases.tasks.release_build_task")

    release.refresh_from_db()
    shown = {file.name: file for file in release.files.all()}
    assert (task.status, len(task.worker_ids)) == ("SUCCESSFUL", 2)
    assert (release.status, release.entries_done, release.attempt) == (Release.Status.BUILT, release.entries_total, 2)
    stored = _stored(f"releases/{cast.project.id}/{release.id}")
    assert stored == sorted(file.stored_path for file in shown.values())  # the killed attempt's files went
    for file in shown.values():
        with default_storage.open(file.stored_path) as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == file.sha256
