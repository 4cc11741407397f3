"""What every exporter reads: annotations in item order, in chunks, with the item's media figures.

`latest_per_item` gives one answer per item, the most recent of those included (a reviewer's correction
wins over the labeler's original), which is what single-label formats (COCO, YOLO, VOC, CoNLL, ASR) hold.
Tabular formats (CSV, Parquet) use `annotation_rows` and keep every included annotation.

A release's package is written from its frozen snapshot, never from live tables: `release_project(release)`
gives the project as it was at the cut (its name, type and schema then), and both readers, given that
project, read the release's entries (one label per item) and the raw-file figures its build measured.
Exporters need not know the difference.
"""

import copy
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from datadam.labeling.models import Annotation
from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.models import Project
from datadam.projects.schema import media as media_figures
from datadam.projects.schema.validate import schema_parse
from datadam.projects.withheld import withheld

CHUNK = 2000
COPY_BLOCK = 1024 * 1024
MEDIA = re.compile(r"^media:(\d+)$")
FIELDS = (
    "item_id",
    "item__external_id",
    "item__data",
    "id",
    "author__username",
    "version",
    "status",
    "result",
    "created_at",
)


@dataclass
class Entry:
    """One item with the answer an exporter writes, and its media files per data field."""

    item_id: int
    external_id: str
    data: dict
    result: dict
    files: dict[str, dict] = field(default_factory=dict)  # field → {"id", "name", "width", "height", "duration"}

    @property
    def stem(self) -> str:
        return f"{self.item_id:08d}"

    def file_name(self, source: str, default_suffix: str) -> str:
        """The name of the item's file in an export: the item's stem and the original file's suffix."""
        found = self.files.get(source)
        original = found["name"] if found else str(self.data.get(source) or "")
        suffix = PurePath(original).suffix.lower()[:8]
        return self.stem + (suffix if re.fullmatch(r"\.[a-z0-9]{1,7}", suffix or "") else default_suffix)

    def image_size(self, source: str) -> tuple[float, float] | None:
        return media_figures.image_size(self.data, source, self.files)

    def audio_duration(self, source: str) -> float | None:
        return media_figures.audio_duration(self.data, source, self.files)


def release_project(release) -> Project:
    """The release's project as it was at the cut, for exporters; it must never be saved."""
    project = copy.copy(release.project)
    snapshot = release.snapshot or {}
    for name, key in (("name", "project_name"), ("data_type", "data_type"), ("schema", "schema")):
        if key in snapshot:
            setattr(project, name, snapshot[key])
    project.frozen_release = release
    return project


def _frozen(project: Project):
    return getattr(project, "frozen_release", None)


def annotation_rows(project: Project, include: str) -> Iterator[tuple]:
    if release := _frozen(project):
        return _entry_rows(release)
    annotations = Annotation.objects.filter(project=project).exclude(withheld("item"))  # held back for a report
    if include == "accepted":
        annotations = annotations.filter(status=Annotation.Status.ACCEPTED)
    return annotations.order_by("item_id", "id").values_list(*FIELDS).iterator(chunk_size=CHUNK)


def latest_per_item(project: Project, include: str, *, with_media: bool = False) -> Iterator[Entry]:
    """One Entry per item with an included annotation, in item order; media looked up a chunk at a time."""
    if release := _frozen(project):
        yield from _release_entries(release)
        return
    entries = (
        Entry(item_id=item_id, external_id=rows[-1][1], data=rows[-1][2] or {}, result=rows[-1][7] or {})
        for item_id, group in itertools.groupby(annotation_rows(project, include), key=lambda row: row[0])
        for rows in [list(group)]
    )
    if not with_media:
        yield from entries
        return
    while chunk := list(itertools.islice(entries, CHUNK)):
        _attach_media(project, chunk)
        yield from chunk


def _entry_rows(release) -> Iterator[tuple]:
    """The release's entries shaped as annotation_rows (FIELDS); a consensus label has no author or version."""
    status = "consensus" if release.source == "consensus" else Annotation.Status.ACCEPTED
    rows = release.entries.order_by("item_id").values_list(
        "item_id", "external_id", "data", "annotation_id", "author", "annotation_version", "result", "annotated_at"
    )
    for item_id, external_id, data, annotation_id, author, version, result, annotated_at in rows.iterator(
        chunk_size=CHUNK
    ):
        yield item_id, external_id, data, annotation_id, author or None, version, status, result, annotated_at


def _release_entries(release) -> Iterator[Entry]:
    rows = release.entries.order_by("item_id").values_list("item_id", "external_id", "data", "result", "files")
    for item_id, external_id, data, result, files in rows.iterator(chunk_size=CHUNK):
        yield Entry(item_id=item_id, external_id=external_id, data=data or {}, result=result or {}, files=files or {})


def _attach_media(project: Project, chunk: list[Entry]) -> None:
    wanted = {
        entry.item_id: {
            name: int(match.group(1))
            for name, value in entry.data.items()
            if isinstance(value, str) and (match := MEDIA.match(value))
        }
        for entry in chunk
    }
    media_ids = {media_id for fields in wanted.values() for media_id in fields.values()}
    if not media_ids:
        return
    files = MediaFile.objects.filter(project_id=project.id, id__in=media_ids).values(
        "id", "original_name", "width", "height", "duration"
    )
    by_id = {row["id"]: {**row, "name": row["original_name"]} for row in files}
    for entry in chunk:
        entry.files = {name: by_id[media_id] for name, media_id in wanted[entry.item_id].items() if media_id in by_id}


def media_blocks(media_id: int) -> Iterator[bytes]:
    """The stored file's bytes in blocks, so copying a large image into an archive keeps memory flat."""
    media = MediaFile.objects.get(id=media_id)
    with media_storage().open(media.storage_key, "rb") as handle:
        while block := handle.read(COPY_BLOCK):
            yield block


def controls(project: Project, *kinds: str) -> list:
    """The project's controls of the given kinds (every kind when none is given), in schema order; [] for a
    schema that does not parse."""
    try:
        schema = schema_parse(project.schema)
    except Exception:  # a broken old schema exports nothing rather than failing the whole release
        return []
    return [control for control in schema.controls if not kinds or control.type in kinds]
