"""A manager exports the project's labels: streamed through the API, built in the background with a
progress bar on the page, or written by `datadam export`."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from datadam.labeling import services as labeling
from datadam.releases import services
from datadam.releases.models import ExportJob
from datadam.review import services as review
from tests.conftest import client_for


def _label_and_review(cast) -> list[int]:
    """Three items labeled: one accepted, one corrected, one sent back. Returns the accepted item ids."""
    verdicts = []
    for answer in ["positive", "negative", "positive"]:
        lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
        annotation, _ = labeling.annotation_submit(
            actor=cast.labeler, assignment_id=lease.id, result={"sentiment": answer}
        )
        verdicts.append(annotation)
    review.review_accept(actor=cast.reviewer, annotation_id=verdicts[0].id)
    review.review_correct(actor=cast.reviewer, annotation_id=verdicts[1].id, result={"sentiment": "positive"})
    review.review_reject(actor=cast.reviewer, annotation_id=verdicts[2].id, comment="다시 읽어 보세요")
    return [verdicts[0].item_id, verdicts[1].item_id]


def _lines(body: bytes | str) -> list[dict]:
    text = body.decode() if isinstance(body, bytes) else body
    return [json.loads(line) for line in text.splitlines()]


def test_the_accepted_export_holds_accepted_labels_and_corrections_only(cast) -> None:
    accepted_items = _label_and_review(cast)

    lines = _lines("".join(services.export_stream(actor=cast.manager, project=cast.project)))

    assert [line["item"]["id"] for line in lines] == accepted_items
    assert [a["result"] for line in lines for a in line["annotations"]] == [{"sentiment": "positive"}] * 2
    assert lines[1]["annotations"][0]["author"] == "reviewer"
    assert lines[0]["item"]["data"]["text"] == cast.items[0].data["text"]


def test_the_full_export_holds_every_version_with_its_state(cast) -> None:
    _label_and_review(cast)

    lines = _lines("".join(services.export_stream(actor=cast.manager, project=cast.project, include="all")))

    states = [(a["version"], a["status"]) for line in lines for a in line["annotations"]]
    assert states == [(1, "accepted"), (1, "corrected"), (2, "accepted"), (1, "rejected")]


def test_export_api_streams_json_lines(cast) -> None:
    _label_and_review(cast)

    response = client_for(cast.manager).get(f"/api/v1/projects/{cast.project.id}/export")

    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert len(_lines(b"".join(response.streaming_content))) == 2


def test_export_of_another_organizations_project_is_404(cast) -> None:
    response = client_for(cast.manager_b).get(f"/api/v1/projects/{cast.project.id}/export")

    assert response.status_code == 404


def test_a_labeler_cannot_export(cast) -> None:
    response = client_for(cast.labeler).get(f"/api/v1/projects/{cast.project.id}/export")

    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)  # the worker closes connections: it must not run inside the test's transaction
def test_a_background_export_shows_progress_and_a_download_link(cast) -> None:
    _label_and_review(cast)
    client = client_for(cast.manager)

    client.post(f"/projects/{cast.project.id}/export/", {"include": "accepted"})
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.QUEUED
    call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload")

    job.refresh_from_db()
    page = client.get(f"/projects/{cast.project.id}/export/").content.decode()
    download = client.get(f"/projects/{cast.project.id}/exports/{job.id}/download/")
    assert (job.status, job.items_done, job.items_total) == ("done", 2, 2)
    assert f"/exports/{job.id}/download/" in page
    assert len(_lines(b"".join(download.streaming_content))) == 2


def test_an_outsider_cannot_download_another_organizations_export(cast) -> None:
    job = services.export_job_create(actor=cast.manager, project=cast.project)

    response = client_for(cast.outsider).get(f"/api/v1/exports/{job.id}/download")

    assert response.status_code == 404


def test_the_export_command_writes_the_file(cast, tmp_path: Path) -> None:
    _label_and_review(cast)
    target = tmp_path / "labels.jsonl"

    call_command("export_labels", "--as", "manager", "--project", str(cast.project.id), "--output", str(target))

    assert len(_lines(target.read_text(encoding="utf-8"))) == 2
