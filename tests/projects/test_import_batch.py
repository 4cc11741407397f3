"""A manager imports a file of texts: good files in every format and encoding land whole; a file with
any bad row lands not at all, and every problem is reported with its file and line."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from datadam.core.errors import Invalid, NotFound, TooLarge
from datadam.projects.imports import services as imports
from datadam.projects.models import ImportBatch, Item
from tests.conftest import client_for

DATA = Path(__file__).parents[1] / "data"


def _import(cast, name: str, **options) -> ImportBatch:
    upload = ContentFile((DATA / name).read_bytes(), name=name)
    encoding = options.pop("encoding", "")
    batch = imports.import_batch_create(
        actor=cast.manager, project=cast.project, upload=upload, file_name=name, encoding=encoding
    )
    return imports.import_batch_run(batch_id=batch.id, **options)


def _new_items(cast) -> list[Item]:
    return list(Item.objects.filter(project=cast.project, batch__isnull=False).order_by("id"))


@pytest.mark.parametrize("name", ["reviews.jsonl", "reviews.tsv", "reviews_excel_cp949.csv", "reviews_bom.csv"])
def test_manager_imports_three_korean_reviews_from_each_format(cast, name: str) -> None:
    batch = _import(cast, name)

    assert batch.status == ImportBatch.Status.PUBLISHED, batch.errors
    items = _new_items(cast)
    assert [item.data["text"] for item in items] == [
        "배우들 연기가 정말 좋았어요",
        "시간 낭비였다",
        "음악이 아름답고 감동적이다",
    ]
    assert [item.external_id for item in items] == ["101", "102", "103"]
    assert all(item.is_published and item.open_slots == item.target_overlap for item in items)


def test_excel_korean_csv_is_detected_as_cp949(cast) -> None:
    assert _import(cast, "reviews_excel_cp949.csv").encoding == "cp949"


def test_other_columns_are_kept_as_metadata(cast) -> None:
    _import(cast, "reviews.jsonl")

    assert _new_items(cast)[0].data["meta"] == {"id": "101", "source": "nsmc"}


def test_a_text_column_with_another_name_can_be_chosen(cast) -> None:
    upload = ContentFile("document,label\n재미있다,1\n".encode(), name="x.csv")
    batch = imports.import_batch_create(actor=cast.manager, project=cast.project, upload=upload, file_name="x.csv")

    assert imports.import_batch_run(batch_id=batch.id, text_column="document").items_created == 1


@pytest.mark.parametrize(
    ("name", "expected_lines"),
    [
        ("malformed.jsonl", [3, 5]),
        ("wrong_columns.csv", [3, 6]),
        ("missing_text.jsonl", [2, 3]),
        ("nul.jsonl", [2]),
    ],
)
def test_a_file_with_bad_rows_imports_nothing_and_names_each_line(cast, name: str, expected_lines: list[int]) -> None:
    batch = _import(cast, name)

    assert batch.status == ImportBatch.Status.FAILED
    assert [(error["file"], error["line"]) for error in batch.errors] == [(name, line) for line in expected_lines]
    assert all(error["reason"] for error in batch.errors)
    assert _new_items(cast) == []


def test_a_broken_byte_is_reported_on_its_line_when_the_encoding_is_given(cast) -> None:
    batch = _import(cast, "broken_cp949.csv", encoding="cp949")

    assert batch.status == ImportBatch.Status.FAILED
    assert [error["line"] for error in batch.errors] == [3]


def test_an_undetectable_encoding_asks_the_manager_to_choose_one(cast) -> None:
    batch = _import(cast, "broken_cp949.csv")

    assert batch.status == ImportBatch.Status.FAILED
    assert "cp949" in batch.errors[0]["reason"]


def test_an_unknown_encoding_name_is_refused_before_anything_is_stored(cast) -> None:
    with pytest.raises(Invalid, match="klingon-8"):
        _import(cast, "reviews.jsonl", encoding="klingon-8")

    assert not ImportBatch.objects.exists()


def test_a_header_without_rows_imports_nothing(cast) -> None:
    batch = _import(cast, "header_only.csv")

    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors[0]["line"] == 1


@pytest.mark.parametrize("name", ["empty.jsonl", "notes.txt"])
def test_an_empty_or_wrong_kind_of_file_is_refused_before_anything_is_stored(cast, name: str) -> None:
    upload = ContentFile((DATA / name).read_bytes(), name=name)

    with pytest.raises(Invalid):
        imports.import_batch_create(actor=cast.manager, project=cast.project, upload=upload, file_name=name)

    assert not ImportBatch.objects.exists()


@override_settings(DATADAM_MAX_UPLOAD_BYTES=100)
def test_a_file_over_the_size_limit_is_refused(cast) -> None:
    upload = ContentFile(b'{"text": "x"}\n' * 20, name="big.jsonl")

    with pytest.raises(TooLarge):
        imports.import_batch_create(actor=cast.manager, project=cast.project, upload=upload, file_name="big.jsonl")


def test_a_labeler_cannot_import(cast) -> None:
    upload = ContentFile((DATA / "reviews.jsonl").read_bytes(), name="reviews.jsonl")

    with pytest.raises(NotFound):
        imports.import_batch_create(actor=cast.labeler, project=cast.project, upload=upload, file_name="r.jsonl")


def _post_file(client, project_id: int, name: str, **extra):
    upload = SimpleUploadedFile(name, (DATA / name).read_bytes())
    return client.post(f"/api/v1/projects/{project_id}/imports", {"file": upload, **extra})


def test_import_api_answers_201_with_the_count(cast) -> None:
    response = _post_file(client_for(cast.manager), cast.project.id, "reviews.tsv")

    assert response.status_code == 201
    assert response.json()["items_created"] == 3


def test_import_api_answers_422_with_every_line(cast) -> None:
    response = _post_file(client_for(cast.manager), cast.project.id, "malformed.jsonl")

    assert response.status_code == 422
    assert [error["line"] for error in response.json()["errors"]] == [3, 5]


def test_import_api_answers_413_for_a_file_over_the_limit_before_reading_it(cast) -> None:
    with override_settings(DATADAM_MAX_UPLOAD_BYTES=10):
        response = client_for(cast.manager).post(
            f"/api/v1/projects/{cast.project.id}/imports",
            data=b"x" * (2 * 1024 * 1024),
            content_type="application/octet-stream",
        )

    assert response.status_code == 413
    assert "MB" in response.json()["detail"]


def test_import_api_for_another_organizations_project_is_404(cast) -> None:
    response = _post_file(client_for(cast.manager_b), cast.project.id, "reviews.tsv")

    assert response.status_code == 404
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes connections: it must not run inside the test's transaction
@override_settings(DATADAM_IMPORT_INLINE_BYTES=10)
def test_a_large_file_is_imported_by_the_background_worker_with_progress(cast) -> None:
    response = _post_file(client_for(cast.manager), cast.project.id, "reviews.jsonl")
    assert response.status_code == 202
    batch_id = response.json()["id"]
    assert ImportBatch.objects.get(id=batch_id).status == ImportBatch.Status.QUEUED

    call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload")

    batch = ImportBatch.objects.get(id=batch_id)
    assert batch.status == ImportBatch.Status.PUBLISHED
    assert (batch.items_created, batch.bytes_read) == (3, batch.size_bytes)
    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/imports/{batch_id}/")
    assert page.status_code == 200 and "3" in page.content.decode()
