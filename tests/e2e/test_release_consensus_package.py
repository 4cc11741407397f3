"""A consensus release, from the cut to a receiver's read-back: three labelers answer each review (one of them
flips three answers, and answers last), two reviews still wait for their third labeler. The manager cuts a
consensus release in the browser, watches it build, reads in the report how it was decided, what was left
out and how sure it is, and downloads every file of the package from the release page. A receiver then checks
the package with coreutils' `sha256sum -c` and reads each data file back with its own tool: the labels are the
majority's, not the noisy labeler's newest answers, and every file holds exactly the snapshot's items."""

import csv
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from datadam.projects.models import Item, ProjectMembership
from datadam.quality.models import QualityPolicy
from datadam.releases.models import Release
from tests import factories
from tests.conftest import Cast
from tests.e2e.conftest import AxeCheck, LogIn
from tests.releases.conftest import run_worker
from tests.releases.packages import accepted

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils sha256sum is not here"),
]

MAJORITY = ["positive", "negative", "positive", "negative", "positive"]
FLIPPED = {"positive": "negative", "negative": "positive"}


def _three_labelers_disagree(cast: Cast) -> list[Item]:
    """Five reviews answered by three labelers, every answer accepted: two give the true label, the third
    flips the first three and answers last (so hers is each item's newest accepted label). Two more reviews
    have only two answers of the three they need. Returns the two waiting items."""
    noisy = factories.UserFactory(username="labeler3")
    factories.ProjectMembershipFactory(project=cast.project, user=noisy, role=ProjectMembership.Role.LABELER)
    QualityPolicy.objects.update_or_create(project=cast.project, defaults={"aggregation_method": "mv"})
    Item.objects.filter(project=cast.project).update(target_overlap=3, open_slots=0)
    waiting = factories.ItemFactory.create_batch(2, project=cast.project, target_overlap=3, open_slots=1)
    for person in (cast.labeler, cast.labeler2):
        for item, answer in zip(cast.items, MAJORITY, strict=True):
            accepted(item, {"sentiment": answer}, person)
        for item in waiting:
            accepted(item, {"sentiment": "negative"}, person)
    for item, answer in zip(cast.items, MAJORITY, strict=True):
        accepted(item, {"sentiment": FLIPPED[answer] if item in cast.items[:3] else answer}, noisy)
    return waiting


def _download_every_file(page: Page, folder: Path) -> list[str]:
    """Click each file link of the release page and keep what the browser downloads, under its package path."""
    links = page.locator("section[aria-labelledby='files-heading'] a[download]")
    names = links.all_inner_texts()
    for index, name in enumerate(names):
        page.wait_for_timeout(120)  # as a person clicks: Chromium starts at most ten downloads a second from a page
        with page.expect_download() as download_info:
            links.nth(index).click()
        download = download_info.value
        assert download.failure() is None, name
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        download.save_as(folder / name)
    return names


def _archive_members(folder: Path, pattern: str) -> dict[str, bytes]:
    found = {}
    for path in folder.glob(pattern):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path.name
            found |= {name: archive.read(name) for name in archive.namelist()}
    return found


def _read_back(package: Path, item_of_text: dict[str, int], tmp_path: Path) -> dict[str, list[tuple[int, str]]]:
    """Each data file of the package read with its own tool: file → (item id, sentiment) for every record in it."""
    stem = json.loads((package / "manifest.json").read_text(encoding="utf-8"))["package"]
    exports = package / "exports"
    labels = [json.loads(body) for body in _archive_members(package, "*/02.라벨링데이터/*.zip").values()]
    raw = _archive_members(package, "*/01.원천데이터/*.zip")
    lines = [json.loads(line) for line in (exports / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()]
    prelabels = [json.loads(line) for line in (exports / f"{stem}_prelabels.jsonl").read_text("utf-8").splitlines()]
    with (exports / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    import datasets  # after HF_DATASETS_OFFLINE is set: it reads the setting on import

    table = datasets.load_dataset(
        "parquet", data_files=str(exports / f"{stem}.parquet"), split="train", cache_dir=str(tmp_path / "hf-cache")
    )
    label_of_raw_file = {label["raw_file"]: label["labels"]["sentiment"] for label in labels}
    return {
        "label archives": [(label["item_id"], label["labels"]["sentiment"]) for label in labels],
        "raw archives": [(item_of_text[body.decode()], label_of_raw_file[name]) for name, body in raw.items()],
        "jsonl": [(line["item"]["id"], line["labels"]["sentiment"]) for line in lines],
        "prelabels": [(item_of_text[line["text"]], line["predictions"]["sentiment"]) for line in prelabels],
        "csv": [(int(row["item_id"]), row["sentiment"]) for row in rows],
        "parquet": list(zip(table["item_id"], table["sentiment"], strict=True)),
    }


@pytest.mark.django_db(transaction=True)
def test_a_consensus_release_of_three_labelers_reads_back_as_the_majority_with_its_own_tools(
    page: Page, live_server: LiveServer, cast: Cast, log_in: LogIn, axe_check: AxeCheck, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waiting = _three_labelers_disagree(cast)

    log_in(page, cast.manager)
    page.goto(live_server.url + reverse("releases:list", args=[cast.project.id]))
    page.get_by_label("버전").fill("v1.0.0")
    page.get_by_role("combobox", name="라벨", exact=True).select_option(label="합의 라벨")
    with page.expect_navigation():
        page.get_by_test_id("cut-release").click()
    expect(page.get_by_test_id("release-status")).to_have_attribute("data-status", "queued")
    run_worker()
    expect(page.get_by_test_id("release-status")).to_have_attribute("data-status", "built", timeout=10_000)
    page.get_by_test_id("report-link").click()
    consensus = page.get_by_test_id("report-consensus")
    expect(consensus).to_contain_text("다수결 방식으로 정했습니다")
    expect(consensus).to_contain_text("항목 5개를 배포하고, 중복 작업이 끝나지 않은 2개는 뺐습니다")
    expect(consensus).to_contain_text("신뢰도 하한 70.0% 아래의 항목: 3개")
    expect(consensus.get_by_role("cell", name="0.6667")).to_have_count(3)
    axe_check(page)
    page.get_by_role("link", name=f"{cast.project.name} v1.0.0").click()
    package = tmp_path / "package"
    downloaded = _download_every_file(page, package)

    release = Release.objects.get()
    majority = {item.id: answer for item, answer in zip(cast.items, MAJORITY, strict=True)}
    noisy_newest = {item_id: FLIPPED[answer] if index < 3 else answer
                    for index, (item_id, answer) in enumerate(majority.items())}
    snapshot = dict(release.entries.values_list("item_id", "result__sentiment"))
    assert snapshot == majority != noisy_newest and release.entries_total == len(snapshot) == 5
    assert not {item.id for item in waiting} & set(snapshot)
    assert sorted(downloaded) == sorted(release.files.values_list("name", flat=True))

    checked = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=package,
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "manifest.json: OK" in checked.stdout.splitlines()
    assert checked.stdout.count(": OK") == len(downloaded) - 1  # every file but SHA256SUMS itself

    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    read_back = _read_back(package, {item.data["text"]: item.id for item in cast.items}, tmp_path)
    for file, pairs in read_back.items():
        assert sorted(pairs) == sorted(snapshot.items()), file  # the majority, each item once, no other item
    with (package / "consensus.csv").open(encoding="utf-8", newline="") as handle:
        confidence = {int(row["item_id"]): (row["method"], float(row["confidence"])) for row in csv.DictReader(handle)}
    assert confidence == {item_id: ("mv", 1.0 if majority[item_id] == noisy_newest[item_id] else 0.6667)
                          for item_id in majority}
    report = json.loads((package / "quality_report.json").read_text(encoding="utf-8"))["consensus"]
    assert (report["method"], report["overlap_incomplete"], report["below_floor"]["count"]) == ("mv", 2, 3)
