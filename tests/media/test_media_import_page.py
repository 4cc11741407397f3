"""The media import page: upload, then a progress page that lists files that could not be read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from datadam.media import imports
from datadam.projects.models import ImportBatch
from tests.conftest import client_for
from tests.media.conftest import png_bytes

pytestmark = pytest.mark.django_db


def test_manager_uploads_files_and_follows_the_import(cast, django_capture_on_commit_callbacks) -> None:
    client = client_for(cast.manager)
    page = reverse("media:import", args=[cast.project.id])
    assert client.get(page).status_code == 200
    files = [SimpleUploadedFile("a.png", png_bytes()), SimpleUploadedFile("b.png", b"not an image")]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(page, {"source": "upload", "files": files})
    assert response.status_code == 302 and len(callbacks) == 1
    batch = ImportBatch.objects.get(file_format="media-files")
    assert client.get(response.url, headers={"HX-Request": "true"}).status_code == 200
    imports.media_import_run(batch_id=batch.id)
    status = client.get(response.url).content.decode()
    assert "b.png" in status and "a.png" not in status  # only the unreadable file is listed


def test_bad_url_list_answers_422_with_the_form(cast) -> None:
    response = client_for(cast.manager).post(reverse("media:import", args=[cast.project.id]), {"source": "urls"})
    assert response.status_code == 422


def test_folder_outside_roots_is_refused_on_the_page(cast) -> None:
    response = client_for(cast.manager).post(
        reverse("media:import", args=[cast.project.id]), {"source": "folder", "folder": "/etc"}
    )
    assert response.status_code == 422 and not ImportBatch.objects.exists()


def test_labeler_and_outsider_cannot_open_the_import_page(cast) -> None:
    page = reverse("media:import", args=[cast.project.id])
    assert client_for(cast.labeler).get(page).status_code == 404
    assert client_for(cast.outsider).get(page).status_code == 404
