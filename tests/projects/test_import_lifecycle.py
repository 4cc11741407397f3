"""Text and media imports live the same life: a queued batch, a run, then published or failed with reasons.

A background task may run a batch twice (a retry after a lost worker); the second run finds the batch
finished and changes nothing.
"""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from datadam.audit.models import AuditEvent
from datadam.media import imports as media_imports
from datadam.projects.imports import services as text_imports
from datadam.projects.models import ImportBatch, Item
from tests.media.conftest import png_bytes

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parents[1] / "data"


def _text_batch(cast) -> ImportBatch:
    upload = ContentFile((DATA / "reviews.jsonl").read_bytes(), name="reviews.jsonl")
    return text_imports.import_batch_create(
        actor=cast.manager, project=cast.project, upload=upload, file_name="reviews.jsonl"
    )


def _media_batch(cast) -> ImportBatch:
    uploads = [SimpleUploadedFile("one.png", png_bytes()), SimpleUploadedFile("two.png", png_bytes())]
    return media_imports.media_import_create_files(actor=cast.manager, project=cast.project, uploads=uploads)


def _trail(batch: ImportBatch) -> list[str]:
    return list(AuditEvent.objects.filter(object_id=batch.id).order_by("id").values_list("action", flat=True))


def test_a_text_and_a_media_import_end_published_with_full_progress_and_their_own_trail(cast) -> None:
    text = text_imports.import_batch_run(batch_id=_text_batch(cast).id)
    media = media_imports.media_import_run(batch_id=_media_batch(cast).id)

    for batch, name, items in ((text, "import_batch", 3), (media, "media_import", 2)):
        batch.refresh_from_db()
        assert (batch.status, batch.items_created, batch.errors) == ("published", items, [])
        assert batch.bytes_read == batch.size_bytes and batch.finished_at is not None
        opened = Item.objects.filter(batch=batch, is_published=True, open_slots=cast.project.default_overlap)
        assert opened.count() == items
        assert _trail(batch) == [f"{name}.create", f"{name}.publish"]


def test_running_a_published_text_import_again_changes_nothing(cast) -> None:
    batch = text_imports.import_batch_run(batch_id=_text_batch(cast).id)

    again = text_imports.import_batch_run(batch_id=batch.id)

    assert again.status == "published" and Item.objects.filter(batch=batch).count() == 3
    assert _trail(batch) == ["import_batch.create", "import_batch.publish"]


def test_running_a_failed_media_import_again_changes_nothing(cast) -> None:
    upload = SimpleUploadedFile("x.zip", b"not a zip at all")
    batch = media_imports.media_import_create_zip(
        actor=cast.manager, project=cast.project, upload=upload, file_name="x.zip"
    )
    failed = media_imports.media_import_run(batch_id=batch.id)

    again = media_imports.media_import_run(batch_id=batch.id)

    assert failed.status == again.status == "failed" and again.errors == failed.errors
    assert not Item.objects.filter(batch=batch).exists()
    assert _trail(batch) == ["media_import.create", "media_import.fail"]
