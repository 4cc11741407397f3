"""A manager uploads a file and sees its first rows and columns before anything is imported, picks the text
column, and reads each distinct problem once, with the lines it affects."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from datadam.core.errors import Conflict
from datadam.projects.imports import services as imports
from datadam.projects.imports.errors import problems_group
from datadam.projects.imports.preview import batch_preview
from datadam.projects.models import ImportBatch, Item
from tests.conftest import client_for

BODY_CSV = "id,body,source\n" + "".join(
    f"{n},{'' if n in (3, 7, 12) else f'문장 {n}'},web\n" for n in range(1, 15)
)  # the text column is "body"; rows 3, 7 and 12 (lines 4, 8, 13) have none


def _batch(cast, text: str, name: str = "news.csv") -> ImportBatch:
    upload = ContentFile(text.encode(), name=name)
    return imports.import_batch_create(
        actor=cast.manager, project=cast.project, upload=upload, file_name=name, columns_first=True
    )


def test_the_preview_lists_the_columns_and_guesses_the_column_with_the_texts(cast) -> None:
    preview = batch_preview(_batch(cast, BODY_CSV))

    assert preview.columns == ["id", "body", "source"]
    assert preview.text_column == "body"
    assert preview.rows[0] == ["1", "문장 1", "web"]
    assert len(preview.rows) == 5 and preview.scanned == 14


def test_empty_texts_are_one_problem_naming_every_line(cast) -> None:
    preview = batch_preview(_batch(cast, BODY_CSV), "body")

    assert [(p["reason"], p["lines"]) for p in preview.problems] == [
        ("텍스트 열 body이(가) 비어 있습니다.", [4, 8, 13])
    ]


def test_a_wrong_text_column_is_one_problem_naming_the_columns_found(cast) -> None:
    batch = imports.import_batch_columns_start(actor=cast.manager, batch=_batch(cast, BODY_CSV), text_column="text")

    assert batch.status == ImportBatch.Status.FAILED
    assert len(batch.errors) == 1
    assert "id, body, source" in batch.errors[0]["reason"]


def test_picked_columns_decide_the_text_the_id_and_the_metadata(cast) -> None:
    csv = "code,body,source,secret\nA1,좋은 문장,web,x\n"
    batch = imports.import_batch_columns_start(
        actor=cast.manager, batch=_batch(cast, csv), text_column="body", id_column="code", keep=["source"]
    )

    item = Item.objects.get(batch=batch)
    assert (item.external_id, item.data) == ("A1", {"text": "좋은 문장", "meta": {"source": "web"}})


def test_problems_are_grouped_by_reason_and_cut_after_the_shown_lines() -> None:
    errors = [{"file": "a.csv", "line": n, "reason": "빈 글"} for n in range(1, 16)]
    errors.append({"file": "a.csv", "line": 20, "reason": "열이 3개여야 합니다"})

    grouped = problems_group(errors, shown=12)

    assert [(g["reason"], g["count"], g["more"]) for g in grouped] == [("빈 글", 15, 3), ("열이 3개여야 합니다", 1, 0)]
    assert grouped[0]["lines"] == list(range(1, 13))


def test_the_pages_go_from_upload_to_columns_to_the_import(cast) -> None:
    manager = client_for(cast.manager)
    upload = SimpleUploadedFile("news.csv", BODY_CSV.replace(",,", ",빈칸 없음,").encode())

    uploaded = manager.post(f"/projects/{cast.project.id}/import/", {"file": upload})
    columns = manager.get(uploaded["Location"])
    started = manager.post(uploaded["Location"], {"text_column": "body", "id_column": "id", "keep": ["source"]})

    assert uploaded["Location"].endswith("/columns/")
    assert columns.status_code == 200 and "문장 1" in columns.content.decode()
    assert started.status_code == 302
    assert Item.objects.filter(project=cast.project, batch__isnull=False, is_published=True).count() == 14


def test_a_failed_import_page_shows_each_problem_once_with_its_lines(cast) -> None:
    batch = imports.import_batch_columns_start(actor=cast.manager, batch=_batch(cast, BODY_CSV), text_column="body")

    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/imports/{batch.id}/").content.decode()

    assert page.count("텍스트 열 body이(가) 비어 있습니다.") == 1
    assert "4, 8, 13" in page


def test_a_started_import_no_longer_offers_its_columns(cast) -> None:
    batch = imports.import_batch_columns_start(
        actor=cast.manager, batch=_batch(cast, "text\n좋다\n"), text_column="text"
    )

    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/imports/{batch.id}/columns/")

    assert page.status_code == 302 and page["Location"].endswith(f"/imports/{batch.id}/")


def test_outsider_gets_404_for_the_columns_page(cast) -> None:
    batch = _batch(cast, BODY_CSV)

    page = client_for(cast.outsider).post(
        f"/projects/{cast.project.id}/imports/{batch.id}/columns/", {"text_column": "body"}
    )

    assert page.status_code == 404
    assert ImportBatch.objects.get(id=batch.id).status == ImportBatch.Status.UPLOADED


def test_the_import_button_pressed_twice_imports_the_file_once(cast) -> None:
    batch = _batch(cast, "text\n좋다\n나쁘다\n")
    url = f"/projects/{cast.project.id}/imports/{batch.id}/columns/"
    manager = client_for(cast.manager)

    first = manager.post(url, {"text_column": "text"})
    second = manager.post(url, {"text_column": "text"})

    assert first.status_code == second.status_code == 302
    assert Item.objects.filter(batch=batch).count() == 2
    with pytest.raises(Conflict):
        imports.import_batch_columns_start(actor=cast.manager, batch=batch, text_column="text")


def test_an_uploaded_file_waits_for_its_columns_and_the_list_links_there(cast) -> None:
    batch = _batch(cast, BODY_CSV)

    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/import/").content.decode()

    assert ImportBatch.objects.get(id=batch.id).status == ImportBatch.Status.UPLOADED
    assert f"/imports/{batch.id}/columns/" in page
    assert not Item.objects.filter(batch=batch).exists()
