"""A package a receiver can check: SHA256SUMS covers every file (the manifest included) and `sha256sum -c`
accepts it, the guideline and the datasheet travel with the data, and the report says the package passed
its own check. One changed byte anywhere and both the check and coreutils say so."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from datadam.catalog import services as catalog
from datadam.releases import package
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build, label_and_review
from tests.releases.packages import read, unpack

needs_sha256sum = pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils sha256sum is not here")


def _sha256sum(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=folder, capture_output=True, text=True, timeout=60
    )


@needs_sha256sum
def test_sha256sums_covers_every_file_with_the_manifest_and_coreutils_accepts_it(cast, tmp_path) -> None:
    label_and_review(cast)
    release = cut_and_build(cast)
    folder = unpack(release, tmp_path)

    listed = {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}

    assert listed == set(release.files.values_list("name", flat=True)) - {"SHA256SUMS"}
    assert "manifest.json" in listed and "quality_report.json" in listed
    assert package.check(folder) == []
    assert _sha256sum(folder).returncode == 0
    check = release.report["package_check"]
    assert check == {"method": "sha256sum -c SHA256SUMS", "files": len(listed), "passed": True}


@needs_sha256sum
def test_one_changed_byte_fails_the_packages_own_check_and_sha256sum(cast, tmp_path) -> None:
    label_and_review(cast)
    folder = unpack(cut_and_build(cast), tmp_path)
    labels = next(folder.glob("Training/02.라벨링데이터/TL_*.zip"))
    tampered = bytearray(labels.read_bytes())
    tampered[-30] ^= 0x01
    labels.write_bytes(bytes(tampered))

    problems = package.check(folder)
    coreutils = _sha256sum(folder)

    assert problems == [f"{labels.relative_to(folder).as_posix()}: FAILED"]
    assert coreutils.returncode != 0 and "FAILED" in coreutils.stdout


def test_a_file_slipped_into_the_package_or_a_changed_manifest_is_caught(cast, tmp_path) -> None:
    label_and_review(cast)
    folder = unpack(cut_and_build(cast), tmp_path)
    (folder / "extra.txt").write_text("끼워 넣은 파일")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["version"] = "v9.9.9"
    (folder / "manifest.json").write_text(json.dumps(manifest))

    assert package.check(folder) == ["manifest.json: FAILED", "extra.txt: not listed in SHA256SUMS"]


def test_the_guideline_and_the_datasheet_in_korean_and_english_travel_in_the_package(cast) -> None:
    catalog.dataset_update(
        actor=cast.manager, project=cast.project, title_ko="영화 리뷰 감성", title_en="Movie review sentiment",
        summary_ko="영화 리뷰의 긍정과 부정", summary_en="Positive and negative movie reviews", licence="CC BY 4.0",
    )
    label_and_review(cast)
    release = cut_and_build(cast)

    guideline = read(release, "GUIDELINE.md").decode()
    korean, english = read(release, "DATASHEET.ko.md").decode(), read(release, "DATASHEET.en.md").decode()

    assert cast.project.guideline in guideline
    assert "# 영화 리뷰 감성 — 데이터시트" in korean and "영화 리뷰의 긍정과 부정" in korean
    assert "# Movie review sentiment — Datasheet" in english and "Positive and negative movie reviews" in english
    assert "Items: 4" in english and "CC BY 4.0" in english
    assert f"Cut on: {release.cut_at.date().isoformat()}" in english


def test_the_report_page_shows_each_interval_and_the_package_check_in_korean(cast) -> None:
    label_and_review(cast)
    release = cut_and_build(cast)

    page = client_for(cast.manager).get(
        f"/projects/{cast.project.id}/releases/{release.id}/report/", headers={"accept-language": "ko"}
    ).content.decode()

    files = release.files.count() - 1  # every file but SHA256SUMS itself
    assert f"패키지 확인 (파일 {files}개에 sha256sum -c SHA256SUMS): 통과." in page
    low = release.report["syntactic_accuracy"]["ci_low"]
    assert page.count("95% 신뢰구간") == 3 and f"{low}–100.0%" in page
