"""Every ZIP the server writes (release packages, YOLO, VOC, COCO with images, the speech ZIP) comes from one
streaming writer: an archive of thousands of files opens with Python's zipfile and passes `unzip -t`, and
writing it takes the same memory for 2,000 files as for 20,000."""

import shutil
import subprocess
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from datadam.releases.zipstream import PIECE, stream

PICTURE = bytes(range(256)) * 300  # 75 KB that deflate barely shrinks in places: an image copied in blocks


def _image_export(count: int):
    """What an image export hands the writer: a data.yaml, then per item a label text and its image in blocks."""
    yield "data.yaml", "path: .\nnames:\n  0: \"고양이\"\n"
    for number in range(count):
        yield f"labels/train/{number:08d}.txt", f"0 0.5 0.5 0.{number % 10} 0.1\n"
        yield f"images/train/{number:08d}.jpg", (PICTURE[start : start + 64 * 1024] for start in (0, 64 * 1024))
    yield "manifest.jsonl", (f'{{"item": {number}, "text": "문장"}}\n' for number in range(count))


def test_an_image_export_of_thousands_of_files_opens_with_zipfile_and_unzip(tmp_path: Path) -> None:
    path, pieces = tmp_path / "yolo.zip", []
    with path.open("wb") as handle:
        for piece in stream(_image_export(3000)):
            pieces.append(len(piece))
            handle.write(piece)

    assert len(pieces) > 5 and max(pieces) < PIECE + 128 * 1024  # handed out as it is written, never whole
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert len(archive.namelist()) == 2 * 3000 + 2
        assert archive.read("images/train/00002999.jpg") == PICTURE
        assert archive.read("labels/train/00000007.txt") == b"0 0.5 0.5 0.7 0.1\n"
        assert archive.read("data.yaml").decode() == 'path: .\nnames:\n  0: "고양이"\n'
        assert archive.read("manifest.jsonl").decode().count("문장") == 3000
    if shutil.which("unzip") is None:
        pytest.skip("unzip is not installed")
    checked = subprocess.run(["unzip", "-tq", str(path)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No errors detected" in checked.stdout


def _peak_while_writing(count: int) -> int:
    tracemalloc.start()
    try:
        for _piece in stream(_image_export(count)):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_writing_an_archive_takes_the_same_memory_for_2000_files_as_for_20000() -> None:
    small, large = _peak_while_writing(1000), _peak_while_writing(10_000)  # an image and a label text each

    # zipfile kept an object per member until the end (about 350 bytes each: 6 MB more for 18,000 more files)
    assert large < small + 64 * 1024, (small, large)
    assert large < 2 * 1024 * 1024
