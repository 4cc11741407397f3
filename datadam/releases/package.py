"""The release's files, written as streams from the frozen entries: an AI Hub-style package, the exports,
the quality report and a SHA-256 manifest.

Layout (the layout of AI Hub's data sets, so people who know it find their way):

    Training/01.원천데이터/TS_<name>.zip     raw files of the training split (one per item)
    Training/02.라벨링데이터/TL_<name>.zip   one JSON label file per raw file, same stem
    Validation/01.원천데이터/VS_<name>.zip
    Validation/02.라벨링데이터/VL_<name>.zip
    exports/<name>.jsonl                      the frozen labels as JSON Lines
    exports/<name>_<format>.<ext>             the project's other export formats that fit its schema
    quality_report.json  manifest.json  SHA256SUMS

Entries are read in chunks and written one at a time into open archives (zipstream.ZipWriter keeps its
central directory in a scratch file), and media is copied in blocks, so memory does not grow with the data
set. Every archive member carries the same fixed date, so a rebuild of the same release gives the same bytes
and the same hashes.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from datadam.releases import report
from datadam.releases.exporters import FORMATS
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
    base = slugify(release.project.name, allow_unicode=True)[:40] or "data"
    return f"{base}_{release.version}"


def build(release: Release, scratch: Path, *, progress: Callable[[int], None]) -> Outcome:
    """Write the four archives and the exports into `scratch`; returns what the report needs from the data."""
    collector = report.Collector(release.project.schema, project_id=release.project_id)
    name, done = package_name(release), 0
    for split, (folder, raw_prefix, label_prefix) in SPLITS.items():
        raw_path = scratch / folder / RAW / f"{raw_prefix}_{name}.zip"
        label_path = scratch / folder / LABEL / f"{label_prefix}_{name}.zip"
        raw_path.parent.mkdir(parents=True, exist_ok=True)
        label_path.parent.mkdir(parents=True, exist_ok=True)
        with _archive(raw_path) as raw_zip, _archive(label_path) as label_zip:
            for entry in _entries(release, split):
                _write_entry(release, entry, raw_zip, label_zip, collector)
                done += 1
                if done % PROGRESS_EVERY == 0:
                    progress(done)
    _write_exports(release, scratch / "exports", beat=lambda: progress(done))
    progress(done)
    return Outcome(collector=collector)


def _archive(path: Path) -> ZipWriter:
    return ZipWriter(path)


def _entries(release: Release, split: str):
    fields = ("item_id", "external_id", "data", "result", "split")
    rows = release.entries.filter(split=split).order_by("item_id").values_list(*fields)
    return rows.iterator(chunk_size=CHUNK)


def _write_entry(release: Release, entry: tuple, raw_zip, label_zip, collector: "report.Collector") -> None:
    item_id, external_id, data, result, split = entry
    stem = f"{item_id:08d}"
    raw_name, raw_ok, measures = _write_raw(release, stem, data, raw_zip)
    label = {
        "id": stem,
        "item_id": item_id,
        "external_id": external_id,
        "release": release.version,
        "split": split,
        "raw_file": raw_name,
        "data": {key: value for key, value in data.items() if key not in measures.get("media_fields", ())},
        "labels": result,
    }
    label_zip.add(f"{stem}.json", json.dumps(label, ensure_ascii=False, indent=1).encode("utf-8"))
    collector.add(data=data, result=result, raw_ok=raw_ok, measures=measures)


def _write_raw(release: Release, stem: str, data: dict, raw_zip) -> tuple[str, bool, dict]:
    """The item's raw file: its media file when it has one, else its text; returns name, parses?, measures."""
    for field, value in data.items():
        match = MEDIA.match(value) if isinstance(value, str) else None
        if match and MediaFile is not None:
            return _write_media(release, stem, field, int(match.group(1)), raw_zip)
    text = data.get("text")
    if isinstance(text, str):
        raw_zip.add(f"{stem}.txt", text.encode("utf-8", errors="replace"))
        return f"{stem}.txt", bool(text.strip()), {"text_length": len(text)}
    raw_zip.add(f"{stem}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return f"{stem}.json", isinstance(data, dict), {}


def _write_media(release: Release, stem: str, field: str, media_id: int, raw_zip) -> tuple[str, bool, dict]:
    media = MediaFile.objects.filter(id=media_id, project_id=release.project_id).first()
    measures: dict = {"media_fields": (field,)}
    if media is None:
        return "", False, measures
    suffix = Path(media.original_name).suffix.lower()[:8] or ".bin"
    name = f"{stem}{suffix}"
    with media_storage().open(media.storage_key, "rb") as source:
        raw_zip.add(name, iter(lambda: source.read(1024 * 1024), b""))
    if media.kind == "image" and media.width:
        measures |= {"image_width": media.width, "image_height": media.height}
    if media.kind == "audio" and media.duration:
        measures["audio_duration"] = media.duration
    return name, media.status == "ok", measures


def _write_exports(release: Release, folder: Path, beat: Callable[[], None]) -> None:
    """The labels as JSON Lines from the frozen entries, and each other registered format of the project."""
    folder.mkdir(parents=True, exist_ok=True)
    name = package_name(release)
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
        for item_id, external_id, data, result, split in release.entries.order_by("item_id").values_list(
            "item_id", "external_id", "data", "result", "split"
        ).iterator(chunk_size=CHUNK):
            line = {"item": {"id": item_id, "external_id": external_id, "data": data}, "split": split}
            handle.write(json.dumps(line | {"labels": result}, ensure_ascii=False) + "\n")
    for file_format, exporter in FORMATS.items():
        if file_format == "jsonl" or not _applies(exporter, release):
            continue
        beat()  # one format can take minutes on a big project: show the build is alive
        with (folder / f"{name}_{file_format}.{exporter.EXTENSION}").open("wb") as handle:
            for chunk in exporter.rows(release.project, "accepted"):
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)


def _applies(exporter, release: Release) -> bool:
    """`supports(project)` gives None when the format fits, else the reason; one that does not say fits all."""
    supports = getattr(exporter, "supports", None)
    return supports(release.project) is None if callable(supports) else True


def finish(release: Release, scratch: Path, figures: dict) -> list[BuiltFile]:
    """Write the report and the manifest; returns every file with its size and SHA-256."""
    (scratch / "quality_report.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    files = [_describe(scratch, path) for path in sorted(scratch.rglob("*")) if path.is_file()]
    manifest = {
        "package": package_name(release),
        "version": release.version,
        "files": [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in files],
    }
    (scratch / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    sums = "".join(f"{f.sha256}  {f.name}\n" for f in files)
    (scratch / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return files + [_describe(scratch, scratch / "manifest.json"), _describe(scratch, scratch / "SHA256SUMS")]


def manifest_hash(scratch: Path) -> str:
    return _sha256(scratch / "manifest.json")


def _describe(scratch: Path, path: Path) -> BuiltFile:
    name = path.relative_to(scratch).as_posix()
    if name.startswith("exports/"):
        kind = "export"
    elif name.endswith(".zip"):
        kind = "package"
    else:
        kind = "report" if name == "quality_report.json" else "manifest"
    return BuiltFile(name=name, size=path.stat().st_size, sha256=_sha256(path), kind=kind)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()

