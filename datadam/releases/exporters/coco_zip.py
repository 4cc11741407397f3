"""COCO with its images, as a ZIP: annotations/instances.json and images/<item>.<ext>."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.exporters import coco
from datadam.releases.exporters.archive import ZipStream
from datadam.releases.exporters.source import latest_per_item, media_blocks

TITLE = _("COCO with its images (ZIP)")
CONTENT_TYPE = "application/zip"
EXTENSION = "zip"
supports = coco.supports


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    archive, source = ZipStream(), coco.image_source(project)
    yield from archive.add_blocks("annotations/instances.json", coco.document(project, include, image_prefix=""))
    yield from image_members(archive, project, include, source, "images/")
    yield archive.close()


def image_members(archive: ZipStream, project: Project, include: str, source: str, folder: str) -> Iterator[bytes]:
    """Each item's image file, copied in blocks; items without a stored file are left out."""
    for entry in latest_per_item(project, include, with_media=True):
        found = entry.files.get(source)
        if found:
            yield from archive.add_blocks(folder + entry.file_name(source, ".jpg"), media_blocks(found["id"]))
