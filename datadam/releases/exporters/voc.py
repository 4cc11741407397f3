"""Pascal VOC XML, as a ZIP: Annotations/<item>.xml, JPEGImages/<item>.<ext>, ImageSets/Main/default.txt.

VOC holds boxes only, so only the project's boxes controls are written. Corners are whole pixels, 1-based
and inclusive as the VOC devkit defines them: a box covering x from 10.4 to 60.6 (pixels 10 to 60,
counted from 0) is written xmin 11, xmax 61. Fractions are rounded outward, so the written box always
holds the labeled one, and clamped to the image (1 … width, 1 … height). Readers that follow the devkit
(detectron2, for one) get back the outward-rounded box in continuous coordinates.

`depth` is the image's number of channels as Pillow reads the stored file (1 for grayscale "L", 3 for RGB
and for palette images, 4 for RGBA or CMYK); an item without a stored file is written with depth 3.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.projects.models import Project
from datadam.releases.exporters.fit import data_type_mismatch
from datadam.releases.exporters.source import Entry, controls, latest_per_item, media_blocks
from datadam.releases.zipstream import Content, stream

if TYPE_CHECKING:
    from PIL import ImageFile

TITLE = gettext_lazy("Pascal VOC XML with images (ZIP): boxes")
CONTENT_TYPE = "application/zip"
EXTENSION = "zip"
DEFAULT_DEPTH = 3
PALETTE_DEPTH = {"P": 3, "PA": 4}  # a palette image shows colours: its depth is that of its colours


def supports(project: Project) -> str | None:
    if reason := data_type_mismatch(project, Project.DataType.IMAGE, "Pascal VOC"):
        return reason
    if not controls(project, "boxes"):
        return _("Pascal VOC needs boxes in the label schema.")
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    return stream(members(project, include))


def members(project: Project, include: str) -> Iterator[tuple[str, Content]]:
    """The image is handed to the writer before its annotation: the writer copies it whole (and the reader
    learns its depth on the way) before it asks for the next member."""
    used = controls(project, "boxes")
    source = used[0].source if used else "image"
    stems = []
    for entry in latest_per_item(project, include, with_media=True):
        name, depth = entry.file_name(source, ".jpg"), DEFAULT_DEPTH
        found = entry.files.get(source)
        if found:
            reader = DepthReader()
            yield f"JPEGImages/{name}", reader.watch(media_blocks(found["id"]))
            depth = reader.depth or DEFAULT_DEPTH
        yield f"Annotations/{entry.stem}.xml", annotation_xml(entry, used, source, name, depth)
        stems.append(entry.stem)  # eight characters an item: 1,000,000 items hold 9 MB
    yield "ImageSets/Main/default.txt", "".join(stem + "\n" for stem in stems)


class DepthReader:
    """Reads the image's mode from the first blocks of its file as they are copied, so the file is read once."""

    def __init__(self) -> None:
        from PIL import ImageFile  # loaded on use: the web process lists this format without loading Pillow

        self.parser: ImageFile.Parser | None = ImageFile.Parser()
        self.depth: int | None = None

    def watch(self, blocks: Iterator[bytes]) -> Iterator[bytes]:
        for block in blocks:
            if self.parser is not None:
                self._feed(block)
            yield block

    def _feed(self, block: bytes) -> None:
        try:
            self.parser.feed(block)
        except Exception:  # not an image Pillow reads: the default depth is written
            self.parser = None
            return
        if self.parser.image is not None:
            from PIL import Image  # already loaded by the parser

            mode = self.parser.image.mode
            self.depth, self.parser = PALETTE_DEPTH.get(mode) or Image.getmodebands(mode), None


def annotation_xml(entry: Entry, used: list, source: str, name: str, depth: int) -> str:
    size = entry.image_size(source)
    width, height = size or (0, 0)
    objects = [
        _object(region, size)
        for control in used
        for region in entry.result.get(control.name) or []
        if isinstance(region, dict) and region.get("label")
    ]
    return (
        "<annotation>\n"
        "  <folder>JPEGImages</folder>\n"
        f"  <filename>{escape(name)}</filename>\n"
        f"  <size><width>{int(width)}</width><height>{int(height)}</height><depth>{depth}</depth></size>\n"
        "  <segmented>0</segmented>\n" + "".join(objects) + "</annotation>\n"
    )


def corners(region: dict, size: tuple[float, float] | None) -> tuple[int, int, int, int]:
    """1-based inclusive pixel corners, rounded outward and clamped to the image when its size is known."""
    x, y, w, h = (float(region[key]) for key in ("x", "y", "width", "height"))
    xmin, ymin, xmax, ymax = math.floor(x) + 1, math.floor(y) + 1, math.ceil(x + w), math.ceil(y + h)
    width, height = (int(size[0]), int(size[1])) if size else (max(xmax, 1), max(ymax, 1))
    xmin, ymin = min(max(xmin, 1), width), min(max(ymin, 1), height)
    return xmin, ymin, min(max(xmax, xmin), width), min(max(ymax, ymin), height)


def _object(region: dict, size: tuple[float, float] | None) -> str:
    xmin, ymin, xmax, ymax = corners(region, size)
    return (
        "  <object>\n"
        f"    <name>{escape(region['label'])}</name>\n"
        "    <pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>\n"
        f"    <bndbox><xmin>{xmin}</xmin><ymin>{ymin}</ymin><xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox>\n"
        "  </object>\n"
    )
