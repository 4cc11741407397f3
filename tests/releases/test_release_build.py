"""The build writes the AI Hub-style package from the frozen entries; later edits never change a release,
and a build killed half-way shows nothing and can be started again."""

import hashlib
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from datadam.core.errors import Conflict
from datadam.labeling.models import Annotation
from datadam.projects.models import Item
from datadam.releases import package, services
from datadam.releases.models import Release, ReleaseFile
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build, label_and_review, run_worker


def _read(release: Release, name: str) -> bytes:
    file = release.files.get(name=name)
    with default_storage.open(file.stored_path, "rb") as handle:
        return handle.read()


def _archive(release: Release, prefix: str) -> zipfile.ZipFile:
    name = next(f.name for f in release.files.all() if f"/{prefix}_" in f.name)
    return zipfile.ZipFile(io.BytesIO(_read(release, name)))


def test_the_ai_hub_layout_pairs_each_raw_file_with_its_label_file(cast) -> None:
    label_and_review(cast)
    release = cut_and_build(cast, validation_percent=50)
    texts = {item.id: item.data["text"] for item in cast.items}

    names = set(release.files.values_list("name", flat=True))
    paired = 0
    for split, raw_prefix, label_prefix in [("training", "TS", "TL"), ("validation", "VS", "VL")]:
        raw, labels = _archive(release, raw_prefix), _archive(release, label_prefix)
        assert {n.rsplit(".", 1)[0] for n in raw.namelist()} == {n.rsplit(".", 1)[0] for n in labels.namelist()}
        for label_name in labels.namelist():
            label = json.loads(labels.read(label_name))
            raw_text = raw.read(label["raw_file"]).decode("utf-8")
            assert label["split"] == split and raw_text == texts[label["item_id"]]
            assert label["labels"]["sentiment"] in {"positive", "negative"}
            paired += 1
    assert paired == 4 and release.status == "built"
    folders = {name.rsplit("/", 1)[0] for name in names if name.endswith(".zip")}
    assert folders == {
        "Training/01.원천데이터", "Training/02.라벨링데이터", "Validation/01.원천데이터", "Validation/02.라벨링데이터"
    }


def test_the_manifest_holds_the_sha256_of_every_file_and_its_hash_is_recorded(cast) -> None:
    label_and_review(cast)
    release = cut_and_build(cast)

    manifest_bytes = _read(release, "manifest.json")
    manifest = json.loads(manifest_bytes)

    assert hashlib.sha256(manifest_bytes).hexdigest() == release.manifest_sha256
    listed = {entry["name"]: entry["sha256"] for entry in manifest["files"]}
    for name, digest in listed.items():
        assert hashlib.sha256(_read(release, name)).hexdigest() == digest
    assert set(listed) == set(release.files.values_list("name", flat=True)) - {"manifest.json", "SHA256SUMS"}
    assert any(name.startswith("exports/") for name in listed) and "quality_report.json" in listed


def test_later_edits_to_the_project_never_change_a_release(cast) -> None:
    label_and_review(cast)
    release = cut_and_build(cast)
    before = {f.name: (f.sha256, _read(release, f.name)) for f in release.files.all()}
    entries_before = list(release.entries.order_by("item_id").values_list("item_id", "data", "result"))

    Item.objects.filter(project=cast.project).update(data={"text": "바뀐 문장"})
    Annotation.objects.filter(project=cast.project).update(result={"sentiment": "negative"})
    Item.objects.filter(id=cast.items[0].id).delete()
    cut_and_build(cast, "v1.1.0")

    release.refresh_from_db()
    after = {f.name: (f.sha256, _read(release, f.name)) for f in release.files.all()}
    assert after == before
    assert list(release.entries.order_by("item_id").values_list("item_id", "data", "result")) == entries_before
    assert hashlib.sha256(_read(release, "manifest.json")).hexdigest() == release.manifest_sha256


def test_a_killed_build_shows_nothing_and_a_restart_finishes_it_with_the_same_files(cast, monkeypatch) -> None:
    label_and_review(cast)
    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")
    real_write, calls = package._write_entry, []

    def dies_on_the_third(*args, **kwargs) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # what the worker sees when it is killed: nothing catches it
        real_write(*args, **kwargs)

    monkeypatch.setattr(package, "_write_entry", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        services.release_build_run(release_id=release.id)
    monkeypatch.setattr(package, "_write_entry", real_write)

    release.refresh_from_db()
    assert release.status == "building" and not ReleaseFile.objects.exists() and not release.manifest_sha256
    with pytest.raises(Conflict):  # the heartbeat is fresh: it might still be running
        services.release_build_restart(actor=cast.manager, release=release)
    Release.objects.filter(id=release.id).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    Item.objects.filter(project=cast.project).update(data={"text": "죽은 뒤에 바뀐 문장"})

    services.release_build_restart(actor=cast.manager, release=release)
    rebuilt = services.release_build_run(release_id=release.id)

    assert (rebuilt.status, rebuilt.attempt) == ("built", 2)
    labels = _archive(rebuilt, "TL")
    assert all("죽은" not in labels.read(name).decode() for name in labels.namelist())
    other = cut_and_build(cast, "v9.9.9")
    assert other.manifest_sha256 != rebuilt.manifest_sha256


def test_a_failed_build_says_so_and_can_be_started_again(cast, monkeypatch) -> None:
    label_and_review(cast)
    release = services.release_cut(actor=cast.manager, project=cast.project, version="v1.0.0")
    monkeypatch.setattr(package, "_write_exports", lambda *args, **kwargs: (_ for _ in ()).throw(OSError("disk full")))

    failed = services.release_build_run(release_id=release.id)
    monkeypatch.undo()
    services.release_build_restart(actor=cast.manager, release=failed)
    built = services.release_build_run(release_id=release.id)

    assert (failed.status, failed.error) == ("failed", "disk full")
    assert built.status == "built" and built.files.filter(kind="package").count() == 4


def test_rebuilding_the_same_entries_gives_the_same_bytes(cast) -> None:
    label_and_review(cast)
    release = cut_and_build(cast)
    first = release.manifest_sha256

    Release.objects.filter(id=release.id).update(status="failed")
    services.release_build_restart(actor=cast.manager, release=Release.objects.get(id=release.id))
    again = services.release_build_run(release_id=release.id)

    assert again.manifest_sha256 == first and again.attempt == 2


@pytest.mark.django_db(transaction=True)  # the worker closes connections: it must not run inside the test's transaction
def test_the_build_runs_in_the_background_and_the_page_shows_its_progress(cast) -> None:
    label_and_review(cast)
    client = client_for(cast.manager)
    client.post(
        f"/projects/{cast.project.id}/releases/",
        {"version": "v1.0.0", "notes": "", "source": "accepted", "validation_percent": 10},
    )
    release = Release.objects.get()
    waiting = client.get(f"/projects/{cast.project.id}/releases/{release.id}/status/").content.decode()

    run_worker()

    page = client.get(f"/projects/{cast.project.id}/releases/{release.id}/").content.decode()
    assert "<progress" in waiting and 'hx-trigger="every 1s"' in waiting
    assert Release.objects.get().status == "built" and release.version in page
    assert "Training/01.원천데이터" in page
