"""The release's files, written as streams from the frozen snapshot only (the release's entries and what the
cut kept of the project): an AI Hub-style package, the exports, the guideline, the datasheet, the quality
report, a manifest and SHA256SUMS.

Layout (the layout of AI Hub's data sets, so people who know it find their way):

    Training/01.원천데이터/TS_<name>.zip     raw files of the training split (one per item)
    Training/02.라벨링데이터/TL_<name>.zip   one JSON label file per raw file, same stem
    Validation/01.원천데이터/VS_<name>.zip
    Validation/02.라벨링데이터/VL_<name>.zip
    exports/<name>.jsonl                      the frozen labels as JSON Lines
    exports/<name>_<format>.<ext>             the project's other export formats that fit it
    consensus.csv                             (consensus releases) each item's confidence
    GUIDELINE.md  DATASHEET.ko.md  DATASHEET.en.md
    quality_report.json  manifest.json  SHA256SUMS

Each label file names its raw file's original name, size and SHA-256, and the image size or the audio length
and sample rate, measured from the stored bytes. Entries are read a chunk at a time and written one at a
time into open archives, and media is copied in blocks, so memory does not grow with the data set. Nothing
written depends on when the build runs (archive members carry a fixed date, documents the cut's date), so
a rebuild of the same release gives the same bytes and the same hashes. `check` is `sha256sum -c SHA256SUMS`.
"""

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from datadam.releases import datasheet, exporters, report
from datadam.releases.exporters import FORMATS
from datadam.releases.exporters.source import release_project
from datadam.releases.models import Release, ReleaseEntry
from datadam.releases.zipstream import ZipWriter

try:
    from datadam.media.models import MediaFile
    from datadam.media.storage import media_storage
except ImportError:  # pragma: no cover - the media app is optional for text projects
    MediaFile = media_storage = None

CHUNK = 2000
PROGRESS_EVERY = 500
RAW, LABEL = "01.원천데이터", "02.라벨링데이터"
SPLITS = {
    ReleaseEntry.Split.TRAINING: ("Training", "TS", "TL"),
    ReleaseEntry.Split.VALIDATION: ("Validation", "VS", "VL"),
}
MEDIA = re.compile(r"^media:(\d+)$")
SUMS = "SHA256SUMS"


@dataclass(frozen=True)
class BuiltFile:
    name: str
    size: int
    sha256: str
    kind: str


@dataclass
class Outcome:
    collector: report.Collector


def package_name(release: Release) -> str:
    base = slugify(release.snapshot.get("project_name") or release.project.name, allow_unicode=True)[:40] or "data"
    return f"{base}_{release.version}"


def build(release: Release, scratch: Path, *, progress: Callable[[int], None]) -> Outcome:
    """Write the four archives and the exports into `scratch`; returns what the report needs from the data."""
    project = release_project(release)
    collector = report.Collector(project.schema)
    name, done = package_name(release), 0
    for split, (folder, raw_prefix, label_prefix) in SPLITS.items():
        raw_path = scratch / folder / RAW / f"{raw_prefix}_{name}.zip"
        label_path = scratch / folder / LABEL / f"{label_prefix}_{name}.zip"
        raw_path.parent.mkdir(parents=True, exist_ok=True)
        label_path.parent.mkdir(parents=True, exist_ok=True)
        with ZipWriter(raw_path) as raw_zip, ZipWriter(label_path) as label_zip:
            for chunk in _chunks(release, split):
                measured = []
                for entry in chunk:
                    files = _write_entry(release, entry, raw_zip, label_zip, collector)
                    if files:
                        measured.append(ReleaseEntry(id=entry[0], files=files))
                    done += 1
                    if done % PROGRESS_EVERY == 0:
                        progress(done)
                ReleaseEntry.objects.bulk_update(measured, ["files"], batch_size=500)
    _write_exports(release, project, scratch / "exports", beat=lambda: progress(done))
    progress(done)
    return Outcome(collector=collector)


def _chunks(release: Release, split: str) -> Iterator[list[tuple]]:
    """The split's entries in item order, a chunk at a time (keyset pages: each chunk is read whole before
    the build writes the raw-file figures of its entries back)."""
    fields = ("id", "item_id", "external_id", "data", "result", "split", "confidence")
    after = -1
    while True:
        chunk = list(
            release.entries.filter(split=split, item_id__gt=after).order_by("item_id").values_list(*fields)[:CHUNK]
        )
        if not chunk:
            return
        yield chunk
        after = chunk[-1][1]


def _write_entry(release: Release, entry: tuple, raw_zip, label_zip, collector: "report.Collector") -> dict:
    """Write one item's raw file and label file; returns the figures of its media files (for the exports)."""
    _id, item_id, external_id, data, result, split, confidence = entry
    stem = f"{item_id:08d}"
    raw, media_field = _write_raw(release, stem, data, raw_zip)
    label = {
        "id": stem,
        "item_id": item_id,
        "external_id": external_id,
        "release": release.version,
        "split": split,
        "raw_file": raw["file"],
        "raw": raw,
        "data": {key: value for key, value in data.items() if key != media_field},
        "labels": result,
    }
    if release.source == Release.Source.CONSENSUS:
        label["consensus"] = {"method": _consensus_method(release), "confidence": confidence}
    label_zip.add(f"{stem}.json", json.dumps(label, ensure_ascii=False, indent=1).encode("utf-8"))
    checked = dict(data)
    if media_field:  # the label is checked against the figures measured here, not the media app's
        for key in ("width", "height", "duration"):
            if raw.get(key) is not None:
                checked[f"{media_field}_{key}"] = raw[key]
    collector.add(data=checked, result=result, raw_ok=raw["readable"], measures=_measures(raw, data))
    if not media_field or raw.get("media_id") is None:
        return {}
    return {media_field: {"id": raw["media_id"], "name": raw["original_name"], "width": raw.get("width"),
                          "height": raw.get("height"), "duration": raw.get("duration")}}


def _consensus_method(release: Release) -> str:
    return (release.snapshot.get("consensus") or {}).get("method", "")


def _measures(raw: dict, data: dict) -> dict:
    measures = {}
    if raw.get("width"):
        measures |= {"image_width": raw["width"], "image_height": raw["height"]}
    if raw.get("duration"):
        measures["audio_duration"] = raw["duration"]
    if isinstance(data.get("text"), str) and not raw.get("media_id"):
        measures["text_length"] = len(data["text"])
    return measures


def _write_raw(release: Release, stem: str, data: dict, raw_zip) -> tuple[dict, str]:
    """The item's raw file (its media file when it has one, else its text) and what it is: name, original
    name, size, SHA-256, readable or not, image size or audio length. Returns it with the media field."""
    for field, value in data.items():
        match = MEDIA.match(value) if isinstance(value, str) else None
        if match and MediaFile is not None:
            return _write_media(release, stem, int(match.group(1)), raw_zip), field
    text = data.get("text")
    if isinstance(text, str):
        content, name, readable = text.encode("utf-8", errors="replace"), f"{stem}.txt", bool(text.strip())
    else:
        content, name, readable = json.dumps(data, ensure_ascii=False).encode("utf-8"), f"{stem}.json", True
    raw_zip.add(name, content)
    return {"file": name, "original_name": None, "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(), "readable": readable}, ""


def _write_media(release: Release, stem: str, media_id: int, raw_zip) -> dict:
    media = MediaFile.objects.filter(id=media_id, project_id=release.project_id).first()
    if media is None:
        return {"file": "", "original_name": None, "size": 0, "sha256": None, "readable": False}
    suffix = Path(media.original_name).suffix.lower()[:8] or ".bin"
    name, digest, size = f"{stem}{suffix}", hashlib.sha256(), 0
    with media_storage().open(media.storage_key, "rb") as source:
        def blocks() -> Iterator[bytes]:
            nonlocal size
            while block := source.read(1024 * 1024):
                digest.update(block)
                size += len(block)
                yield block

        raw_zip.add(name, blocks())
    facts = {"file": name, "media_id": media.id, "original_name": media.original_name, "size": size,
             "sha256": digest.hexdigest()}
    with media_storage().open(media.storage_key, "rb") as source:
        return facts | measure(source, media.kind)


def measure(binary, kind: str) -> dict:
    """An image's width and height (Pillow) or a recording's duration and sample rate (soundfile), read from the
    file's header; `readable` is False when the header does not parse."""
    import soundfile  # loaded on use: the web process imports this module but never measures media
    from PIL import Image

    try:
        if kind == "image":
            with Image.open(binary) as image:
                width, height = image.size
                image.verify()
            return {"readable": True, "width": width, "height": height}
        if kind == "audio":
            info = soundfile.info(binary)
            duration = round(info.frames / info.samplerate, 4) if info.samplerate else None
            return {"readable": bool(info.frames), "duration": duration, "sample_rate": info.samplerate}
    except (OSError, SyntaxError, ValueError, EOFError, RuntimeError, Image.DecompressionBombError):
        return {"readable": False}
    return {"readable": True}


def _write_exports(release: Release, project, folder: Path, beat: Callable[[], None]) -> None:
    """The labels as JSON Lines, each other registered format that fits the project, and (for a consensus
    release) each item's consensus confidence: all from the frozen entries."""
    folder.mkdir(parents=True, exist_ok=True)
    name = package_name(release)
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
        for item_id, external_id, data, result, split in release.entries.order_by("item_id").values_list(
            "item_id", "external_id", "data", "result", "split"
        ).iterator(chunk_size=CHUNK):
            line = {"item": {"id": item_id, "external_id": external_id, "data": data}, "split": split}
            handle.write(json.dumps(line | {"labels": result}, ensure_ascii=False) + "\n")
    for file_format, exporter in FORMATS.items():
        # a format made for people rather than data tools (the spreadsheet-safe CSV) stays out of the data set
        if file_format == "jsonl" or not getattr(exporter, "IN_PACKAGE", True) or not _applies(exporter, project):
            continue
        beat()  # one format can take minutes on a big project: show the build is alive
        with (folder / _export_name(name, file_format, exporter)).open("wb") as handle:
            for chunk in exporter.rows(project, "accepted"):
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    if release.source == Release.Source.CONSENSUS:
        _write_consensus(release, folder.parent / "consensus.csv")


def _applies(exporter, project) -> bool:
    """`supports(project)` answers None (or True, in older exporters) when the format fits; one without it fits."""
    supports = getattr(exporter, "supports", None)
    if not callable(supports):
        return True
    answer = supports(project)
    return answer is None or answer is True


def _export_name(stem: str, file_format: str, exporter) -> str:
    if hasattr(exporters, "file_name"):
        return exporters.file_name(stem, file_format)
    return f"{stem}_{file_format}.{exporter.EXTENSION}"


def _write_consensus(release: Release, path: Path) -> None:
    method = _consensus_method(release)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["item_id", "external_id", "split", "method", "confidence"])
        rows = release.entries.order_by("item_id").values_list("item_id", "external_id", "split", "confidence")
        for item_id, external_id, split, confidence in rows.iterator(chunk_size=CHUNK):
            single = confidence is None  # an item with one answer by design has no vote to weigh
            writer.writerow([item_id, external_id, split, "single" if single else method,
                             "" if single else confidence])


def finish(release: Release, scratch: Path, figures: dict) -> list[BuiltFile]:
    """Write the guideline, the datasheets, the report, the manifest and SHA256SUMS (over every file, the
    manifest included), then check the package as a receiver would; returns every file."""
    snapshot = release.snapshot
    (scratch / "GUIDELINE.md").write_text(datasheet.guideline(release), encoding="utf-8")
    for language in ("ko", "en"):
        text = datasheet.render(release, figures, language, snapshot.get("datasheet") or {})
        (scratch / f"DATASHEET.{language}.md").write_text(text, encoding="utf-8")
    data_files = sorted(path for path in scratch.rglob("*") if path.is_file())
    figures["package_check"] = {
        "method": "sha256sum -c SHA256SUMS",
        "files": len(data_files) + 2,  # and the report and the manifest
        "passed": True,  # the build fails below unless the check passes, so a shown report never says so wrongly
    }
    (scratch / "quality_report.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    files = [_describe(scratch, path) for path in sorted(scratch.rglob("*")) if path.is_file()]
    manifest = {
        "package": package_name(release),
        "version": release.version,
        "source": release.source,
        "cut_at": release.cut_at.isoformat(),
        "files": [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in files],
    }
    (scratch / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    files.append(_describe(scratch, scratch / "manifest.json"))
    files.sort(key=lambda f: f.name)
    (scratch / SUMS).write_text("".join(f"{f.sha256}  {f.name}\n" for f in files), encoding="utf-8")
    if problems := check(scratch):
        raise RuntimeError("the package does not pass its own check: " + "; ".join(problems[:5]))
    return files + [_describe(scratch, scratch / SUMS)]


def check(folder: Path) -> list[str]:
    """What `sha256sum -c SHA256SUMS` checks, plus files the list does not cover: [] when the package is whole."""
    sums = folder / SUMS
    if not sums.is_file():
        return [f"{SUMS} is missing"]
    problems, listed = [], set()
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _sep, name = line.partition("  ")
        listed.add(name)
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif _sha256(path) != digest:
            problems.append(f"{name}: FAILED")
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {SUMS}
    problems += [f"{name}: not listed in {SUMS}" for name in sorted(present - listed)]
    return problems


def manifest_hash(scratch: Path) -> str:
    return _sha256(scratch / "manifest.json")


def _describe(scratch: Path, path: Path) -> BuiltFile:
    name = path.relative_to(scratch).as_posix()
    if name.startswith("exports/") or name == "consensus.csv":
        kind = "export"
    elif name.endswith(".zip"):
        kind = "package"
    elif name.endswith(".md"):
        kind = "document"
    else:
        kind = "report" if name == "quality_report.json" else "manifest"
    return BuiltFile(name=name, size=path.stat().st_size, sha256=_sha256(path), kind=kind)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
