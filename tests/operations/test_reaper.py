"""The reaper: a running job whose worker stopped beating goes back to the queue, and after the last attempt it
is failed with the reason, which its page shows next to a restart button."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from datadam.operations.models import WorkerBeat
from datadam.operations.reaper import tasks_reap
from datadam.projects.imports import services as imports
from datadam.projects.models import ImportBatch, Item
from datadam.releases import services as releases
from datadam.releases.models import ExportJob
from tests.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)  # jobs are enqueued when the transaction commits
LONG_AGO = timedelta(minutes=10)


def _running_on(job: DBTaskResult, *worker_ids: str) -> DBTaskResult:
    DBTaskResult.objects.filter(id=job.id).update(
        status="RUNNING", worker_ids=list(worker_ids), started_at=timezone.now() - LONG_AGO
    )
    return DBTaskResult.objects.get(id=job.id)


def _beat(worker_id: str, ago: timedelta) -> None:
    now = timezone.now()
    WorkerBeat.objects.create(worker_id=worker_id, host="h", pid=1, started_at=now - LONG_AGO, beat_at=now - ago)


@pytest.fixture
def export_task(cast) -> tuple[ExportJob, DBTaskResult]:
    job = releases.export_job_create(actor=cast.manager, project=cast.project)
    return job, DBTaskResult.objects.get(task_path="datadam.releases.tasks.export_job_run_task")


def test_a_job_of_a_worker_that_still_beats_is_left_running(export_task) -> None:
    _job, task = export_task
    _running_on(task, "alive")
    _beat("alive", timedelta(seconds=1))

    reaped = tasks_reap()

    task.refresh_from_db()
    assert (reaped.retried, reaped.given_up, task.status) == ([], [], "RUNNING")


def test_a_job_of_a_silent_worker_goes_back_to_the_queue(export_task) -> None:
    _job, task = export_task
    _running_on(task, "dead")
    _beat("dead", timedelta(minutes=5))

    reaped = tasks_reap()

    task.refresh_from_db()
    assert reaped.retried == [str(task.id)]
    assert (task.status, task.worker_ids) == ("READY", ["dead"])


@override_settings(DATADAM_JOB_MAX_ATTEMPTS=3)
def test_an_export_lost_three_times_fails_with_the_reason_and_the_manager_can_start_it_again(cast, export_task) -> None:
    job, task = export_task
    _running_on(task, "one", "two", "three")  # none of them beats any more

    reaped = tasks_reap()

    task.refresh_from_db()
    job.refresh_from_db()
    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/export/").content.decode()
    assert reaped.given_up == [str(task.id)]
    assert (task.status, task.exception_class_path) == ("FAILED", "datadam.operations.reaper.WorkerLost")
    assert job.status == ExportJob.Status.FAILED and job.error
    assert job.error in page and f"/exports/{job.id}/restart/" in page

    response = client_for(cast.manager).post(f"/projects/{cast.project.id}/exports/{job.id}/restart/")

    job.refresh_from_db()
    assert response.status_code == 302 and job.status == ExportJob.Status.QUEUED
    assert DBTaskResult.objects.filter(task_path=task.task_path, status="READY").count() == 1


@override_settings(DATADAM_IMPORT_INLINE_BYTES=10, DATADAM_JOB_MAX_ATTEMPTS=2)
def test_an_import_given_up_offers_a_restart_only_to_its_manager(cast) -> None:
    upload = SimpleUploadedFile("reviews.tsv", b"text\n\xec\x95\x88\xeb\x85\x95\n")
    batch = imports.import_batch_start(
        batch=imports.import_batch_create(actor=cast.manager, project=cast.project, upload=upload, file_name="r.tsv")
    )
    _running_on(DBTaskResult.objects.get(), "one", "two")

    tasks_reap()

    batch.refresh_from_db()
    url = f"/projects/{cast.project.id}/imports/{batch.id}/"
    assert batch.status == ImportBatch.Status.FAILED
    assert "restart/" in client_for(cast.manager).get(url).content.decode()
    assert client_for(cast.manager_b).post(url + "restart/").status_code == 404
    assert client_for(cast.manager).post(url + "restart/").status_code == 302
    batch.refresh_from_db()
    assert (batch.status, DBTaskResult.objects.filter(status="READY").count()) == (ImportBatch.Status.QUEUED, 1)


def test_a_media_import_run_again_after_a_lost_worker_makes_each_item_once(cast) -> None:
    from datadam.media.import_run import media_import_run
    from datadam.media.models import MediaFile
    from datadam.media.recovery import media_import_run_again_prepare
    from tests.media.test_media_import import run_zip, wav_bytes

    batch = run_zip(cast, {"a.wav": wav_bytes(), "b.wav": wav_bytes()})
    # as a worker killed just before publishing leaves it: every file stored, every item written, hidden
    Item.objects.filter(batch=batch).update(is_published=False, open_slots=0)
    ImportBatch.objects.filter(id=batch.id).update(status=ImportBatch.Status.RUNNING)

    media_import_run_again_prepare(batch_id=batch.id)
    batch = media_import_run(batch_id=batch.id)

    assert (batch.status, batch.items_created) == (ImportBatch.Status.PUBLISHED, 2)
    assert Item.objects.filter(batch=batch, is_published=True).count() == 2
    assert MediaFile.objects.filter(batch=batch).count() == 2
