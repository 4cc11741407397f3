"""COCO with its images, as a ZIP: annotations/instances.json and images/<item>.<ext>."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.exporters import coco
from datadam.releases.exporters.source import latest_per_item, media_blocks
from datadam.releases.zipstream import Content, stream

TITLE = _("COCO with its images (ZIP)")
CONTENT_TYPE = "application/zip"
EXTENSION = "zip"
supports = coco.supports


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    return stream(members(project, include))


def members(project: Project, include: str) -> Iterator[tuple[str, Content]]:
    yield "annotations/instances.json", coco.document(project, include, image_prefix="")
    yield from image_members(project, include, coco.image_source(project), "images/")


def image_members(project: Project, include: str, source: str, folder: str) -> Iterator[tuple[str, Content]]:
    """Each item's image file, copied in blocks; items without a stored file are left out."""
    for entry in latest_per_item(project, include, with_media=True):
        found = entry.files.get(source)
        if found:
            yield folder + entry.file_name(source, ".jpg"), media_blocks(found["id"])
