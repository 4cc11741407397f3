"""The media API: item media links, imports by upload or URL list, and their progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from datadam.media import imports
from datadam.projects.models import ImportBatch
from tests.conftest import client_for
from tests.factories import ItemFactory
from tests.media.conftest import png_bytes, store

pytestmark = pytest.mark.django_db


def test_manager_uploads_files_by_api_and_reads_progress(cast, django_capture_on_commit_callbacks) -> None:
    client = client_for(cast.manager)
    files = [SimpleUploadedFile("a.png", png_bytes()), SimpleUploadedFile("b.png", b"broken")]
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/api/v1/projects/{cast.project.id}/media/imports", {"files": files})
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["source"] == "files" and body["status"] == "queued"
    imports.media_import_run(batch_id=body["id"])
    status = client.get(f"/api/v1/media/imports/{body['id']}").json()
    assert status["status"] == "published" and status["items_created"] == 2
    assert [row["original_name"] for row in status["unreadable"]] == ["b.png"]


def test_url_list_by_api_is_queued(cast, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(cast.manager).post(
            f"/api/v1/projects/{cast.project.id}/media/imports/urls",
            {"urls": "https://example.com/a.png\n"},
            content_type="application/json",
        )
    assert response.status_code == 202 and len(callbacks) == 1
    assert ImportBatch.objects.get(id=response.json()["id"]).file_format == "media-urls"


def test_labeler_reads_item_media_and_outsider_gets_404(cast) -> None:
    media = store(cast.project, "cat.png", png_bytes(12, 8))
    item = ItemFactory(project=cast.project, data={"image": media.reference})
    body = client_for(cast.labeler).get(f"/api/v1/items/{item.id}/media").json()
    assert body["image"]["width"] == 12 and body["image"]["url"].startswith("/files/")
    assert client_for(cast.outsider).get(f"/api/v1/items/{item.id}/media").status_code == 404
