"""A manager is offered only the export formats that fit the project's data: the API, the page and the
command line refuse the others with the reason, and every file is named with one extension."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from datadam import cli
from datadam.releases import exporters
from datadam.releases.exporters import FORMATS
from datadam.releases.models import ExportJob
from datadam.releases.services import exports
from tests.conftest import client_for
from tests.releases.exporting import PROJECTS, audio_project, image_project, text_project

ALWAYS = {"jsonl", "csv", "csv_safe", "parquet", "prelabels"}
FITS = {
    "text": ALWAYS | {"conll"},
    "image": ALWAYS | {"coco", "coco_zip", "yolo", "yolo_pose", "voc"},
    "audio": ALWAYS | {"asr"},
}


def test_every_registered_format_is_in_the_table_of_what_fits() -> None:
    assert set(FORMATS) == set().union(*FITS.values())


@pytest.mark.parametrize("data_type", sorted(PROJECTS))
def test_each_data_type_is_offered_exactly_the_formats_that_fit(cast, data_type: str) -> None:
    project = PROJECTS[data_type](cast)

    offered = set(exporters.formats_for(project))

    assert offered == FITS[data_type]
    assert all(exporters.unfit_reason(name, project) is None for name in offered)


@pytest.mark.parametrize("data_type", sorted(PROJECTS))
def test_a_format_that_does_not_fit_is_refused_with_its_reason_and_nothing_is_queued(cast, data_type: str) -> None:
    project = PROJECTS[data_type](cast)
    client = client_for(cast.manager)
    unfit = [name for name in FORMATS if exporters.unfit_reason(name, project) is not None]
    assert unfit and set(unfit).isdisjoint(FITS[data_type])

    for name in unfit:
        reason = str(exporters.unfit_reason(name, project))
        streamed = client.get(f"/api/v1/projects/{project.id}/export?file_format={name}")
        queued = client.post(
            f"/api/v1/projects/{project.id}/exports", {"file_format": name}, content_type="application/json"
        )
        assert (name, streamed.status_code, queued.status_code) == (name, 422, 422)
        assert reason in streamed.json()["detail"] and reason in queued.json()["detail"]

    assert not ExportJob.objects.filter(project=project).exists()


@pytest.mark.parametrize("data_type", sorted(PROJECTS))
def test_every_format_that_fits_streams_a_file_with_one_extension(cast, data_type: str) -> None:
    project = PROJECTS[data_type](cast)
    client = client_for(cast.manager)

    for name in exporters.formats_for(project):
        response = client.get(f"/api/v1/projects/{project.id}/export?file_format={name}")
        body = b"".join(response.streaming_content)
        file_name = response["Content-Disposition"].split('filename="')[1].rstrip('"')
        assert response.status_code == 200 and body, name
        assert file_name.count(".") == 1 and file_name.endswith("." + FORMATS[name].EXTENSION), file_name
        if FORMATS[name].EXTENSION == "zip":
            assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None


def test_coco_of_a_text_project_is_refused_instead_of_a_file_of_empty_images(cast) -> None:
    project = text_project(cast)

    with pytest.raises(exports.Invalid) as refused, translation.override("en"):
        exports.export_job_create(actor=cast.manager, project=project, file_format="coco")

    assert "image" in refused.value.message.lower()
    assert not ExportJob.objects.filter(project=project).exists()


def test_a_queued_job_whose_format_no_longer_fits_fails_with_the_reason_instead_of_an_empty_file(cast) -> None:
    project = image_project(cast)
    job = exports.export_job_create(actor=cast.manager, project=project, file_format="yolo_pose")
    project.schema = {"controls": [c for c in project.schema["controls"] if c["type"] != "keypoints"]}
    project.save(update_fields=["schema"])

    job = exports.export_job_run(job_id=job.id)

    assert (job.status, job.stored_path) == (ExportJob.Status.FAILED, "")
    assert job.error == exporters.unfit_reason("yolo_pose", project)


def test_the_format_list_says_what_fits_and_why_not(cast) -> None:
    project = audio_project(cast)

    listed = client_for(cast.manager).get(f"/api/v1/projects/{project.id}/export-formats").json()

    by_name = {entry["name"]: entry for entry in listed}
    assert set(by_name) == set(FORMATS)
    assert by_name["asr"]["fits"] and by_name["asr"]["reason"] is None and by_name["asr"]["title"]
    assert not by_name["voc"]["fits"] and by_name["voc"]["reason"]


def test_an_outsider_cannot_list_another_organizations_export_formats(cast) -> None:
    response = client_for(cast.outsider).get(f"/api/v1/projects/{cast.project.id}/export-formats")

    assert response.status_code == 404


def test_the_export_page_offers_the_fitting_formats_and_the_history_names_each_jobs_format(cast) -> None:
    project = image_project(cast)
    client = client_for(cast.manager)

    created = client.post(f"/projects/{project.id}/export/", {"file_format": "voc", "include": "accepted"})
    page = client.get(f"/projects/{project.id}/export/").content.decode()

    assert created.status_code == 302
    assert ExportJob.objects.get(project=project).file_format == "voc"
    for name in exporters.formats_for(project):
        assert f'value="{name}"' in page
    assert 'value="conll"' not in page and 'value="asr"' not in page
    history = page.split('id="jobs-heading"')[1]
    assert str(FORMATS["voc"].TITLE) in history


def test_posting_a_format_that_does_not_fit_on_the_page_shows_the_reason(cast) -> None:
    project = text_project(cast)

    response = client_for(cast.manager).post(f"/projects/{project.id}/export/", {"file_format": "voc"})

    assert response.status_code == 422
    assert str(exporters.unfit_reason("voc", project)) in response.content.decode()
    assert not ExportJob.objects.filter(project=project).exists()


def test_the_export_command_writes_any_fitting_format_to_a_file(cast, tmp_path) -> None:
    project = image_project(cast)
    target = tmp_path / "labels.zip"

    call_command(
        "export_labels",
        "--as",
        "manager",
        "--project",
        str(project.id),
        "--format",
        "coco-zip",
        "--output",
        str(target),
    )

    with zipfile.ZipFile(target) as archive:
        assert "annotations/instances.json" in archive.namelist()


def test_the_export_command_streams_to_standard_output(cast, capsysbinary) -> None:
    project = text_project(cast)

    call_command("export_labels", "--as", "manager", "--project", str(project.id), "--format", "conll", "-o", "-")

    assert capsysbinary.readouterr().out.decode().splitlines()[1:3] == ["홍길동\tB-PS", "이\tO"]


def test_the_export_command_refuses_a_format_that_does_not_fit_with_the_reason(cast, capsys) -> None:
    project = text_project(cast)

    with pytest.raises(SystemExit) as exited:
        cli.main(["export", "--as", "manager", "--project", str(project.id), "--format", "yolo", "-o", "-"])

    assert exited.value.code != 0
    assert str(exporters.unfit_reason("yolo", project)) in capsys.readouterr().err


def test_the_export_command_names_the_formats_it_knows(cast) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("export_labels", "--as", "manager", "--project", str(cast.project.id), "--format", "xml")

    assert "coco-zip" in str(refused.value) and "yolo-pose" in str(refused.value)
