"""Image and audio items put their original media file into the raw archive, beside a label file; big
archives (more than 65,535 files) are written with ZIP64 records any unzip tool reads."""

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from datadam.labeling.models import Annotation, Assignment
from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.models import Item
from datadam.releases.zipstream import ZipWriter
from tests import factories
from tests.releases.conftest import cut_and_build


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_image_item_ships_its_original_file_and_its_size_in_the_report(cast) -> None:
    Item.objects.filter(project=cast.project).delete()
    png = _png(64, 48)
    key = media_storage().save("bench/photo.png", ContentFile(png))
    media = MediaFile.objects.create(
        organization=cast.project.organization, project=cast.project, storage_key=key, original_name="photo.png",
        content_type="image/png", kind="image", size_bytes=len(png), width=64, height=48, status="ok",
    )
    item = factories.ItemFactory(project=cast.project, data={"image": media.reference})
    assignment = factories.AssignmentFactory(item=item, worker=cast.labeler, status=Assignment.Status.SUBMITTED)
    Annotation.objects.create(
        assignment=assignment, project=cast.project, item=item, author=cast.labeler,
        result={"sentiment": "positive"}, status=Annotation.Status.ACCEPTED,
    )

    release = cut_and_build(cast)

    def archive(prefix: str) -> zipfile.ZipFile:
        file = next(f for f in release.files.all() if f"/{prefix}_" in f.name)
        return zipfile.ZipFile(io.BytesIO(default_storage.open(file.stored_path).read()))

    label = json.loads(archive("TL").read(f"{item.id:08d}.json"))
    assert archive("TS").read(label["raw_file"]) == png and label["raw_file"].endswith(".png")
    assert "image" not in label["data"]  # the internal media reference stays inside Datadam
    assert release.report["data_statistics"]["image_width"]["max"] == 64
    assert release.report["format_validity"]["percent"] == 100.0


def test_an_archive_of_more_than_65535_files_is_read_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"

    with ZipWriter(path) as archive:
        for number in range(70_000):
            archive.add(f"{number:08d}.txt", f"문장 {number}".encode())

    with zipfile.ZipFile(path) as reread:
        assert len(reread.namelist()) == 70_000 and reread.testzip() is None
        assert reread.read("00069999.txt").decode() == "문장 69999"
    if shutil.which("unzip"):
        checked = subprocess.run(["unzip", "-tq", str(path)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0 and "No errors detected" in checked.stdout, checked.stdout + checked.stderr
