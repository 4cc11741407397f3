"""Media imports from a ZIP, uploaded files and a server folder, with every kind of bad file."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from datadam.core.errors import Invalid
from datadam.media import imports
from datadam.media.models import MediaFile
from datadam.projects.models import ImportBatch, Item
from tests.media.conftest import SVG_WITH_SCRIPT, jpeg_bytes, png_bytes, wav_bytes

pytestmark = pytest.mark.django_db


def zip_of(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return SimpleUploadedFile("media.zip", buffer.getvalue(), content_type="application/zip")


def run_zip(cast, files: dict[str, bytes]) -> ImportBatch:
    upload = zip_of(files)
    batch = imports.media_import_create_zip(actor=cast.manager, project=cast.project, upload=upload, file_name="m.zip")
    return imports.media_import_run(batch_id=batch.id)


def published(batch: ImportBatch) -> list[Item]:
    return list(Item.objects.filter(batch=batch, is_published=True).order_by("id"))


def test_manager_imports_a_zip_of_images_and_sounds_with_prompts(cast) -> None:
    manifest = "file_name,text\nb.wav,안녕하세요 라고 말해 주세요\n".encode()
    batch = run_zip(cast, {"photos/a.png": png_bytes(), "b.wav": wav_bytes(), "metadata.csv": manifest})
    assert batch.status == "published" and batch.items_created == 2
    items = {item.data["file_name"]: item for item in published(batch)}
    assert set(items) == {"a.png", "b.wav"}
    assert items["b.wav"].data["text"] == "안녕하세요 라고 말해 주세요"
    media = MediaFile.objects.get(id=int(items["a.png"].data["image"].removeprefix("media:")))
    assert (media.width, media.height, media.status, media.project_id) == (40, 30, "ok", cast.project.id)
    assert items["b.wav"].open_slots == cast.project.default_overlap


@pytest.mark.parametrize("bad_path", ["../evil.png", "photos/../../evil.png", "/etc/evil.png", "C:/evil.png"])
def test_zip_with_parent_or_absolute_paths_is_refused_whole(cast, bad_path: str) -> None:
    batch = run_zip(cast, {"good.png": png_bytes(), bad_path: png_bytes()})
    assert batch.status == "failed" and "unsafe path" in batch.errors[0]["reason"].lower()
    assert not Item.objects.filter(batch=batch).exists() and not MediaFile.objects.filter(batch=batch).exists()


def test_zip_bomb_is_stopped_at_the_configured_total(cast) -> None:
    bomb = {f"zeros{n}.wav": b"\0" * (3 * 1024 * 1024) for n in range(4)}  # 12 MB that packs into a few KB
    upload = zip_of(bomb)
    assert upload.size < 200_000
    with override_settings(DATADAM_ZIP_MAX_TOTAL_BYTES=10 * 1024 * 1024):
        batch = imports.media_import_create_zip(
            actor=cast.manager, project=cast.project, upload=upload, file_name="bomb.zip"
        )
        batch = imports.media_import_run(batch_id=batch.id)
    assert batch.status == "failed" and "10 MB" in batch.errors[0]["reason"]
    assert not MediaFile.objects.filter(batch=batch).exists()


def test_zip_member_that_unpacks_to_more_than_it_declares_is_stopped(cast) -> None:
    from datadam.media.sources import _BoundedReader

    reader = _BoundedReader(io.BytesIO(b"x" * 100), 10)
    with pytest.raises(Exception, match="more than its header"):
        reader.read()


def test_image_bomb_truncated_files_and_wrong_extensions_are_unreadable_and_the_rest_import(cast) -> None:
    good, truncated_png, truncated_wav = png_bytes(), png_bytes(300, 300), wav_bytes(1.0)
    files = {
        "good.png": good,
        "bomb.png": png_bytes(3000, 3000),
        "cut.png": truncated_png[: len(truncated_png) // 2],
        "cut.wav": truncated_wav[: len(truncated_wav) // 2],
        "photo.wav": jpeg_bytes(),
        "evil.svg": SVG_WITH_SCRIPT,
        "notes.txt": b"hello",
    }
    with override_settings(DATADAM_IMAGE_MAX_PIXELS=1_000_000):
        batch = run_zip(cast, files)
    assert batch.status == "published"
    assert [item.data["file_name"] for item in published(batch)] == ["good.png"]
    reasons = {
        media.original_name: media.reason for media in MediaFile.objects.filter(batch=batch, status="unreadable")
    }
    assert set(reasons) == {"bomb.png", "cut.png", "cut.wav", "photo.wav", "evil.svg", "notes.txt"}
    assert "1000000 pixels" in reasons["bomb.png"]
    assert "truncated" in reasons["cut.png"] or "cannot be read" in reasons["cut.png"]
    assert "cut short" in reasons["cut.wav"]
    assert "image/jpeg" in reasons["photo.wav"]
    assert "script" in reasons["evil.svg"]
    hidden = Item.objects.filter(batch=batch, is_published=False).count()
    assert hidden == 6 and batch.items_created == 7


def test_a_file_that_is_not_a_zip_fails_with_a_reason(cast) -> None:
    upload = SimpleUploadedFile("x.zip", b"not a zip at all")
    batch = imports.media_import_create_zip(actor=cast.manager, project=cast.project, upload=upload, file_name="x.zip")
    batch = imports.media_import_run(batch_id=batch.id)
    assert batch.status == "failed" and "ZIP" in batch.errors[0]["reason"]


def test_many_uploaded_files_become_items(cast) -> None:
    uploads = [SimpleUploadedFile("one.png", png_bytes()), SimpleUploadedFile("two.jpg", jpeg_bytes())]
    batch = imports.media_import_create_files(actor=cast.manager, project=cast.project, uploads=uploads)
    batch = imports.media_import_run(batch_id=batch.id)
    assert [item.data["file_name"] for item in published(batch)] == ["one.png", "two.jpg"]


def test_outsider_cannot_import_into_as_project(cast) -> None:
    from datadam.core.errors import NotFound

    with pytest.raises(NotFound):
        imports.media_import_create_files(
            actor=cast.outsider, project=cast.project, uploads=[SimpleUploadedFile("a.png", png_bytes())]
        )
    assert not MediaFile.objects.exists()


def test_folder_import_reads_only_under_allowed_roots(cast, tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "allowed", tmp_path / "elsewhere"
    (root / "set1").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "set1" / "a.png").write_bytes(png_bytes())
    (elsewhere / "secret.png").write_bytes(png_bytes())
    (root / "set1" / "link.png").symlink_to(elsewhere / "secret.png")
    with override_settings(DATADAM_IMPORT_ROOTS=[root.resolve()]):
        for outside in [str(elsewhere), str(root / ".." / "elsewhere"), "/etc"]:
            with pytest.raises(Invalid):
                imports.media_import_create_folder(actor=cast.manager, project=cast.project, folder=outside)
        batch = imports.media_import_create_folder(actor=cast.manager, project=cast.project, folder=str(root))
        batch = imports.media_import_run(batch_id=batch.id)
    assert [item.data["file_name"] for item in published(batch)] == ["a.png"]


def test_folder_import_is_off_without_roots(cast, tmp_path: Path) -> None:
    with override_settings(DATADAM_IMPORT_ROOTS=[]), pytest.raises(Invalid, match="turned off"):
        imports.media_import_create_folder(actor=cast.manager, project=cast.project, folder=str(tmp_path))


def test_an_image_project_keeps_sound_files_out_with_a_reason(cast, image_project) -> None:
    batch = run_zip(cast, {"a.png": png_bytes(), "b.wav": wav_bytes()})
    assert [item.data["file_name"] for item in published(batch)] == ["a.png"]
    assert "image" in MediaFile.objects.get(batch=batch, original_name="b.wav").reason.lower()


def test_a_zip_of_too_many_files_is_refused_before_unpacking(cast, monkeypatch) -> None:
    from datadam.media import sources

    monkeypatch.setattr(sources, "MAX_FILES", 3)
    batch = run_zip(cast, {f"{n}.png": png_bytes() for n in range(4)})
    assert batch.status == "failed" and "at most 3 files" in batch.errors[0]["reason"]
