"""Korean CSVs from Excel (CP949) are recognised from the whole file, not its first bytes: a manager's file whose
first 1,600 rows are plain ASCII and whose Korean starts after them imports without naming the encoding, by
the page's API and by `datadam import` alike; a file no encoding fits is refused on the line that breaks."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from datadam.projects.imports import services as imports
from datadam.projects.imports.readers import SNIFF_BYTES
from datadam.projects.models import ImportBatch, Item
from tests.conftest import client_for

ASCII_ROWS = 1_600  # rows 2…1601; the Korean starts on line 1602, past the first 64 KiB
KOREAN = ["배우들 연기가 정말 좋았어요", "시간 낭비였다", "음악이 아름답고 감동적이다"]


def late_korean_csv(tail: bytes | None = None) -> bytes:
    """An Excel CSV (CP949, CRLF): ASCII rows first, then three Korean reviews, or `tail` instead of them."""
    lines = [b"id,text"] + [f"{n},plain review number {n} with nothing but ASCII".encode() for n in range(ASCII_ROWS)]
    korean = [f"{9000 + n},{text}".encode("cp949") for n, text in enumerate(KOREAN)]
    content = b"\r\n".join(lines + ([tail] if tail is not None else korean)) + b"\r\n"
    assert tail is not None or content.index("배우".encode("cp949")) > SNIFF_BYTES
    return content


def _imported_texts(cast) -> list[str]:
    items = Item.objects.filter(project=cast.project, batch__isnull=False).order_by("id")
    return [item.data["text"] for item in items]


def test_korean_that_starts_after_the_first_64_kib_is_read_as_cp949(cast) -> None:
    upload = ContentFile(late_korean_csv(), name="late.csv")
    batch = imports.import_batch_create(actor=cast.manager, project=cast.project, upload=upload, file_name="late.csv")

    batch = imports.import_batch_run(batch_id=batch.id)

    assert batch.status == ImportBatch.Status.PUBLISHED, batch.errors
    assert batch.encoding == "cp949"
    texts = _imported_texts(cast)
    assert len(texts) == ASCII_ROWS + 3 and texts[-3:] == KOREAN


def test_the_page_api_imports_the_late_korean_file_without_an_encoding(cast) -> None:
    upload = SimpleUploadedFile("late.csv", late_korean_csv(), content_type="text/csv")

    response = client_for(cast.manager).post(f"/api/v1/projects/{cast.project.id}/imports", {"file": upload})

    assert response.status_code == 201, response.json()
    assert response.json()["encoding"] == "cp949"
    assert _imported_texts(cast)[-3:] == KOREAN


def test_datadam_import_reads_the_late_korean_file_without_an_encoding(cast, tmp_path: Path) -> None:
    source = tmp_path / "late.csv"
    source.write_bytes(late_korean_csv())

    call_command("import_items", str(source), "--as", "manager", "--project", str(cast.project.id))

    assert _imported_texts(cast)[-3:] == KOREAN


def test_a_line_no_encoding_fits_is_one_clear_422_naming_that_line(cast) -> None:
    broken = b"9000,\xff\xfe not text in any Korean encoding"
    upload = SimpleUploadedFile("broken.csv", late_korean_csv(tail=broken), content_type="text/csv")

    response = client_for(cast.manager).post(
        f"/api/v1/projects/{cast.project.id}/imports", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 422
    body = response.json()
    assert [(error["file"], error["line"]) for error in body["errors"]] == [("broken.csv", ASCII_ROWS + 2)]
    assert body["errors"][0]["reason"] == "The text is not in the file's encoding."
    assert not Item.objects.filter(project=cast.project, batch__isnull=False).exists()


def test_datadam_import_names_the_line_no_encoding_fits(cast, tmp_path: Path, capsys) -> None:
    source = tmp_path / "broken.csv"
    source.write_bytes(late_korean_csv(tail=b"9000,\xff\xfe"))

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_items", str(source), "--as", "manager", "--project", str(cast.project.id))

    assert f"broken.csv, line {ASCII_ROWS + 2}" in capsys.readouterr().err
